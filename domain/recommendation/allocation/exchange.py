"""Exchange moves: a better mix of packs where rounding left budget or stock badly used.

- Transfer: a store with budget left whose next pack of an SKU finds HQ out of stock takes
  a pack of that SKU from the store that gains least from it (when it gains more); the
  giving store spends the money it gets back in the next fill.
- Swap: rounding leaves each store a little budget it could not use, because the next pack at
  its threshold did not fit. A swap gives back one of the store's last packs and takes a pack
  that did not fit before, when that gains more than it loses; the fill spends what is left.

Moves are found for all SKUs and stores at once, applied one by one while still valid, and
rounds repeat while they gain.
"""

from __future__ import annotations

import numpy as np

from domain.recommendation.allocation.prices import Prices
from domain.recommendation.allocation.problem import FloatArray, IntArray
from domain.recommendation.allocation.rounding import SLACK, Ledger, fill

#: Candidates kept per store on each side of a swap.
WIDTH = 12
ROUNDS = 6
#: Stop when a round gains less than this share of the plan's value.
SMALL_GAIN = 1e-7


def improve(ledger: Ledger, prices: Prices) -> None:
    """Apply improving moves until a round gains (almost) nothing, at most ROUNDS rounds."""
    value = _value(ledger)
    for _ in range(ROUNDS):
        moved = _transfer_round(ledger)
        if moved:
            fill(ledger, prices)
        swapped = _swap_round(ledger)
        if swapped:
            fill(ledger, prices)
        before, value = value, _value(ledger)
        if not (moved or swapped) or value - before <= SMALL_GAIN * abs(value):
            return


def _value(ledger: Ledger) -> float:
    return float(ledger.segments.gain[ledger.taken()].sum())


def _least(group: IntArray, values: FloatArray, n_groups: int) -> FloatArray:
    """Per group, the least of `values` (+inf for groups without any)."""
    least = np.full(n_groups, np.inf)
    np.minimum.at(least, group, values)
    return least


def _ranked(sku: IntArray, score: FloatArray, items: IntArray) -> tuple[IntArray, IntArray]:
    """Items in order of decreasing score within each SKU, and their rank there."""
    order = np.lexsort((-score, sku))
    sku, items = sku[order], items[order]
    starts = np.searchsorted(sku, sku)
    return items, np.arange(sku.shape[0]) - starts


def _transfer_round(ledger: Ledger) -> bool:
    """Move HQ-exhausted SKUs' units from stores that gain least to stores that gain most.

    A store with budget left whose next pack of an SKU finds no HQ stock takes the pack that
    gains least among other stores' last packs of that SKU, when it gains more from it.
    """
    s = ledger.segments
    left_budget = ledger.left_budget()
    left_stock = ledger.left_stock()
    packs = ledger.packs[s.row]
    tails = np.flatnonzero(s.position == packs)
    heads = np.flatnonzero(
        (s.position == packs + 1)
        & (s.cost <= left_budget[s.store] + SLACK)
        & (s.units > left_stock[s.sku] + SLACK)
    )
    if tails.size == 0 or heads.size == 0:
        return False
    weakest = _least(s.sku[tails], s.gain[tails], left_stock.shape[0])
    heads = heads[s.gain[heads] > weakest[s.sku[heads]]]
    if heads.size == 0:
        return False
    wanted = np.zeros(left_stock.shape[0], bool)
    wanted[s.sku[heads]] = True
    tails = tails[wanted[s.sku[tails]]]
    heads, head_rank = _ranked(s.sku[heads], s.gain[heads], heads)
    tails, tail_rank = _ranked(s.sku[tails], -s.gain[tails], tails)
    width = int(max(head_rank.max(initial=0), tail_rank.max(initial=0))) + 1
    _, at_head, at_tail = np.intersect1d(
        s.sku[heads] * width + head_rank,
        s.sku[tails] * width + tail_rank,
        assume_unique=True,
        return_indices=True,
    )
    heads, tails = heads[at_head], tails[at_tail]
    better = (s.gain[heads] > s.gain[tails] + 1e-9) & (s.store[heads] != s.store[tails])
    return _apply_transfers(ledger, heads[better], tails[better], left_budget)


def _apply_transfers(
    ledger: Ledger, heads: IntArray, tails: IntArray, left_budget: FloatArray
) -> bool:
    """Apply transfers in order while each is still valid (earlier ones change the plan)."""
    s = ledger.segments
    applied = False
    for h, t in zip(heads.tolist(), tails.tolist(), strict=True):
        row_in, row_out = int(s.row[h]), int(s.row[t])
        store_in, store_out = int(s.store[h]), int(s.store[t])
        if ledger.packs[row_in] + 1 != s.position[h] or ledger.packs[row_out] != s.position[t]:
            continue
        if s.cost[h] > left_budget[store_in] + SLACK:
            continue
        left_budget[store_in] -= s.cost[h]
        left_budget[store_out] += s.cost[t]
        ledger.packs[row_in] += 1
        ledger.packs[row_out] -= 1
        applied = True
    return applied


def best_per_store(
    store: IntArray, score: FloatArray, items: IntArray, n_stores: int, width: int = WIDTH
) -> tuple[IntArray, IntArray]:
    """The `width` items of highest score per store, as a (stores, width) table (-1 = none),
    and the stores that have any."""
    order = np.lexsort((-score, store))
    store, items = store[order], items[order]
    starts = np.searchsorted(store, np.arange(n_stores))
    rank = np.arange(store.shape[0]) - starts[store]
    keep = rank < width
    table = np.full((n_stores, width), -1, np.int64)
    table[store[keep], rank[keep]] = items[keep]
    # the stores with any item (np.unique would import numpy.ma, a start-up cost of its own)
    return table, np.flatnonzero(np.bincount(store[keep], minlength=n_stores))


def _swap_round(ledger: Ledger) -> bool:
    """One round of swaps; True when at least one was applied."""
    s = ledger.segments
    n_stores = ledger.budget.shape[0]
    left_budget = ledger.left_budget()
    left_stock = ledger.left_stock()
    packs = ledger.packs[s.row]
    tails = np.flatnonzero((s.position == packs) & (s.cost > 0))
    heads = np.flatnonzero(
        (s.position == packs + 1)
        & (s.cost > left_budget[s.store] + SLACK)
        & (s.units <= left_stock[s.sku] + SLACK)
    )
    if tails.size == 0 or heads.size == 0:
        return False
    # only heads that beat the store's weakest last pack can be part of a swap
    weakest = _least(s.store[tails], s.gain[tails], n_stores)
    heads = heads[s.gain[heads] > weakest[s.store[heads]]]
    has_head = np.zeros(n_stores, bool)
    has_head[s.store[heads]] = True
    tails = tails[has_head[s.store[tails]]]
    if tails.size == 0 or heads.size == 0:
        return False
    out_table, _ = best_per_store(s.store[tails], -s.gain[tails], tails, n_stores)
    in_table, stores = best_per_store(s.store[heads], s.gain[heads], heads, n_stores)
    if stores.size == 0:
        return False
    give, take = out_table[stores][:, :, None], in_table[stores][:, None, :]
    valid = (give >= 0) & (take >= 0)
    give_i, take_i = np.maximum(give, 0), np.maximum(take, 0)
    extra = s.cost[take_i] - s.cost[give_i]
    gain = np.where(
        valid
        & (extra <= left_budget[stores][:, None, None] + SLACK)
        & (s.row[give_i] != s.row[take_i]),
        s.gain[take_i] - s.gain[give_i],
        0.0,
    )
    flat = gain.reshape(stores.shape[0], -1)
    best = flat.argmax(axis=1)
    improving = flat[np.arange(stores.shape[0]), best] > 1e-9
    if not np.any(improving):
        return False
    n = stores.shape[0]
    pick = np.arange(n)
    gives = np.broadcast_to(give_i, (n, WIDTH, WIDTH)).reshape(n, -1)[pick, best]
    takes = np.broadcast_to(take_i, (n, WIDTH, WIDTH)).reshape(n, -1)[pick, best]
    return _apply(ledger, gives[improving], takes[improving], left_stock)


def _apply(ledger: Ledger, gives: IntArray, takes: IntArray, left_stock: FloatArray) -> bool:
    """Apply swaps in order while each one's taken pack still finds HQ stock."""
    s = ledger.segments
    applied = False
    for g, t in zip(gives.tolist(), takes.tolist(), strict=True):
        k_in, k_out = int(s.sku[t]), int(s.sku[g])
        if s.units[t] > left_stock[k_in] + SLACK:
            continue
        left_stock[k_in] -= s.units[t]
        left_stock[k_out] += s.units[g]
        ledger.packs[s.row[t]] += 1
        ledger.packs[s.row[g]] -= 1
        applied = True
    return applied
