"""Pack segments: the units a demand row could receive, one pack at a time, with their value.

Unit *j* sent on top of `on_hand = y` earns `retail_price * P(D >= y + j) - unit_cost`,
D ~ Poisson(mean); a pack is `pack_size` consecutive units and is worth their sum. Values fall
pack after pack, so only the leading packs worth more than nothing can be part of a good plan,
and only those are made. Tail probabilities walk up each row one unit at a time
(`poisson.TailWalk`), in one vectorised step per unit position over the rows still worth
another pack.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from domain.recommendation.allocation.poisson import TailWalk
from domain.recommendation.allocation.problem import AllocationProblem, FloatArray, IntArray


@dataclass(eq=False)
class Segments:
    """The candidate packs of every demand row, ordered by row then by pack position.

    `first[i]:first[i + 1]` are row i's packs; `position` counts from 1 within the row;
    `value` is the pack's expected margin, `cost` (money from the store's budget) and `units`
    (HQ stock) what it uses, `gain` the value times the store's weight.
    """

    row: IntArray
    position: IntArray
    value: FloatArray
    gain: FloatArray
    cost: FloatArray
    units: FloatArray
    store: IntArray
    sku: IntArray
    first: IntArray

    @property
    def size(self) -> int:
        """Number of segments."""
        return int(self.row.shape[0])


def build_segments(problem: AllocationProblem) -> Segments:
    """Every pack worth more than nothing, row by row, up to the row's cap."""
    pack = problem.pack_size[problem.sku]
    packs_allowed = np.where(problem.excluded, 0, problem.max_units // pack)
    price = problem.retail_price[problem.sku]
    cost = problem.unit_cost[problem.sku]
    rows_at: list[IntArray] = []
    values_at: list[FloatArray] = []
    active = np.flatnonzero(packs_allowed > 0)
    # P(D > y) at each active row's level y: a unit on top of y sells with that chance
    walk = TailWalk(problem.on_hand[active], problem.mean[active])
    at = np.arange(active.shape[0])  # the active rows' places in the walk
    position = 0
    while active.size:
        position += 1
        value = _pack_values(walk, at, pack[active], price[active], cost[active])
        worth = value > 0
        active, at, value = active[worth], at[worth], value[worth]
        rows_at.append(active)
        values_at.append(value)
        more = packs_allowed[active] > position
        active, at = active[more], at[more]
    return _assemble(problem, rows_at, values_at)


def _pack_values(
    walk: TailWalk, at: IntArray, pack: IntArray, price: FloatArray, cost: FloatArray
) -> FloatArray:
    """Value of the next pack of each row (`at`: places in `walk`), walking past its units."""
    if pack.size and int(pack.max()) == 1:
        value = price * walk.above[at] - cost
        walk.step(at)
        return np.asarray(value, np.float64)
    value = np.zeros(at.shape[0])
    for j in range(int(pack.max()) if pack.size else 0):
        inside = np.flatnonzero(j < pack)
        value[inside] += price[inside] * walk.above[at[inside]]
        walk.step(at[inside])
    return value - cost * pack


def _assemble(
    problem: AllocationProblem, rows_at: list[IntArray], values_at: list[FloatArray]
) -> Segments:
    made = np.concatenate(rows_at) if rows_at else np.zeros(0, np.int64)
    counts = np.bincount(made, minlength=problem.n_rows)
    first = np.zeros(problem.n_rows + 1, np.int64)
    np.cumsum(counts, out=first[1:])
    # Packs were made position by position; pack p of row r goes to first[r] + p - 1, which
    # puts each row's packs together and in order without sorting.
    values = np.empty(made.shape[0])
    offset = first[:-1].copy()
    for made_here, value in zip(rows_at, values_at, strict=True):
        values[offset[made_here]] = value
        offset[made_here] += 1
    rows = np.repeat(np.arange(problem.n_rows), counts)
    positions = np.arange(rows.shape[0]) - first[rows] + 1
    sku = problem.sku[rows]
    store = problem.store[rows]
    pack = problem.pack_size[sku].astype(np.float64)
    return Segments(
        row=rows,
        position=positions,
        value=values,
        gain=values * problem.weights()[store],
        cost=problem.unit_cost[sku] * pack,
        units=pack,
        store=store,
        sku=sku,
        first=first,
    )
