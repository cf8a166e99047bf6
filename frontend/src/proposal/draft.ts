// The franchisee's unsaved changes to a proposal: quantities by SKU over what the server holds,
// SKUs added from the catalogue, kept in localStorage so that a dropped network or a reload
// loses nothing (they are offered back). The meters are worked out here, live, so that going
// over the budget or the display room shows before the server refuses it.
import type { ProposalOrderFragment, ProposalSkuFragment } from '../graphql/generated/graphql';
import type { ReasonData } from './reason';

export type SkuInfo = Omit<ProposalSkuFragment, ' $fragmentName'>;

/** One unsaved change: the quantity wanted of a SKU (with the SKU when it is not on the order). */
export interface Edit {
  qty: number;
  sku?: SkuInfo;
}

export type Edits = Record<string, Edit>;

export interface StoredDraft {
  orderId: string;
  savedAt: string;
  edits: Edits;
}

/** A line as shown: the server's line with the unsaved quantity applied, or an added SKU. */
export interface DraftLine {
  skuId: string;
  sku: SkuInfo;
  qty: number;
  savedQty: number;
  recommendedQty: number;
  available: number | null;
  unitCost: number;
  reason: ReasonData;
  addedByHand: boolean;
  changed: boolean;
}

export type ServerLine = Omit<ProposalOrderFragment['lines'][number], 'sku'> & { sku: SkuInfo };

export function draftLines(lines: readonly ServerLine[], edits: Edits): DraftLine[] {
  const result: DraftLine[] = lines.map((line) => {
    const edit = edits[line.sku.id];
    const qty = edit ? edit.qty : line.qty;
    return {
      skuId: line.sku.id,
      sku: line.sku,
      qty,
      savedQty: line.qty,
      recommendedQty: line.recommendedQty,
      available: line.available,
      unitCost: Number(line.unitCost),
      reason: line.reason,
      addedByHand: line.recommendedQty === 0,
      changed: qty !== line.qty,
    };
  });
  const onOrder = new Set(lines.map((line) => line.sku.id));
  for (const [skuId, edit] of Object.entries(edits)) {
    if (onOrder.has(skuId) || !edit.sku) continue;
    result.push({
      skuId,
      sku: edit.sku,
      qty: edit.qty,
      savedQty: 0,
      recommendedQty: 0,
      available: null,
      unitCost: Number(edit.sku.product.unitCost),
      reason: {},
      addedByHand: true,
      changed: edit.qty !== 0,
    });
  }
  return result;
}

/** The changes to send (orderAdjust's lines): every SKU whose quantity differs from the server's. */
export function changesOf(lines: readonly DraftLine[]): { skuId: string; qty: number }[] {
  return lines.filter((line) => line.changed).map((line) => ({ skuId: line.skuId, qty: line.qty }));
}

export interface Totals {
  units: number;
  /** In cents, so that sums are exact. */
  costCents: number;
}

export function totalsOf(lines: readonly DraftLine[]): Totals {
  let units = 0;
  let costCents = 0;
  for (const line of lines) {
    units += line.qty;
    costCents += line.qty * Math.round(line.unitCost * 100);
  }
  return { units, costCents };
}

export interface Limits {
  /** The budget for the order, in cents. */
  budgetCents: number;
  /** What the order cost when last saved, in cents (a cut is never refused). */
  savedCostCents: number;
  /** Units the store's display can take for this order. */
  room: number;
  savedUnits: number;
}

export interface Standing {
  overBudget: boolean;
  overCapacity: boolean;
  leftCents: number;
  roomLeft: number;
}

/** Where the draft stands against the budget and the display room, by the server's rules. */
export function standingOf(totals: Totals, limits: Limits): Standing {
  return {
    overBudget: totals.costCents > limits.budgetCents && totals.costCents > limits.savedCostCents,
    overCapacity: totals.units > limits.room && totals.units > limits.savedUnits,
    leftCents: limits.budgetCents - totals.costCents,
    roomLeft: limits.room - totals.units,
  };
}

/** The next quantity up or down by whole packs (never below 0). */
export function stepped(qty: number, packSize: number, direction: 1 | -1): number {
  const pack = Math.max(packSize, 1);
  const base = direction > 0 ? Math.floor(qty / pack) * pack : Math.ceil(qty / pack) * pack;
  return Math.max(base + direction * pack, 0);
}

/** The most of `wanted` that `available` covers in whole packs. */
export function takeable(wanted: number, available: number, packSize: number): number {
  const pack = Math.max(packSize, 1);
  return Math.min(wanted, Math.floor(Math.max(available, 0) / pack) * pack);
}

const KEY = 'peihuo.proposalDraft.';

export function loadDraft(orderId: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(KEY + orderId);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft;
    return parsed.orderId === orderId && typeof parsed.edits === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveDraft(orderId: string, edits: Edits): void {
  try {
    if (Object.keys(edits).length === 0) {
      window.localStorage.removeItem(KEY + orderId);
      return;
    }
    const draft: StoredDraft = { orderId, savedAt: new Date().toISOString(), edits };
    window.localStorage.setItem(KEY + orderId, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the edits then live as long as the page.
  }
}

export function clearDraft(orderId: string): void {
  saveDraft(orderId, {});
}

/** Edits that still change something against the server's lines (saved ones drop out). */
export function pendingEdits(lines: readonly ServerLine[], edits: Edits): Edits {
  const saved = new Map(lines.map((line) => [line.sku.id, line.qty]));
  const result: Edits = {};
  for (const [skuId, edit] of Object.entries(edits)) {
    if ((saved.get(skuId) ?? 0) !== edit.qty) result[skuId] = edit;
  }
  return result;
}
