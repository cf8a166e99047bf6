// The order history: newest first, filtered by where the order is, by period and by number,
// a page at a time ("show more").
import { Button, List, SearchBar, Selector } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import type { OrderFilter } from '../../graphql/generated/graphql';
import { useFormat } from '../../i18n/format';
import { useMessages } from '../../i18n/messages';
import { withoutData } from '../../ui/QueryError/withoutData';
import { StatusTag } from '../components/StatusTag/StatusTag';
import { filterOf, PERIODS, STATUS_GROUPS } from '../filters';
import { OrdersListQuery } from '../queries';
import { orderUrl } from '../urls';
import { messages } from './messages';
import styles from './OrdersPage.module.css';

const PAGE = 20;

type GroupKey = 'open' | 'underway' | 'delivered' | 'closed';
type PeriodKey = 'month' | 'quarter' | 'year';

export function OrdersPage() {
  const t = useMessages(messages);
  const [group, setGroup] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [now] = useState(() => new Date());
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = filterOf(group, period, number, now);
  const reset = () => {
    setCursors([null]);
  };
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>{t('title')}</h1>
      <section className={styles.filters} aria-label={t('filters')}>
        <SearchBar
          placeholder={t('number')}
          aria-label={t('number')}
          onSearch={(value) => {
            setNumber(value);
            reset();
          }}
          onClear={() => {
            setNumber('');
            reset();
          }}
        />
        <fieldset className={styles.fieldset}>
          <legend>{t('status')}</legend>
          <Selector
            showCheckMark={false}
            options={(Object.keys(STATUS_GROUPS) as GroupKey[]).map((key) => ({ label: t(key), value: key }))}
            value={group ? [group] : []}
            onChange={(values) => {
              setGroup(values[0] ?? null);
              reset();
            }}
          />
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend>{t('period')}</legend>
          <Selector
            showCheckMark={false}
            options={(Object.keys(PERIODS) as PeriodKey[]).map((key) => ({ label: t(key), value: key }))}
            value={period ? [period] : []}
            onChange={(values) => {
              setPeriod(values[0] ?? null);
              reset();
            }}
          />
        </fieldset>
      </section>
      <List aria-label={t('list')}>
        {cursors.map((after, index) => (
          <OrdersChunk
            key={after ?? 'first'}
            filter={filter}
            after={after}
            first={index === 0}
            last={index === cursors.length - 1}
            onMore={(cursor) => {
              setCursors((current) => [...current, cursor]);
            }}
          />
        ))}
      </List>
    </div>
  );
}

function OrdersChunk({
  filter,
  after,
  first,
  last,
  onMore,
}: {
  filter: OrderFilter;
  after: string | null;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const t = useMessages(messages);
  const format = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: OrdersListQuery,
    variables: { first: PAGE, after, filter },
    requestPolicy: 'cache-and-network',
  });
  if (!data) return withoutData({ fetching, error }, reexecute);
  const currency = data.me.tenant?.currency ?? 'CNY';
  const orders = data.orders.edges.map((edge) => edge.node);
  return (
    <>
      {first && (
        <p className={styles.count} role="status">
          {t('count', { count: data.orders.totalCount })}
        </p>
      )}
      {first && orders.length === 0 && <p className={styles.count}>{t('none')}</p>}
      {orders.map((order) => (
        <List.Item
          key={order.id}
          extra={format.money(order.totalCost, currency)}
          description={
            <span className={styles.meta}>
              <StatusTag status={order.status} /> {format.dateTime(order.proposedAt ?? order.createdAt)} ·{' '}
              {t('units', { units: format.number(order.totalUnits) })}
            </span>
          }
        >
          <Link className={styles.link} to={orderUrl(order.id)}>
            {order.number}
          </Link>
        </List.Item>
      ))}
      {last && data.orders.pageInfo.hasNextPage && data.orders.pageInfo.endCursor && (
        <div className={styles.more}>
          <Button
            onClick={() => {
              onMore(data.orders.pageInfo.endCursor ?? '');
            }}
          >
            {t('more')}
          </Button>
        </div>
      )}
    </>
  );
}
