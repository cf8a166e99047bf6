// The store's deliveries, newest first: each with its tracking timeline and, once delivered,
// its rating.
import { ErrorBlock, Space } from 'antd-mobile';
import { useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { withoutData } from '../../ui/QueryError/withoutData';
import { type ChosenStore, StoreSwitch } from '../../ui/StoreSwitch/StoreSwitch';
import { ShipmentCard } from '../components/ShipmentCard/ShipmentCard';
import { DeliveriesPageQuery } from '../queries';
import { messages } from './messages';

export function DeliveriesPage() {
  const t = useMessages(messages);
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('title')}</h1>
      <StoreSwitch>{(store) => <StoreDeliveries store={store} />}</StoreSwitch>
    </Space>
  );
}

function StoreDeliveries({ store }: { store: ChosenStore }) {
  const t = useMessages(messages);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: DeliveriesPageQuery,
    variables: { storeId: store.id },
  });
  if (!data) return withoutData({ fetching, error }, reexecute);
  const ratings = new Map(data.surveys.edges.map(({ node }) => [node.orderId, node.overall]));
  const shipments = data.shipments.edges.map((edge) => edge.node);
  if (shipments.length === 0) return <ErrorBlock status="empty" title={t('none')} description={null} />;
  return (
    <Space direction="vertical" block>
      {shipments.map((shipment) => (
        <ShipmentCard
          key={shipment.id}
          shipment={shipment}
          rating={shipment.order ? (ratings.get(shipment.order.id) ?? null) : null}
        />
      ))}
    </Space>
  );
}
