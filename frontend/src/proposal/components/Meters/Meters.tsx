// The live budget and display-room meters: what the draft costs and brings against what the
// store has, turning red (with words, not colour alone) once past a limit.
import { ProgressBar } from 'antd-mobile';

import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import type { Standing, Totals } from '../../draft';
import { messages } from './messages';
import styles from './Meters.module.css';

export interface MetersProps {
  totals: Totals;
  standing: Standing;
  budgetCents: number;
  room: number;
  currency: string;
  /** The server's refusal of the last save about the whole order (budget, room), if any. */
  serverError?: string | null;
}

function Meter({
  id,
  label,
  value,
  limit,
  over,
  detail,
  warning,
}: {
  id: string;
  label: string;
  value: number;
  limit: number;
  over: boolean;
  detail: string;
  warning: string;
}) {
  const percent = limit > 0 ? Math.min((value / limit) * 100, 100) : value > 0 ? 100 : 0;
  return (
    <div className={styles.meter}>
      <div className={styles.row}>
        <span id={id} className={styles.label}>
          {label}
        </span>
        <span className={over ? styles.over : undefined}>{detail}</span>
      </div>
      <div
        role="meter"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={value}
        aria-valuetext={detail}
      >
        <ProgressBar
          percent={percent}
          style={{ '--fill-color': over ? '#cf1322' : percent > 90 ? '#d46b08' : 'var(--adm-color-primary)' }}
        />
      </div>
      {over && (
        <p className={styles.warning} role="alert">
          {warning}
        </p>
      )}
    </div>
  );
}

export function Meters({ totals, standing, budgetCents, room, currency, serverError }: MetersProps) {
  const t = useMessages(messages);
  const format = useFormat();
  const money = (cents: number) => format.money(cents / 100, currency);
  return (
    <section className={styles.meters} aria-label={t('title')}>
      <Meter
        id="meter-budget"
        label={t('budget')}
        value={totals.costCents / 100}
        limit={budgetCents / 100}
        over={standing.overBudget}
        detail={t('budgetDetail', { spent: money(totals.costCents), budget: money(budgetCents) })}
        warning={t('overBudget', { over: money(-standing.leftCents) })}
      />
      <p className={styles.left}>
        {standing.leftCents >= 0 ? t('budgetLeft', { left: money(standing.leftCents) }) : null}
      </p>
      <Meter
        id="meter-room"
        label={t('room')}
        value={totals.units}
        limit={room}
        over={standing.overCapacity}
        detail={t('roomDetail', { units: format.number(totals.units), room: format.number(room) })}
        warning={t('overRoom', { over: format.number(-standing.roomLeft) })}
      />
      {serverError && (
        <p className={styles.warning} role="alert">
          {serverError}
        </p>
      )}
    </section>
  );
}
