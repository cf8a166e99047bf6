"""The proportional baseline: each store's budget split across its rows by demand value.

This is what a merchandiser does by hand: give every SKU a share of the store's money in
proportion to what the store is short of it (`unit_cost * max(mean - on_hand, 0)`), round
down to whole packs within the display cap, and, where HQ cannot cover every store's order of
an SKU, cut all those orders by the same proportion. Runs use it for their holdout control
group; the benchmark uses it as the reference line the engine has to beat.
"""

from __future__ import annotations

import numpy as np

from domain.recommendation.allocation.plan import AllocationPlan
from domain.recommendation.allocation.problem import NO_GROUP, AllocationProblem, IntArray
from domain.recommendation.allocation.solver import plan_for


def proportional(problem: AllocationProblem) -> AllocationPlan:
    """The proportional split of every budget; feasible under every constraint."""
    problem.validate()
    k, s = problem.sku, problem.store
    pack = problem.pack_size[k]
    cost = problem.unit_cost[k]
    shortfall = np.maximum(problem.mean - problem.on_hand, 0.0)
    wanted = np.where(problem.excluded, 0.0, cost * shortfall)
    total = np.bincount(s, weights=wanted, minlength=problem.n_stores)
    share = np.divide(
        problem.budget[s] * wanted, total[s], out=np.zeros(problem.n_rows), where=total[s] > 0
    )
    pack_cost = cost * pack
    packs = np.floor(
        np.divide(share, pack_cost, out=np.zeros(problem.n_rows), where=pack_cost > 0) + 1e-9
    ).astype(np.int64)
    packs = np.minimum(packs, problem.max_units // pack)
    packs[problem.excluded] = 0
    packs = _within_stock(problem, packs)
    qty = _drop_short_groups(problem, packs * pack)
    return plan_for(problem, qty, "proportional split of each budget")


def _within_stock(problem: AllocationProblem, packs: IntArray) -> IntArray:
    """Cut every order of an oversubscribed SKU by the same proportion (rounding down)."""
    k = problem.sku
    wanted = np.bincount(k, weights=packs * problem.pack_size[k], minlength=problem.n_skus)
    scale = np.divide(
        problem.hq_stock, wanted, out=np.ones(problem.n_skus), where=wanted > problem.hq_stock
    )
    scale = np.minimum(scale, 1.0)
    return np.asarray(np.floor(packs * scale[k] + 1e-9), np.int64)


def _drop_short_groups(problem: AllocationProblem, qty: IntArray) -> IntArray:
    """Send nothing to a presentation group that would get less than its minimum."""
    group = problem.group
    grouped = group != NO_GROUP
    if not np.any(grouped):
        return qty
    units = np.bincount(group[grouped], weights=qty[grouped], minlength=problem.n_groups)
    short = units < problem.group_min_units
    qty = qty.copy()
    qty[grouped & short[np.maximum(group, 0)]] = 0
    return qty
