// Shown while the session is restored or a page's data loads.
import { DotLoading } from 'antd-mobile';

import { useMessages } from '../../i18n/messages';
import { messages } from './messages';

export function Pending() {
  const t = useMessages(messages);
  return (
    <div role="status" style={{ padding: 32, textAlign: 'center', color: 'var(--adm-color-weak)' }}>
      <DotLoading /> {t('loading')}
    </div>
  );
}
