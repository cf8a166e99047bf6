// Switches between Chinese and English; the choice is remembered on this device.
import { Button, Space } from 'antd-mobile';

import { LOCALES } from '../../i18n';
import { useLocale } from '../../locale';
import { useMessages } from '../../messages';
import { messages } from './messages';

export function LanguageSwitch() {
  const t = useMessages(messages);
  const [locale, choose] = useLocale();
  return (
    <div role="group" aria-label={t('label')}>
      <Space style={{ '--gap': '4px' }}>
        {LOCALES.map((value) => (
          <Button
            key={value}
            size="mini"
            fill={value === locale ? 'solid' : 'outline'}
            color={value === locale ? 'primary' : 'default'}
            aria-pressed={value === locale}
            onClick={() => {
              choose(value);
            }}
          >
            <span lang={value}>{t(value)}</span>
          </Button>
        ))}
      </Space>
    </div>
  );
}
