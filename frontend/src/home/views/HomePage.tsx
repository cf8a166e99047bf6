// The franchisee's home: their stores, each with its budget and merchandiser.
import { ErrorBlock, Space } from 'antd-mobile';
import { useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { Pending } from '../../ui/Pending/Pending';
import { QueryError } from '../../ui/QueryError/QueryError';
import { StoreCard } from '../components/StoreCard/StoreCard';
import { HomePageQuery } from '../queries';
import { messages } from './messages';

export function HomePage() {
  const t = useMessages(messages);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: HomePageQuery });
  if (fetching && !data) return <Pending />;
  if (!data) {
    return error ? (
      <QueryError
        error={error}
        onRetry={() => {
          reexecute({ requestPolicy: 'network-only' });
        }}
      />
    ) : null;
  }
  const name = data.me.user?.name;
  const currency = data.me.tenant?.currency ?? 'CNY';
  const stores = data.stores.edges.map((edge) => edge.node);
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>
        {name ? t('greeting', { name }) : t('greetingNoName')}
      </h1>
      <section aria-labelledby="my-stores">
        <h2 id="my-stores" style={{ margin: '8px 4px', fontSize: 16 }}>
          {t('myStores')}
        </h2>
        {stores.length === 0 ? (
          <ErrorBlock status="empty" title={t('noStores')} description={null} />
        ) : (
          <Space direction="vertical" block>
            {stores.map((store) => (
              <StoreCard key={store.id} store={store} currency={currency} />
            ))}
          </Space>
        )}
      </section>
    </Space>
  );
}
