// The franchisee's home: what waits for them (the open proposal and its deadline, the budget
// left), how things stand (latest delivery, open complaints, unread messages), and their
// stores with the merchandiser who serves each.
import { Badge, Card, ErrorBlock, Space } from 'antd-mobile';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import { useFormat } from '../../i18n/format';
import { useMessages } from '../../i18n/messages';
import { proposalUrl } from '../../proposal/urls';
import { Countdown } from '../../ui/Countdown/Countdown';
import { withoutData } from '../../ui/QueryError/withoutData';
import { StoreCard } from '../components/StoreCard/StoreCard';
import { HomePageQuery } from '../queries';
import { complaintsHref, deliveriesHref, messagesHref } from '../urls';
import styles from './HomePage.module.css';
import { messages } from './messages';

export function HomePage() {
  const t = useMessages(messages);
  const format = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: HomePageQuery,
    requestPolicy: 'cache-and-network',
  });
  if (!data) return withoutData({ fetching, error }, reexecute);
  const name = data.me.user?.name;
  const currency = data.me.tenant?.currency ?? 'CNY';
  const stores = data.stores.edges.map((edge) => edge.node);
  const proposal = data.openProposals.edges[0]?.node;
  const shipment = data.shipments.edges[0]?.node;
  const complaints = data.openComplaints.totalCount + data.complaintsInHand.totalCount;
  const unread = data.unreadMessageCount;
  return (
    <Space direction="vertical" block>
      <h1 className={styles.greeting}>{name ? t('greeting', { name }) : t('greetingNoName')}</h1>
      <section aria-labelledby="waiting" className={styles.section}>
        <h2 id="waiting" className={styles.h2}>
          {t('waiting')}
        </h2>
        {proposal ? (
          <Card className={styles.proposal}>
            <p className={styles.proposalTitle}>
              {t('proposal', { number: proposal.number })}
              {data.openProposals.totalCount > 1 &&
                ` ${t('more', { count: data.openProposals.totalCount - 1 })}`}
            </p>
            {proposal.expiresAt && (
              <p className={styles.line}>
                {t('deadline')} <Countdown deadline={proposal.expiresAt} />
              </p>
            )}
            <p className={styles.line}>
              {t('proposalFigures', {
                units: format.number(proposal.totalUnits),
                cost: format.money(proposal.totalCost, currency),
              })}
            </p>
            <p className={styles.line}>
              {t('budgetLeft', {
                left: format.money(proposal.budget.left, currency),
                budget: format.money(proposal.budget.budget, currency),
              })}
            </p>
            <Link className={styles.cta} to={proposalUrl(proposal.id)}>
              {t('review')}
            </Link>
          </Card>
        ) : (
          <Card>
            <p className={styles.line}>{t('noProposal')}</p>
          </Card>
        )}
      </section>
      <section aria-labelledby="standing" className={styles.section}>
        <h2 id="standing" className={styles.h2}>
          {t('standing')}
        </h2>
        <ul className={styles.tiles}>
          <li>
            <Link className={styles.tile} to={deliveriesHref}>
              <span className={styles.tileLabel}>{t('delivery')}</span>
              <strong>
                {shipment
                  ? `${t(`shipment_${shipment.status}`)}${shipment.late ? ` · ${t('late')}` : ''}`
                  : t('noDelivery')}
              </strong>
              {shipment?.estimatedDelivery && shipment.status !== 'DELIVERED' && (
                <span className={styles.tileNote}>
                  {t('eta', { date: format.date(shipment.estimatedDelivery) })}
                </span>
              )}
            </Link>
          </li>
          <li>
            <Link className={styles.tile} to={complaintsHref}>
              <span className={styles.tileLabel}>{t('complaints')}</span>
              <strong>{t('openCount', { count: format.number(complaints) })}</strong>
            </Link>
          </li>
          <li>
            <Link className={styles.tile} to={messagesHref}>
              <span className={styles.tileLabel}>
                {t('messages')} {unread > 0 && <Badge content={unread} aria-hidden="true" />}
              </span>
              <strong>{t('unreadCount', { count: format.number(unread) })}</strong>
            </Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="my-stores" className={styles.section}>
        <h2 id="my-stores" className={styles.h2}>
          {t('myStores')}
        </h2>
        {stores.length === 0 ? (
          <ErrorBlock status="empty" title={t('noStores')} description={null} />
        ) : (
          <div className={styles.stores}>
            {stores.map((store) => (
              <StoreCard key={store.id} store={store} currency={currency} />
            ))}
          </div>
        )}
      </section>
    </Space>
  );
}
