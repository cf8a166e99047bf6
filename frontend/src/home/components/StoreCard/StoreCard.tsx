// One of the franchisee's stores: where it is, its budget, and who picks its goods.
import { Card, List } from 'antd-mobile';
import { Link } from 'react-router';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import { messagesHref } from '../../urls';
import { Initials } from '../Initials/Initials';
import { StoreCardFragment } from './fragments';
import { messages } from './messages';

export interface StoreCardProps {
  store: FragmentType<typeof StoreCardFragment>;
  currency: string;
}

export function StoreCard({ store: ref, currency }: StoreCardProps) {
  const t = useMessages(messages);
  const format = useFormat();
  const store = readFragment(StoreCardFragment, ref);
  const merchandiser = store.merchandiser;
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 17 }}>{store.name}</h3>}>
      <List>
        <List.Item extra={store.code}>{t('code')}</List.Item>
        <List.Item extra={`${store.province} · ${store.city}`}>{t('location')}</List.Item>
        <List.Item extra={format.money(store.budget, currency)}>{t('budget')}</List.Item>
        <List.Item
          prefix={merchandiser ? <Initials name={merchandiser.name} /> : null}
          extra={
            merchandiser?.phone ? (
              <a
                href={`tel:${merchandiser.phone}`}
                aria-label={t('call', { name: merchandiser.name, phone: merchandiser.phone })}
              >
                {merchandiser.phone}
              </a>
            ) : null
          }
          description={merchandiser?.name ?? t('noMerchandiser')}
        >
          {t('merchandiser')}
        </List.Item>
        {merchandiser && (
          <List.Item>
            <Link to={messagesHref}>{t('message', { name: merchandiser.name })}</Link>
          </List.Item>
        )}
      </List>
    </Card>
  );
}
