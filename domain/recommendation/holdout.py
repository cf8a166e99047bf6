"""The holdout: a random control group of stores left on the proportional baseline.

To measure what the engine is worth, a run can leave a share of its stores on the manual
practice (`proportional`, each budget split by demand) and compare them later. The control
group must be random (so the comparison is fair), reproducible (the same run key picks the
same stores, so a retried job does not reshuffle it) and must not take more than its fair
share of scarce HQ stock, nor less: the baseline stores are fed each SKU's stock in
proportion to what they are short of, and the engine allocates what the baseline leaves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from domain.recommendation.allocation import AllocationPlan, AllocationProblem, proportional, solve
from domain.recommendation.allocation.problem import NO_GROUP, BoolArray, IntArray


def holdout_stores(store_ids: Sequence[int], fraction: float, seed: str | int) -> set[int]:
    """A random `fraction` of the stores (rounded to the nearest store), the same for a seed.

    Each store draws a number from a hash of the seed and its id; the stores with the lowest
    draws are held out. The draw of a store does not depend on the others, so adding a store
    to the scope leaves the rest of the group nearly unchanged.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"holdout fraction must be between 0 and 1, not {fraction}")
    unique = sorted(set(store_ids))
    count = round(fraction * len(unique))
    if count == 0:
        return set()

    def draw(store_id: int) -> bytes:
        return hashlib.sha256(f"{seed}:{store_id}".encode()).digest()

    return set(sorted(unique, key=draw)[:count])


def holdout_mask(store_ids: Sequence[int], fraction: float, seed: str | int) -> BoolArray:
    """`holdout_stores` as a mask over the stores' positions (what `allocate_with_holdout` takes)."""
    held = holdout_stores(store_ids, fraction, seed)
    return np.array([store_id in held for store_id in store_ids], dtype=bool)


def fair_stock(problem: AllocationProblem, holdout: BoolArray) -> IntArray:
    """Units of each SKU the holdout stores may take: HQ stock in proportion to their shortfall.

    Shortfall is `max(mean - on_hand, 0)` over rows the store does not exclude, the measure
    `proportional` splits budgets by. Rounded down to whole packs.
    """
    k = problem.sku
    short = np.where(problem.excluded, 0.0, np.maximum(problem.mean - problem.on_hand, 0.0))
    total = np.bincount(k, weights=short, minlength=problem.n_skus)
    held = np.bincount(k, weights=short * holdout[problem.store], minlength=problem.n_skus)
    share = np.divide(held, total, out=np.zeros(problem.n_skus), where=total > 0)
    pack = problem.pack_size
    return np.asarray(np.floor(problem.hq_stock * share / pack + 1e-9), np.int64) * pack


def subproblem(
    problem: AllocationProblem, stores: BoolArray, hq_stock: IntArray
) -> tuple[AllocationProblem, IntArray]:
    """The problem restricted to some stores (all SKUs kept), with the given HQ stock.

    Returns it with the positions, in `problem`, of its demand rows.
    """
    rows = np.flatnonzero(stores[problem.store])
    position = np.cumsum(stores) - 1
    group = problem.group[rows]
    grouped = group != NO_GROUP
    kept_groups = np.unique(group[grouped])
    renumbered = np.full(max(problem.n_groups, 1), NO_GROUP, np.int64)
    renumbered[kept_groups] = np.arange(kept_groups.size)
    new_group = np.where(grouped, renumbered[np.maximum(group, 0)], NO_GROUP)
    part = replace(
        problem,
        hq_stock=hq_stock,
        store_ids=problem.store_ids[stores],
        budget=problem.budget[stores],
        store_weight=problem.weights()[stores],
        store=position[problem.store[rows]],
        sku=problem.sku[rows],
        mean=problem.mean[rows],
        on_hand=problem.on_hand[rows],
        max_units=problem.max_units[rows],
        excluded=problem.excluded[rows],
        group=new_group,
        group_min_units=problem.group_min_units[kept_groups],
        group_ids=problem.group_ids[kept_groups] if problem.group_ids.size else problem.group_ids,
    )
    return part, rows


def allocate_with_holdout(problem: AllocationProblem, holdout: BoolArray) -> AllocationPlan:
    """One plan for the whole network: holdout stores on the baseline, the rest on the engine.

    `holdout[s]` marks store position s. The holdout stores get `proportional` of a problem
    holding only them and their fair share of each SKU's stock (`fair_stock`); the engine
    (`solve`) then allocates to the other stores whatever HQ stock the baseline left. Both
    parts respect every constraint, so the merged plan does too.
    """
    problem.validate()
    holdout = np.asarray(holdout, bool)
    if holdout.shape != (problem.n_stores,):
        raise ValueError(f"holdout mask has shape {holdout.shape}, expected ({problem.n_stores},)")
    if not holdout.any():
        return solve(problem)
    control, control_rows = subproblem(problem, holdout, fair_stock(problem, holdout))
    baseline = proportional(control)
    left = problem.hq_stock - baseline.shipped(control)
    if holdout.all():
        return _merge(problem, [(control_rows, holdout, baseline)], baseline, baseline.method)
    treated, treated_rows = subproblem(problem, ~holdout, left)
    engine = solve(treated)
    method = f"{engine.method}; holdout stores: {baseline.method}"
    parts = [(control_rows, holdout, baseline), (treated_rows, ~holdout, engine)]
    return _merge(problem, parts, engine, method)


def _merge(
    problem: AllocationProblem,
    parts: list[tuple[IntArray, BoolArray, AllocationPlan]],
    priced: AllocationPlan,
    method: str,
) -> AllocationPlan:
    """The parts' plans as one plan over the whole problem (SKU prices from `priced`)."""
    qty = np.zeros(problem.n_rows, np.int64)
    marginal = np.full(problem.n_rows, np.nan)
    following = np.full(problem.n_rows, np.nan)
    binding = np.zeros(problem.n_rows, np.int64)
    budget_price = np.zeros(problem.n_stores)
    for rows, stores, plan in parts:
        qty[rows] = plan.qty
        marginal[rows] = plan.marginal_value
        following[rows] = plan.next_value
        binding[rows] = plan.binding
        budget_price[stores] = plan.budget_price
    return AllocationPlan(
        qty=qty,
        marginal_value=marginal,
        next_value=following,
        binding=binding,
        objective=sum(plan.objective for _, _, plan in parts),
        weighted_objective=sum(plan.weighted_objective for _, _, plan in parts),
        # Only the engine's part is bounded; the baseline's is what it is.
        upper_bound=float("nan"),
        budget_price=budget_price,
        stock_price=priced.stock_price,
        method=method,
        timings=dict(priced.timings),
    )
