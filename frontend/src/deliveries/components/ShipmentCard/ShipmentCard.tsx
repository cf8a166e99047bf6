// One delivery: where it is (the carrier's events, newest first), when it is due, whether it is
// late, who signed for it, and the way to rate it once it has arrived.
import { Card, List, Steps } from 'antd-mobile';
import { Link } from 'react-router';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useLocale } from '../../../i18n/locale';
import { useMessages } from '../../../i18n/messages';
import { StatusTag } from '../../../ui/StatusTag/StatusTag';
import { surveyUrl } from '../../urls';
import { ShipmentCardFragment } from './fragments';
import { messages } from './messages';

export interface ShipmentCardProps {
  shipment: FragmentType<typeof ShipmentCardFragment>;
  /** The overall score the store gave this delivery's order, if it was rated. */
  rating: number | null;
}

export function ShipmentCard({ shipment: ref, rating }: ShipmentCardProps) {
  const t = useMessages(messages);
  const format = useFormat();
  const [locale] = useLocale();
  const shipment = readFragment(ShipmentCardFragment, ref);
  const events = [...shipment.trackingEvents].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  const carrier = shipment.carrierDetails
    ? locale === 'zh-CN'
      ? shipment.carrierDetails.nameZh
      : shipment.carrierDetails.name
    : shipment.carrier;
  const delivered = shipment.status === 'DELIVERED';
  const number = shipment.order?.number ?? shipment.trackingNumber;
  const headingId = `shipment-${shipment.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <h2 id={headingId} style={{ margin: 0, fontSize: 17 }}>
            {t('title', { number })}
          </h2>
        }
        extra={
          <span style={{ display: 'flex', gap: 4 }}>
            <StatusTag tone={delivered ? 'success' : shipment.status === 'EXCEPTION' ? 'danger' : 'primary'}>
              {t(shipment.status)}
            </StatusTag>
            {shipment.late && <StatusTag tone="danger">{t('late')}</StatusTag>}
          </span>
        }
      >
        <List>
          <List.Item extra={carrier}>{t('carrier')}</List.Item>
          <List.Item extra={shipment.trackingNumber}>{t('tracking')}</List.Item>
          <List.Item extra={format.number(shipment.parcels)}>{t('parcels')}</List.Item>
          <List.Item extra={format.dateTime(shipment.shippedAt)}>{t('shipped')}</List.Item>
          {shipment.deliveredAt ? (
            <List.Item extra={format.dateTime(shipment.deliveredAt)}>{t('delivered')}</List.Item>
          ) : (
            shipment.estimatedDelivery && (
              <List.Item extra={format.date(shipment.estimatedDelivery)}>{t('eta')}</List.Item>
            )
          )}
        </List>
        {shipment.exceptionReason && (
          <p role="note" style={{ color: 'var(--adm-color-danger)' }}>
            {t('exception', { reason: shipment.exceptionReason })}
          </p>
        )}
        <h3 style={{ fontSize: 15, margin: '12px 0 0' }}>{t('timeline')}</h3>
        {events.length === 0 ? (
          <p style={{ color: 'var(--adm-color-weak)' }}>{t('noEvents')}</p>
        ) : (
          <Steps direction="vertical" current={0}>
            {events.map((event) => (
              <Steps.Step
                key={event.id}
                title={`${t(event.status)}${event.location ? ` · ${event.location}` : ''}`}
                description={
                  <>
                    <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>
                    {event.description && <span> · {event.description}</span>}
                  </>
                }
                status="finish"
              />
            ))}
          </Steps>
        )}
        {shipment.proofOfDelivery && (
          <section aria-label={t('proof')}>
            <h3 style={{ fontSize: 15, margin: '8px 0 4px' }}>{t('proof')}</h3>
            {shipment.proofOfDelivery.signedBy && (
              <p style={{ margin: 0 }}>
                {t('signedBy', { name: shipment.proofOfDelivery.signedBy })}
                {shipment.proofOfDelivery.signedAt &&
                  ` · ${format.dateTime(shipment.proofOfDelivery.signedAt)}`}
              </p>
            )}
            {shipment.proofOfDelivery.photoRef && (
              <p style={{ margin: 0 }}>{t('photo', { ref: shipment.proofOfDelivery.photoRef })}</p>
            )}
          </section>
        )}
        {shipment.order?.status === 'DELIVERED' && (
          <p style={{ marginBottom: 0 }}>
            {rating === null ? (
              <Link to={surveyUrl(shipment.order.number)} style={{ fontWeight: 600 }}>
                {t('rate')}
              </Link>
            ) : (
              t('rated', { score: rating })
            )}
          </p>
        )}
      </Card>
    </section>
  );
}
