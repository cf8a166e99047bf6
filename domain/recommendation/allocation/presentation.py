"""Minimum presentation: a group of rows (one store, one style) gets nothing or at least N units.

The prices and the rounding ignore the rule; this phase then settles every group the plan
left short, one at a time, by the better of two moves:

- complete it: add the group's most valuable next packs until it has its minimum, paying with
  budget left or, if short, by giving back the store's least valuable packs outside groups;
- drop it: send the group nothing, freeing its budget (worth the store's budget price) and
  its stock for the final fill.

Both keep every budget, stock, cap and pack rule; neither touches another group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from domain.recommendation.allocation.poisson import sf_scalar
from domain.recommendation.allocation.problem import NO_GROUP, BoolArray, FloatArray, IntArray
from domain.recommendation.allocation.reasons import row_margins_of, unit_value
from domain.recommendation.allocation.rounding import SLACK, Ledger


@dataclass
class _Move:
    """Packs to add (row -> packs) and to give back, with their net value."""

    add: dict[int, int]
    give_back: dict[int, int]
    value: float


def group_units(ledger: Ledger) -> IntArray:
    """Units the plan sends to each group."""
    problem = ledger.problem
    grouped = problem.group >= 0
    return np.bincount(
        problem.group[grouped],
        weights=ledger.qty()[grouped],
        minlength=problem.n_groups,
    ).astype(np.int64)


def open_rows(ledger: Ledger) -> BoolArray:
    """Rows that may receive more without breaking a minimum: ungrouped, or in a group at it."""
    problem = ledger.problem
    group = problem.group
    units = group_units(ledger)
    met = (units >= problem.group_min_units) & (units > 0)
    return np.asarray((group == NO_GROUP) | met[np.maximum(group, 0)] & (group >= 0), np.bool_)


def settle_groups(ledger: Ledger, budget_price: FloatArray) -> BoolArray:
    """Complete or drop every group below its minimum; returns the rows of dropped groups."""
    problem = ledger.problem
    group = problem.group
    dropped = np.zeros(problem.n_rows, bool)
    units = group_units(ledger)
    short = np.flatnonzero((units > 0) & (units < problem.group_min_units))
    if short.size == 0:
        return dropped
    grouped = np.flatnonzero(group >= 0)
    grouped = grouped[np.argsort(group[grouped], kind="stable")]
    starts = np.searchsorted(group[grouped], np.arange(problem.n_groups + 1))
    free = np.flatnonzero(group == NO_GROUP)  # rows that may give packs back: in no group
    free = free[np.argsort(problem.store[free], kind="stable")]
    free_starts = np.searchsorted(problem.store[free], np.arange(problem.n_stores + 1))
    left_budget = ledger.left_budget()
    left_stock = ledger.left_stock()
    # A group's own packs change only on its turn, so every drop is valued up front, at once.
    held_value = np.bincount(
        group[grouped],
        weights=row_margins_of(problem, grouped, ledger.qty()[grouped]),
        minlength=problem.n_groups,
    )
    held_cost = np.bincount(
        group[grouped],
        weights=(ledger.pack_cost * ledger.packs)[grouped],
        minlength=problem.n_groups,
    )
    for g in short.tolist():
        rows = grouped[starts[g] : starts[g + 1]]
        store = int(problem.store[rows[0]])
        need = int(problem.group_min_units[g] - units[g])
        ungrouped = free[free_starts[store] : free_starts[store + 1]]
        complete = _completion(ledger, rows, need, ungrouped, left_budget, left_stock)
        weight = float(problem.weights()[store])
        held = ledger.packs[rows]
        drop_value = float(budget_price[store]) / weight * held_cost[g] - held_value[g]
        if complete is not None and complete.value >= drop_value:
            _apply(ledger, complete, left_budget, left_stock)
        else:
            _apply(
                ledger,
                _Move({}, dict(zip(rows.tolist(), held.tolist(), strict=True)), 0.0),
                left_budget,
                left_stock,
            )
            dropped[rows] = True
    return dropped


def _completion(
    ledger: Ledger,
    rows: IntArray,
    need: int,
    ungrouped: IntArray,
    left_budget: FloatArray,
    left_stock: FloatArray,
) -> _Move | None:
    """The best way found to bring the group's rows up by `need` units, or None."""
    problem = ledger.problem
    added: dict[int, int] = {}
    row_list = rows.tolist()
    packs = dict(zip(row_list, ledger.packs[rows].tolist(), strict=True))
    pack = dict(zip(row_list, ledger.pack[rows].tolist(), strict=True))
    sku = dict(zip(row_list, problem.sku[rows].tolist(), strict=True))
    room = dict(
        zip(
            row_list,
            np.where(problem.excluded[rows], 0, problem.max_units[rows]).tolist(),
            strict=True,
        )
    )
    stock = {k: float(left_stock[k]) for k in sku.values()}
    per_unit = {r: _pack_value(ledger, r, packs[r]) / pack[r] for r in row_list}
    value = cost = 0.0
    while need > 0:
        best, best_value = -1, -np.inf
        for r in row_list:
            if (packs[r] + 1) * pack[r] > room[r] or pack[r] > stock[sku[r]] + SLACK:
                continue
            if per_unit[r] > best_value:
                best, best_value = r, per_unit[r]
        if best < 0:
            return None
        value += best_value * pack[best]
        cost += float(ledger.pack_cost[best])
        stock[sku[best]] -= pack[best]
        packs[best] += 1
        added[best] = added.get(best, 0) + 1
        need -= pack[best]
        per_unit[best] = _pack_value(ledger, best, packs[best]) / pack[best]
    store = int(problem.store[rows[0]])
    short_by = cost - float(left_budget[store])
    give_back: dict[int, int] = {}
    if short_by > SLACK:
        freed = _give_back(ledger, ungrouped, short_by)
        if freed is None:
            return None
        give_back, lost = freed
        value -= lost
    return _Move(added, give_back, value)


def _give_back(
    ledger: Ledger, candidates: IntArray, amount: float
) -> tuple[dict[int, int], float] | None:
    """Last packs of `candidates` (rows) worth least per unit of money, freeing `amount`."""
    rows = candidates[(ledger.packs[candidates] > 0) & (ledger.pack_cost[candidates] > 0)]
    if rows.size == 0:
        return None
    packs = ledger.packs[rows].copy()
    values = np.zeros(rows.shape[0])
    pack = ledger.pack[rows]
    for j in range(int(pack.max())):
        inside = np.flatnonzero(j < pack)
        row = rows[inside]
        values[inside] += unit_value(
            ledger.problem, row, (packs[inside] - 1) * pack[inside] + j + 1
        )
    cost = ledger.pack_cost[rows]
    rates = values / cost
    freed = lost = 0.0
    taken: dict[int, int] = {}
    while freed < amount - SLACK:
        i = int(np.argmin(rates))
        if not np.isfinite(rates[i]):
            return None
        r = int(rows[i])
        packs[i] -= 1
        taken[r] = taken.get(r, 0) + 1
        freed += float(cost[i])
        lost += float(values[i])
        if packs[i] == 0:
            rates[i] = np.inf
        else:
            values[i] = _pack_value(ledger, r, int(packs[i]) - 1)
            rates[i] = values[i] / cost[i]
    return taken, lost


def _pack_value(ledger: Ledger, row: int, packs_before: int) -> float:
    """Value of the pack that follows `packs_before` packs on `row` (scalar arithmetic: this
    runs once per candidate, where numpy's per-call overhead would dominate)."""
    problem = ledger.problem
    k = int(problem.sku[row])
    pack = int(ledger.pack[row])
    mean = float(problem.mean[row])
    start = int(problem.on_hand[row]) + packs_before * pack
    price = float(problem.retail_price[k])
    chance = sum(sf_scalar(start + j, mean) for j in range(pack))
    return float(price * chance - pack * float(problem.unit_cost[k]))


def _apply(ledger: Ledger, move: _Move, left_budget: FloatArray, left_stock: FloatArray) -> None:
    problem = ledger.problem
    for change, sign in ((move.add, 1), (move.give_back, -1)):
        for r, n in change.items():
            ledger.packs[r] += sign * n
            left_budget[problem.store[r]] -= sign * n * ledger.pack_cost[r]
            left_stock[problem.sku[r]] -= sign * n * ledger.pack[r]
