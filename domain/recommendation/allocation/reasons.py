"""Why each row got what it got: expected margin, marginal values and the binding constraint.

Everything here is computed from the final quantities, so it explains the plan actually
made (including any merchandiser edit fed back through `explain`), with the dual prices as
the tie-breaker when both a budget and a stock could be what stopped a row.
"""

from __future__ import annotations

import numpy as np

from domain.recommendation.allocation import poisson
from domain.recommendation.allocation.plan import Binding
from domain.recommendation.allocation.problem import (
    AllocationProblem,
    BoolArray,
    FloatArray,
    IntArray,
)

#: Money or units below this are rounding noise.
SLACK = 1e-9


def expected_sales(mean: FloatArray, level: IntArray) -> FloatArray:
    """E[min(D, level)] for D ~ Poisson(mean), elementwise.

    Uses Σ_{n<y} n P(n) = mean · P(D <= y - 2), so no sum over units is needed.
    """
    level = np.asarray(level, np.int64)
    # P(D <= y - 2) = P(D <= y - 1) - P(D = y - 1): one pass of sums serves both terms
    at_most, at_least = poisson.split(level - 1, mean)
    below = np.maximum(at_most - poisson.pmf(level - 1, mean), 0.0)
    return np.asarray(mean * below + level * at_least)


def row_margins(problem: AllocationProblem, qty: IntArray) -> FloatArray:
    """Expected gross margin of each row's shipment (zero where nothing is sent)."""
    margin = np.zeros(problem.n_rows)
    sent = np.flatnonzero(qty > 0)
    margin[sent] = row_margins_of(problem, sent, qty[sent])
    return margin


def row_margins_of(problem: AllocationProblem, rows: IntArray, qty: IntArray) -> FloatArray:
    """Expected gross margin of sending `qty` units to each of `rows`."""
    mean, level, k = problem.mean[rows], problem.on_hand[rows], problem.sku[rows]
    sold = expected_sales(mean, level + qty) - expected_sales(mean, level)
    return np.asarray(problem.retail_price[k] * sold - problem.unit_cost[k] * qty, np.float64)


def unit_value(problem: AllocationProblem, rows: IntArray, unit: IntArray) -> FloatArray:
    """Value of the `unit`-th unit (1-based) sent to each row."""
    k = problem.sku[rows]
    tail = poisson.sf(problem.on_hand[rows] + unit - 1, problem.mean[rows])
    return np.asarray(problem.retail_price[k] * tail - problem.unit_cost[k])


def next_pack_value(
    problem: AllocationProblem, qty: IntArray, rows: IntArray, first_unit: FloatArray
) -> FloatArray:
    """Value of one more pack on top of `qty` for `rows`, given its first unit's value."""
    pack = problem.pack_size[problem.sku[rows]]
    value = first_unit.copy()
    for j in range(1, int(pack.max(initial=1))):
        inside = np.flatnonzero(j < pack)
        row = rows[inside]
        value[inside] += unit_value(problem, row, qty[row] + j + 1)
    return value


def explain(
    problem: AllocationProblem,
    qty: IntArray,
    budget_price: FloatArray,
    stock_price: FloatArray,
    dropped: BoolArray | None = None,
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Marginal value of the last unit sent, value of the next unit, and binding constraint.

    `dropped` marks rows of presentation groups left out because their minimum was not worth
    it; they are explained as PRESENTATION.
    """
    n = problem.n_rows
    rows = np.arange(n)
    pack = problem.pack_size[problem.sku]
    marginal = np.full(n, np.nan)
    sent = qty > 0
    marginal[sent] = unit_value(problem, rows[sent], qty[sent])
    can_grow = ~problem.excluded & (qty + pack <= problem.max_units)
    growing = rows[can_grow]
    following = np.full(n, np.nan)
    following[growing] = unit_value(problem, growing, qty[growing] + 1)
    binding = np.full(n, int(Binding.DEMAND), np.int64)
    worth = np.zeros(n, bool)
    worth[growing] = next_pack_value(problem, qty, growing, following[growing]) > 0
    binding[worth] = _scarce_resource(problem, qty, budget_price, stock_price)[worth]
    if dropped is not None:
        binding[dropped & worth] = int(Binding.PRESENTATION)
    binding[~problem.excluded & (qty + pack > problem.max_units)] = int(Binding.MAX_UNITS)
    binding[problem.excluded] = int(Binding.EXCLUDED)
    return marginal, following, binding


def _scarce_resource(
    problem: AllocationProblem, qty: IntArray, budget_price: FloatArray, stock_price: FloatArray
) -> IntArray:
    """BUDGET or HQ_STOCK per row: which of the two kept the next pack out."""
    k, s = problem.sku, problem.store
    pack = problem.pack_size[k]
    pack_cost = problem.unit_cost[k] * pack
    left_budget = problem.budget - np.bincount(
        s, weights=problem.unit_cost[k] * qty, minlength=problem.n_stores
    )
    left_stock = problem.hq_stock - np.bincount(k, weights=qty, minlength=problem.n_skus)
    budget_short = pack_cost > left_budget[s] + SLACK
    stock_short = pack > left_stock[k] + SLACK
    # When both or neither is exhausted, the dearer of the two at the dual prices decides.
    budget_dearer = budget_price[s] * pack_cost >= stock_price[k] * pack
    budget_binds = budget_short & ~stock_short | (budget_short == stock_short) & budget_dearer
    return np.where(budget_binds, int(Binding.BUDGET), int(Binding.HQ_STOCK))
