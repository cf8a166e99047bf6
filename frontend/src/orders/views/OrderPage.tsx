// One order: its figures, its lines, its history (every move, who and why), the moves the
// franchisee may make now (the API's Order.actions decides which buttons show) and a download.
import { Button, Card, ErrorBlock, List, Steps } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { useSession } from '../../auth/sessionContext';
import { productName, useCatalogueNames } from '../../catalogue/categories';
import { useFormat } from '../../i18n/format';
import { useMessages } from '../../i18n/messages';
import { RejectSheet } from '../../proposal/components/RejectSheet/RejectSheet';
import { proposalUrl } from '../../proposal/urls';
import { withoutData } from '../../ui/QueryError/withoutData';
import { StatusTag } from '../components/StatusTag/StatusTag';
import { downloadOrder } from '../exportOrder';
import { OrderDetailQuery, OrderRejectMutation } from '../queries';
import { statusMessages } from '../status';
import { ordersUrl } from '../urls';
import { messages } from './orderMessages';
import styles from './OrderPage.module.css';

export function OrderPage() {
  const { orderId = '' } = useParams();
  const t = useMessages(messages);
  const status = useMessages(statusMessages);
  const format = useFormat();
  const names = useCatalogueNames();
  const session = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: OrderDetailQuery,
    variables: { id: orderId },
  });
  const [rejectState, reject] = useMutation(OrderRejectMutation);
  const [rejecting, setRejecting] = useState(false);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  if (!data) return withoutData({ fetching, error }, reexecute);
  const order = data.order;
  if (!order) {
    return (
      <ErrorBlock
        status="empty"
        title={t('notFound')}
        description={<Link to={ordersUrl()}>{t('back')}</Link>}
      />
    );
  }
  const currency = data.me.tenant?.currency ?? 'CNY';
  const lines = order.lines.filter((line) => line.qty > 0);
  const canChange = order.actions.includes('ADJUST') || order.actions.includes('CONFIRM');

  return (
    <div className={styles.page}>
      <Link to={ordersUrl()} className={styles.back}>
        ← {t('back')}
      </Link>
      <header className={styles.header}>
        <h1 className={styles.title}>{t('title', { number: order.number })}</h1>
        <StatusTag status={order.status} />
      </header>
      <div className={styles.layout}>
        <div className={styles.main}>
          <Card title={<h2 className={styles.h2}>{t('summary')}</h2>}>
            <dl className={styles.facts}>
              <dt>{t('units')}</dt>
              <dd>{format.number(order.totalUnits)}</dd>
              <dt>{t('cost')}</dt>
              <dd>{format.money(order.totalCost, currency)}</dd>
              <dt>{t('retail')}</dt>
              <dd>{format.money(order.totalRetail, currency)}</dd>
              {order.merchandiser && (
                <>
                  <dt>{t('merchandiser')}</dt>
                  <dd>{order.merchandiser.name}</dd>
                </>
              )}
              {order.expiresAt && canChange && (
                <>
                  <dt>{t('deadline')}</dt>
                  <dd>{format.dateTime(order.expiresAt)}</dd>
                </>
              )}
              {order.shipment && (
                <>
                  <dt>{t('shipment')}</dt>
                  <dd>
                    {order.shipment.carrier} {order.shipment.trackingNumber}
                    {order.shipment.estimatedDelivery &&
                      ` · ${t('eta', { date: format.date(order.shipment.estimatedDelivery) })}`}
                    {order.shipment.late && ` · ${t('late')}`}
                  </dd>
                </>
              )}
              {order.closeReason && (
                <>
                  <dt>{t('reason')}</dt>
                  <dd>{order.closeReason}</dd>
                </>
              )}
            </dl>
            {order.note && <blockquote className={styles.note}>{order.note}</blockquote>}
            <div className={styles.actions}>
              {canChange && (
                <Link className={styles.primary} to={proposalUrl(order.id)}>
                  {t('review')}
                </Link>
              )}
              {order.actions.includes('REJECT') && (
                <Button
                  color="danger"
                  fill="outline"
                  onClick={() => {
                    setRejectError(null);
                    setRejecting(true);
                  }}
                >
                  {t('reject')}
                </Button>
              )}
              <Button
                loading={exporting}
                onClick={() => {
                  setExporting(true);
                  setExported(null);
                  downloadOrder(session, order.id)
                    .then((name) => {
                      setExported(t('downloaded', { name }));
                    })
                    .catch(() => {
                      setExported(t('exportFailed'));
                    })
                    .finally(() => {
                      setExporting(false);
                    });
                }}
              >
                {t('export')}
              </Button>
            </div>
            <p role="status" className={styles.status}>
              {exported}
            </p>
          </Card>
          <Card title={<h2 className={styles.h2}>{t('lines', { count: lines.length })}</h2>}>
            <List>
              {lines.map((line) => (
                <List.Item
                  key={line.id}
                  extra={format.money(line.lineCost, currency)}
                  description={`${line.sku.code} · ${names.category(line.sku.product.category)}`}
                >
                  {productName(line.sku.product, names.locale)} {names.colour(line.sku.colour)}{' '}
                  {line.sku.size} × {format.number(line.qty)}
                </List.Item>
              ))}
            </List>
          </Card>
        </div>
        <Card className={styles.history} title={<h2 className={styles.h2}>{t('history')}</h2>}>
          <Steps direction="vertical" current={order.transitions.length - 1}>
            {order.transitions.map((move, index) => (
              <Steps.Step
                key={`${move.at}-${index}`}
                status="finish"
                title={status(move.toStatus)}
                description={
                  <span>
                    <time dateTime={move.at}>{format.dateTime(move.at)}</time>
                    {move.actorUser && ` · ${move.actorUser.name}`}
                    {move.reason && ` · ${t('because', { reason: move.reason })}`}
                  </span>
                }
              />
            ))}
          </Steps>
        </Card>
      </div>
      <RejectSheet
        visible={rejecting}
        busy={rejectState.fetching}
        error={rejectError}
        onReject={(reason) => {
          void reject({ input: { id: order.id, reason } }).then((result) => {
            const errors = result.data?.orderReject.userErrors ?? [];
            if (result.error) setRejectError(t('failed'));
            else if (errors.length) setRejectError(errors.map((e) => e.message).join(' '));
            else setRejecting(false);
          });
        }}
        onClose={() => {
          setRejecting(false);
        }}
      />
    </div>
  );
}
