// One proposal, as the franchisee checks it: the lines by category and style with the reason
// for each, steppers by pack, remove and add, live budget and display-room meters, then confirm
// (with a summary) or reject (with a reason). Unsaved changes are kept on the device.
import { Button, Dialog, ErrorBlock, NoticeBar, Result } from 'antd-mobile';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type CombinedError, useMutation, useQuery } from 'urql';

import { readFragment } from '../../graphql/generated';
import type { ProposalOrderFragment } from '../../graphql/generated/graphql';
import { useFormat } from '../../i18n/format';
import { useMessages } from '../../i18n/messages';
import { ordersUrl, orderUrl } from '../../orders/urls';
import { Countdown } from '../../ui/Countdown/Countdown';
import { Pending } from '../../ui/Pending/Pending';
import { QueryError } from '../../ui/QueryError/QueryError';
import { AddSkus } from '../components/AddSkus/AddSkus';
import { LineGroups } from '../components/LineGroups/LineGroups';
import { Meters } from '../components/Meters/Meters';
import { RejectSheet } from '../components/RejectSheet/RejectSheet';
import { Shortages } from '../components/Shortages/Shortages';
import {
  changesOf,
  clearDraft,
  type DraftLine,
  draftLines,
  type Edits,
  loadDraft,
  pendingEdits,
  saveDraft,
  type ServerLine,
  type SkuInfo,
  standingOf,
  stepped,
  takeable,
  totalsOf,
} from '../draft';
import {
  ProposalAdjustMutation,
  ProposalConfirmMutation,
  ProposalOrderFragment as OrderFragment,
  ProposalPageQuery,
  ProposalRejectMutation,
  ProposalSkuFragment,
  ProposalViewMutation,
} from '../queries';
import { messages } from './messages';
import styles from './ProposalPage.module.css';

type Order = Omit<ProposalOrderFragment, ' $fragmentName'>;

interface UserError {
  field: string | null;
  code: string;
  message: string;
}

const cents = (amount: string | number) => Math.round(Number(amount) * 100);

export function ProposalPage() {
  const { orderId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ProposalPageQuery,
    variables: { id: orderId },
  });
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  if (fetching && !data) return <Pending />;
  if (!data) return error ? <QueryError error={error} onRetry={refetch} /> : null;
  const order = data.order ? readFragment(OrderFragment, data.order) : null;
  if (!order) return <NotFound />;
  return (
    <ProposalEditor
      key={order.id}
      order={order}
      currency={data.me.tenant?.currency ?? 'CNY'}
      onStale={refetch}
    />
  );
}

function NotFound() {
  const t = useMessages(messages);
  return (
    <ErrorBlock
      status="empty"
      title={t('notFound')}
      description={<Link to={ordersUrl()}>{t('toOrders')}</Link>}
    />
  );
}

function ProposalEditor({
  order,
  currency,
  onStale,
}: {
  order: Order;
  currency: string;
  onStale: () => void;
}) {
  const t = useMessages(messages);
  const format = useFormat();
  const serverLines: ServerLine[] = useMemo(
    () => order.lines.map((line) => ({ ...line, sku: readFragment(ProposalSkuFragment, line.sku) })),
    [order.lines],
  );
  const [edits, setEdits] = useState<Edits>({});
  const [offered, setOffered] = useState(() => {
    const stored = loadDraft(order.id);
    if (!stored) return null;
    const pending = pendingEdits(serverLines, stored.edits);
    return Object.keys(pending).length ? { ...stored, edits: pending } : null;
  });
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [orderError, setOrderError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shortage, setShortage] = useState(false);
  const [adding, setAdding] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejectError, setRejectError] = useState<string | null>(null);

  const [adjustState, adjust] = useMutation(ProposalAdjustMutation);
  const [confirmState, confirm] = useMutation(ProposalConfirmMutation);
  const [rejectState, reject] = useMutation(ProposalRejectMutation);
  const [, view] = useMutation(ProposalViewMutation);
  const busy = adjustState.fetching || confirmState.fetching || rejectState.fetching;

  // Opening a proposal is the funnel's "viewed" step.
  const viewed = useRef(false);
  useEffect(() => {
    if (viewed.current || !order.actions.includes('VIEW')) return;
    viewed.current = true;
    void view({ input: { id: order.id } });
  }, [order.actions, order.id, view]);

  const editable = order.actions.includes('ADJUST');
  const lines = useMemo(() => draftLines(serverLines, edits), [serverLines, edits]);
  const totals = totalsOf(lines);
  const budgetCents = cents(order.budget.budget);
  const standing = standingOf(totals, {
    budgetCents,
    savedCostCents: cents(order.totalCost),
    room: order.capacity.room,
    savedUnits: order.totalUnits,
  });
  const dirty = lines.some((line) => line.changed);

  const change = useCallback(
    (skuId: string, qty: number, sku?: SkuInfo) => {
      setEdits((current) => {
        const next = { ...current, [skuId]: sku ? { qty, sku } : { ...current[skuId], qty } };
        const pending = pendingEdits(serverLines, next);
        // An added SKU stays listed (at its quantity) until saved, even when set back to 0.
        for (const [id, edit] of Object.entries(next)) if (edit.sku && !(id in pending)) pending[id] = edit;
        saveDraft(order.id, pending);
        return pending;
      });
      setLineErrors((current) => {
        if (!(skuId in current)) return current;
        return Object.fromEntries(Object.entries(current).filter(([id]) => id !== skuId));
      });
      setOrderError(null);
      setNotice(null);
    },
    [order.id, serverLines],
  );
  const onStep = useCallback(
    (line: DraftLine, direction: 1 | -1) => {
      change(
        line.skuId,
        stepped(line.qty, line.sku.packSize, direction),
        line.addedByHand ? line.sku : undefined,
      );
    },
    [change],
  );
  const onRemove = useCallback(
    (line: DraftLine) => {
      change(line.skuId, 0, line.addedByHand && line.savedQty === 0 ? line.sku : undefined);
    },
    [change],
  );

  /** Shows the server's refusals where they belong: on a line, or by the meters. */
  function showErrors(errors: readonly UserError[], sent: { skuId: string }[]) {
    const byLine: Record<string, string> = {};
    const general: string[] = [];
    for (const error of errors) {
      const match = /^input\.lines\.(\d+)\./.exec(error.field ?? '');
      const skuId = match ? sent[Number(match[1])]?.skuId : undefined;
      if (skuId) byLine[skuId] = error.message;
      else general.push(error.message);
    }
    setLineErrors(byLine);
    setOrderError(general.length ? general.join(' ') : null);
  }

  function failed(error: CombinedError) {
    setOrderError(error.networkError ? t('offline') : t('serverFailed'));
  }

  /** Sends the unsaved changes; whether the server took them. */
  async function save(changes = changesOf(lines)): Promise<boolean> {
    if (changes.length === 0) return true;
    const result = await adjust({ input: { id: order.id, lines: changes } });
    if (result.error) {
      failed(result.error);
      return false;
    }
    const payload = result.data?.orderAdjust;
    if (!payload || payload.userErrors.length) {
      showErrors(payload?.userErrors ?? [], changes);
      return false;
    }
    setEdits({});
    clearDraft(order.id);
    setLineErrors({});
    setOrderError(null);
    return true;
  }

  async function confirmNow(changes = changesOf(lines)) {
    if (!(await save(changes))) return;
    const result = await confirm({ input: { id: order.id } });
    if (result.error) {
      failed(result.error);
      return;
    }
    const errors = result.data?.orderConfirm.userErrors ?? [];
    if (errors.some((error) => error.code === 'INSUFFICIENT_STOCK')) {
      setShortage(true);
      setOrderError(null);
      onStale(); // fresh availability for each line
      return;
    }
    if (errors.length) {
      showErrors(errors, []);
      return;
    }
    setShortage(false);
    clearDraft(order.id);
  }

  const [asking, setAsking] = useState(false);
  const kept = lines.filter((line) => line.qty > 0);

  const shortLines = shortage
    ? lines.filter((line) => line.qty > 0 && line.available !== null && line.qty > line.available)
    : [];

  async function takeAvailable() {
    const changes = shortLines.map((line) => ({
      skuId: line.skuId,
      qty: takeable(line.qty, line.available ?? 0, line.sku.packSize),
    }));
    const others = changesOf(lines).filter((c) => !changes.some((s) => s.skuId === c.skuId));
    await confirmNow([...others, ...changes]);
  }

  async function rejectNow(reason: string) {
    const result = await reject({ input: { id: order.id, reason } });
    if (result.error) {
      setRejectError(result.error.networkError ? t('offline') : t('serverFailed'));
      return;
    }
    const errors = result.data?.orderReject.userErrors ?? [];
    if (errors.length) {
      setRejectError(errors.map((error) => error.message).join(' '));
      return;
    }
    setRejecting(false);
    setEdits({});
    clearDraft(order.id);
  }

  if (order.status === 'CONFIRMED' || order.status === 'REJECTED') {
    const confirmed = order.status === 'CONFIRMED';
    return (
      <Result
        status={confirmed ? 'success' : 'info'}
        title={<h1 className={styles.resultTitle}>{confirmed ? t('confirmed') : t('rejected')}</h1>}
        description={
          <span>
            {t('orderNumber', { number: order.number })} ·{' '}
            <Link to={orderUrl(order.id)}>{t('seeOrder')}</Link> ·{' '}
            <Link to={ordersUrl()}>{t('toOrders')}</Link>
          </span>
        }
      />
    );
  }

  const onOrder = new Set(lines.map((line) => line.skuId));
  const actions = (
    <div className={styles.actions}>
      {editable && dirty && (
        <>
          <Button color="primary" fill="outline" loading={adjustState.fetching} onClick={() => void save()}>
            {t('save')}
          </Button>
          <Button
            fill="none"
            onClick={() => {
              setEdits({});
              clearDraft(order.id);
              setLineErrors({});
              setOrderError(null);
            }}
          >
            {t('discard')}
          </Button>
        </>
      )}
      {order.actions.includes('CONFIRM') && (
        <Button
          color="primary"
          disabled={busy}
          onClick={() => {
            setAsking(true);
          }}
        >
          {t('confirm')}
        </Button>
      )}
      {order.actions.includes('REJECT') && (
        <Button
          color="danger"
          fill="outline"
          disabled={busy}
          onClick={() => {
            setRejectError(null);
            setRejecting(true);
          }}
        >
          {t('reject')}
        </Button>
      )}
    </div>
  );

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t('title', { number: order.number })}</h1>
        {order.expiresAt && (
          <p className={styles.deadline}>
            {t('deadline')} <Countdown deadline={order.expiresAt} />
          </p>
        )}
        {order.note && <blockquote className={styles.note}>{order.note}</blockquote>}
      </header>
      {offered && (
        <NoticeBar
          color="info"
          wrap
          content={
            <span className={styles.offer}>
              {t('offered', { when: format.dateTime(offered.savedAt) })}
              <Button
                size="mini"
                color="primary"
                onClick={() => {
                  setEdits(offered.edits);
                  saveDraft(order.id, offered.edits);
                  setOffered(null);
                }}
              >
                {t('restore')}
              </Button>
              <Button
                size="mini"
                onClick={() => {
                  clearDraft(order.id);
                  setOffered(null);
                }}
              >
                {t('dropOffer')}
              </Button>
            </span>
          }
        />
      )}
      <div className={styles.layout}>
        <aside className={styles.aside}>
          <Meters
            totals={totals}
            standing={standing}
            budgetCents={budgetCents}
            room={order.capacity.room}
            currency={currency}
            serverError={orderError}
          />
          {notice && <p role="status">{notice}</p>}
          {dirty && <p className={styles.unsaved}>{t('unsaved')}</p>}
          {actions}
        </aside>
        <div className={styles.lines}>
          {shortLines.length > 0 && (
            <Shortages lines={shortLines} busy={busy} onTake={() => void takeAvailable()} />
          )}
          {editable && (
            <Button
              block
              onClick={() => {
                setAdding(true);
              }}
            >
              {t('add')}
            </Button>
          )}
          <LineGroups
            lines={lines}
            currency={currency}
            editable={editable}
            errors={lineErrors}
            onChange={onStep}
            onRemove={onRemove}
          />
        </div>
      </div>
      {editable && (
        <AddSkus
          visible={adding}
          storeId={order.storeId}
          currency={currency}
          onOrder={onOrder}
          onAdd={(sku) => {
            change(sku.id, Math.max(sku.packSize, 1), sku);
            setNotice(t('added', { code: sku.code }));
          }}
          onClose={() => {
            setAdding(false);
          }}
        />
      )}
      <Dialog
        visible={asking}
        title={t('confirmTitle')}
        content={
          <dl className={styles.summary}>
            <dt>{t('summaryLines')}</dt>
            <dd>{format.number(kept.length)}</dd>
            <dt>{t('summaryUnits')}</dt>
            <dd>{format.number(totals.units)}</dd>
            <dt>{t('summaryCost')}</dt>
            <dd>{format.money(totals.costCents / 100, currency)}</dd>
            <dt>{t('summaryLeft')}</dt>
            <dd>{format.money(standing.leftCents / 100, currency)}</dd>
          </dl>
        }
        closeOnAction
        onClose={() => {
          setAsking(false);
        }}
        onAction={(action) => {
          if (action.key === 'confirm') void confirmNow();
        }}
        actions={[
          [
            { key: 'cancel', text: t('confirmNo') },
            { key: 'confirm', text: t('confirmYes'), bold: true },
          ],
        ]}
      />
      <RejectSheet
        visible={rejecting}
        busy={rejectState.fetching}
        error={rejectError}
        onReject={(reason) => void rejectNow(reason)}
        onClose={() => {
          setRejecting(false);
        }}
      />
    </div>
  );
}
