"""From dual prices to an integral plan that keeps every constraint.

1. Take every pack worth more than it uses at the dual prices.
2. Stores over budget give back their packs of least gain per unit of money (net of stock
   prices); SKUs over stock then give back their packs of least gain per unit (net of budget
   prices). Giving back never breaks the other family's constraint.
3. Fill: what budget and stock are left go, in order of gain net of both prices, to the next
   pack of any row that still fits.

A row's packs are always a prefix of its segments (pack 1, 2, ... n): values fall along a row,
so every rule above drops a row's last packs first and adds its next pack first.
"""

from __future__ import annotations

import numpy as np

from domain.recommendation.allocation.prices import Prices, threshold
from domain.recommendation.allocation.problem import (
    AllocationProblem,
    BoolArray,
    FloatArray,
    IntArray,
)
from domain.recommendation.allocation.segments import Segments

#: Money or units below this are rounding noise, not room for another pack.
SLACK = 1e-9


class Ledger:
    """Packs per demand row, with the budget and HQ stock they leave.

    The main phases only ever take a prefix of a row's segments, so `packs[i]` is all that
    is needed; the presentation phase may go past the segments (packs worth nothing alone
    that a group needs), which the budget and stock figures count like any other.
    """

    def __init__(
        self, problem: AllocationProblem, segments: Segments, budget: FloatArray, stock: FloatArray
    ) -> None:
        self.problem = problem
        self.segments = segments
        self.budget = budget
        self.stock = stock
        pack = problem.pack_size[problem.sku]
        self.pack = pack
        self.pack_cost = problem.unit_cost[problem.sku] * pack
        self.packs = np.zeros(problem.n_rows, np.int64)

    def taken(self) -> BoolArray:
        """Which segments the plan takes."""
        return self.segments.position <= self.packs[self.segments.row]

    def take(self, taken: BoolArray) -> None:
        """Set the plan to the given segments (a prefix of each row's)."""
        rows = self.segments.row
        self.packs = np.bincount(rows, weights=taken, minlength=self.packs.shape[0]).astype(
            np.int64
        )

    def left_budget(self) -> FloatArray:
        """Budget each store has left."""
        spent = np.bincount(
            self.problem.store, weights=self.pack_cost * self.packs, minlength=self.budget.shape[0]
        )
        return self.budget - spent

    def left_stock(self) -> FloatArray:
        """Units of each SKU left at HQ."""
        sent = np.bincount(
            self.problem.sku, weights=self.pack * self.packs, minlength=self.stock.shape[0]
        )
        return self.stock - sent

    def qty(self) -> IntArray:
        """Units per demand row."""
        return self.packs * self.pack


def take_priced(ledger: Ledger, prices: Prices) -> None:
    """Step 1 and 2: the packs worth their price, cut back to fit budgets and stock."""
    s = ledger.segments
    lam = prices.budget[s.store]
    mu = prices.stock[s.sku]
    taken = s.gain - lam * s.cost - mu * s.units > 0
    # a tiny tie-break so that a row's later pack never outranks its earlier one
    tie = 1e-12 * s.position
    paid = s.cost > 0
    per_money = np.where(paid, (s.gain - mu * s.units) / np.where(paid, s.cost, 1.0), np.inf)
    keep_within(taken, s.store, per_money - tie, s.cost, ledger.budget)
    keep_within(taken, s.sku, (s.gain - lam * s.cost) / s.units - tie, s.units, ledger.stock)
    ledger.take(taken)


def keep_within(
    chosen: BoolArray,
    group: IntArray,
    rate: FloatArray,
    weight: FloatArray,
    capacity: FloatArray,
) -> None:
    """Per group, unchoose the chosen items of least rate until the rest fits the capacity."""
    taken = np.flatnonzero(chosen)
    # Items of infinite rate (free packs, for budgets) use nothing and always stay.
    taken = taken[np.isfinite(rate[taken])]
    if taken.size == 0:
        return
    # shift rates so that all are positive: `threshold` ignores items of rate <= 0
    shifted = rate[taken] - min(float(rate[taken].min()), 0.0) + 1.0
    cut = threshold(group[taken], shifted, weight[taken], capacity)[group[taken]]
    chosen[taken[(shifted <= cut) & (cut > 0)]] = False


def fill(ledger: Ledger, prices: Prices, open_row: BoolArray | None = None) -> None:
    """Step 3: add next packs, best net gain first, wherever budget and stock still allow.

    `open_row` (per demand row) limits filling to those rows.
    """
    s = ledger.segments
    left_budget = ledger.left_budget()
    left_stock = ledger.left_stock()
    fits = ~ledger.taken() & (s.cost <= left_budget[s.store] + SLACK)
    fits &= s.units <= left_stock[s.sku] + SLACK
    if open_row is not None:
        fits &= open_row[s.row]
    candidates = np.flatnonzero(fits)
    if candidates.size == 0:
        return
    net = s.gain - prices.budget[s.store] * s.cost - prices.stock[s.sku] * s.units
    candidates = candidates[np.argsort(-net[candidates], kind="stable")]
    _greedy(ledger, candidates, left_budget, left_stock)


def _greedy(
    ledger: Ledger, candidates: IntArray, left_budget: FloatArray, left_stock: FloatArray
) -> None:
    s = ledger.segments
    row = s.row[candidates].tolist()
    position = s.position[candidates].tolist()
    store = s.store[candidates].tolist()
    sku = s.sku[candidates].tolist()
    cost = s.cost[candidates].tolist()
    units = s.units[candidates].tolist()
    budget = left_budget.tolist()
    stock = left_stock.tolist()
    count = dict(zip(row, ledger.packs[s.row[candidates]].tolist(), strict=True))
    # Sequential on purpose: each pack taken changes what fits next. Candidates are only packs
    # that fitted at the start, a small share of all segments.
    for i in range(len(row)):
        r, st, k = row[i], store[i], sku[i]
        if position[i] != count[r] + 1 or cost[i] > budget[st] + SLACK:
            continue
        if units[i] > stock[k] + SLACK:
            continue
        budget[st] -= cost[i]
        stock[k] -= units[i]
        count[r] += 1
    if count:
        ledger.packs[np.fromiter(count.keys(), np.int64)] = np.fromiter(count.values(), np.int64)
