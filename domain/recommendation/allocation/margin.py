"""Exact knapsacks at each store's margin: the last money of a tight budget, spent best.

Prices, rounding and exchange moves leave each store's plan optimal up to its last few packs:
at the budget's threshold the store keeps packs that fit and skips better ones that did not,
and with tight budgets (few packs per store) that is where most of the gap to the bound is.
Here every store re-decides its margin exactly. Its candidates are its taken packs of least
gain per unit of money (net of stock prices) and the packs it could add of greatest; with
the money those taken packs use plus what is left, the best subset of candidates is found by
enumerating all of them (a 0/1 knapsack of a dozen items, for all stores at once as one
matrix product). Packs of one row share a cost and fall in value, so the best subset always
takes a row's packs in order, and the row's pack count is all that changes.

Stock: a store adds only packs that HQ still has, or, for an SKU HQ has run out of, the
SKU's weakest last pack in another store (valued at the difference; that store spends the
money it gets back in the next fill). Stores are applied one by one, each checked against
what the ones before it left and changed.
"""

from __future__ import annotations

import numpy as np

from domain.recommendation.allocation.exchange import best_per_store
from domain.recommendation.allocation.prices import Prices
from domain.recommendation.allocation.problem import FloatArray, IntArray
from domain.recommendation.allocation.rounding import SLACK, Ledger

#: Candidates per store on each side (kept packs that may go, packs that may come).
SIDE = 7
#: Stores whose knapsacks are enumerated together (bounds the memory of one batch).
BATCH = 128


def improve(ledger: Ledger, prices: Prices) -> bool:
    """Re-solve every budget-bound store's margin exactly; True when some plan changed."""
    s = ledger.segments
    n_stores = ledger.budget.shape[0]
    left_budget = ledger.left_budget()
    left_stock = ledger.left_stock()
    paid = s.cost > 0
    packs = ledger.packs[s.row]
    kept = np.flatnonzero(paid & (s.position <= packs))
    # a pack that may come: not taken, and HQ has its units (beyond the row's earlier ones)
    ahead = s.position - packs
    may_come = paid & (ahead > 0) & (ahead * s.units <= left_stock[s.sku] + SLACK)
    # or, when HQ has none left, the SKU's weakest last pack in another store can be moved
    # here: worth the difference, and that store spends the money it gets back in the fill
    gain = s.gain.copy()
    donor = np.full(s.size, -1, np.int64)
    lasts = np.flatnonzero(paid & (s.position == packs))
    weakest = _weakest(s.sku[lasts], s.gain[lasts], lasts, left_stock.shape[0])
    moved = np.flatnonzero(paid & (ahead == 1) & ~may_come)
    moved = moved[weakest[s.sku[moved]] >= 0]
    source = weakest[s.sku[moved]]
    moved_ok = (s.store[source] != s.store[moved]) & (s.gain[moved] > s.gain[source])
    moved, source = moved[moved_ok], source[moved_ok]
    gain[moved] -= s.gain[source]
    donor[moved] = source
    may_come[moved] = True
    rate = (gain - prices.stock[s.sku] * s.units * (donor < 0)) / np.where(paid, s.cost, 1.0)
    coming = np.flatnonzero(may_come)
    # only stores where some pack that may come does not fit the money left
    short = np.zeros(n_stores, bool)
    short[s.store[coming[s.cost[coming] > left_budget[s.store[coming]] + SLACK]]] = True
    kept = kept[short[s.store[kept]]]
    coming = coming[short[s.store[coming]]]
    if kept.size == 0 or coming.size == 0:
        return False
    out_table, _ = best_per_store(s.store[kept], -rate[kept], kept, n_stores, SIDE)
    in_table, _ = best_per_store(s.store[coming], rate[coming], coming, n_stores, SIDE)
    items = np.concatenate([out_table, in_table], axis=1)  # (stores, 2 * SIDE), -1 = none
    stores = np.flatnonzero((out_table[:, 0] >= 0) & (in_table[:, 0] >= 0))
    changed = False
    for start in range(0, stores.shape[0], BATCH):
        batch = stores[start : start + BATCH]
        choice = _best_subsets(items[batch], s.cost, gain, left_budget[batch])
        for store, row_items, chosen in zip(batch.tolist(), items[batch], choice, strict=True):
            if chosen is not None:
                changed |= _apply(ledger, row_items, chosen, donor, left_budget, left_stock, store)
    return changed


def _weakest(sku: IntArray, gain: FloatArray, items: IntArray, n_skus: int) -> IntArray:
    """Per SKU, the item of least gain (-1 for SKUs without any)."""
    order = np.lexsort((gain, sku))
    sku, items = sku[order], items[order]
    first = np.ones(sku.shape[0], bool)
    first[1:] = sku[1:] != sku[:-1]
    table = np.full(n_skus, -1, np.int64)
    table[sku[first]] = items[first]
    return table


def _masks(width: int) -> FloatArray:
    """Every subset of `width` items as a 0/1 row."""
    codes = np.arange(1 << width)
    return ((codes[:, None] >> np.arange(width)) & 1).astype(np.float64)


_MASKS = _masks(2 * SIDE)


def _best_subsets(
    items: IntArray, cost: FloatArray, gain: FloatArray, left: FloatArray
) -> list[IntArray | None]:
    """Per store, the candidates to hold (an index array), or None when nothing is better."""
    present = items >= 0
    at = np.maximum(items, 0)
    item_cost = np.where(present, cost[at], 0.0)
    item_gain = np.where(present, gain[at], 0.0)
    held = present.copy()
    held[:, SIDE:] = False  # today's plan holds the kept side
    capacity = left + (item_cost * held).sum(axis=1)
    now = (item_gain * held).sum(axis=1)
    spend = item_cost @ _MASKS.T  # (stores, subsets)
    value = item_gain @ _MASKS.T
    # subsets using an absent item are not distinct choices: their cost is that of another
    value = np.where(spend <= capacity[:, None] + SLACK, value, -np.inf)
    best = value.argmax(axis=1)
    result: list[IntArray | None] = []
    for i, b in enumerate(best.tolist()):
        gained = value[i, b] - now[i]
        if gained > 1e-9 * max(abs(now[i]), 1.0):
            result.append(np.flatnonzero(_MASKS[b] > 0))
        else:
            result.append(None)
    return result


def _apply(
    ledger: Ledger,
    items: IntArray,
    chosen: IntArray,
    donor: IntArray,
    left_budget: FloatArray,
    left_stock: FloatArray,
    store: int,
) -> bool:
    """Give back the kept candidates not chosen, add the chosen ones that may come."""
    s = ledger.segments
    hold = np.zeros(items.shape[0], bool)
    hold[chosen] = True
    hold &= items >= 0
    out = items[:SIDE][(items[:SIDE] >= 0) & ~hold[:SIDE]]
    come = items[SIDE:][hold[SIDE:]]
    sources = donor[come]
    moved = come[sources >= 0]
    sources = sources[sources >= 0]
    # moves from other stores may have changed this store's rows since the choice was made,
    # and a pack moved from another store must still be that store's last one
    if np.any(ledger.packs[s.row[out]] < s.position[out]):
        return False
    if np.any(ledger.packs[s.row[come]] >= s.position[come]):
        return False
    if np.any(ledger.packs[s.row[sources]] != s.position[sources]):
        return False
    if len(set(s.row[sources].tolist())) != sources.shape[0]:
        return False
    come = come[donor[come] < 0]
    # stock first: an earlier store may have taken what this one counted on
    need: dict[int, float] = {}
    for e in come.tolist():
        need[int(s.sku[e])] = need.get(int(s.sku[e]), 0.0) + float(s.units[e])
    for e in out.tolist():
        need[int(s.sku[e])] = need.get(int(s.sku[e]), 0.0) - float(s.units[e])
    if any(units > left_stock[k] + SLACK for k, units in need.items()):
        return False
    for k, units in need.items():
        left_stock[k] -= units
    np.subtract.at(ledger.packs, s.row[out], 1)
    np.add.at(ledger.packs, s.row[come], 1)
    np.add.at(ledger.packs, s.row[moved], 1)
    np.subtract.at(ledger.packs, s.row[sources], 1)
    np.add.at(left_budget, s.store[sources], s.cost[sources])
    left_budget[store] += float(s.cost[out].sum()) - float(s.cost[come].sum())
    left_budget[store] -= float(s.cost[moved].sum())
    return True
