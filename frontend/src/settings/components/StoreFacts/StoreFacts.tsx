// The store's passport as far as its owner needs it: read-only, with who to ask for changes.
import { Card, List } from 'antd-mobile';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import { StoreFactsFragment } from './fragments';
import { messages } from './messages';

export function StoreFacts({ store: ref }: { store: FragmentType<typeof StoreFactsFragment> }) {
  const t = useMessages(messages);
  const format = useFormat();
  const store = readFragment(StoreFactsFragment, ref);
  const shown = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('unknown');
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (typeof value === 'number') return format.number(value);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const place = [store.province, store.city, store.address].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="store-facts">
      <Card
        title={
          <h2 id="store-facts" style={{ margin: 0, fontSize: 17 }}>
            {t('title')}
          </h2>
        }
      >
        <p style={{ margin: '0 0 8px', color: '#595959' }}>{t('intro')}</p>
        <List>
          <List.Item extra={`${store.name} · ${store.code}`}>{t('store')}</List.Item>
          <List.Item extra={place}>{t('location')}</List.Item>
          <List.Item extra={shown(store.franchiseeName)}>{t('owner')}</List.Item>
          <List.Item extra={shown(store.franchiseePhone)}>{t('phone')}</List.Item>
          <List.Item extra={shown(store.franchiseeEmail)}>{t('email')}</List.Item>
          <List.Item extra={t('units', { count: format.number(store.displayCapacity) })}>
            {t('capacity')}
          </List.Item>
          <List.Item
            extra={
              store.merchandiser
                ? `${store.merchandiser.name}${store.merchandiser.phone ? ` · ${store.merchandiser.phone}` : ''}`
                : t('unknown')
            }
          >
            {t('merchandiser')}
          </List.Item>
          {store.customFields
            .filter((field) => !field.franchiseeEditable)
            .map((field) => (
              <List.Item key={field.key} extra={shown(field.value)}>
                {field.label}
              </List.Item>
            ))}
        </List>
      </Card>
    </section>
  );
}
