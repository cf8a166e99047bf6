"""Allocation test support: random problems of every shape, an independent checker and LP bound.

The checker and the LP bound are written from the contract, not from the engine's code: pack
values one row at a time, every constraint checked on the quantities alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linprog
from scipy.special import pdtrc

from domain.recommendation.allocation import UNCAPPED, AllocationProblem


def random_problem(
    seed: int,
    n_stores: int = 6,
    n_skus: int = 10,
    *,
    density: float = 0.6,
    budget_share: tuple[float, float] = (0.3, 1.5),
    stock_share: tuple[float, float] = (0.3, 1.3),
    packs: tuple[int, ...] = (1,),
    exclude: float = 0.0,
    uncapped: float = 0.0,
    weights: tuple[float, ...] = (1.0,),
) -> AllocationProblem:
    """A random store network: budgets and HQ stock as shares of what stores are short of."""
    rng = np.random.default_rng(seed)
    price = rng.integers(39, 500, n_skus).astype(float)
    cost = np.round(price * rng.uniform(0.4, 0.6, n_skus), 2)
    pack = rng.choice(packs, n_skus)
    store, sku = np.nonzero(rng.random((n_stores, n_skus)) < density)
    size = rng.lognormal(0, 0.6, n_stores)
    mean = np.round(size[store] * rng.lognormal(0.5, 1, n_skus)[sku], 3)
    on_hand = rng.poisson(mean * 0.3)
    max_units = (2 * mean + 3).astype(np.int64) + pack[sku]
    max_units[rng.random(store.size) < uncapped] = UNCAPPED
    gap = np.maximum(mean - on_hand, 0)
    need = np.bincount(store, weights=cost[sku] * gap, minlength=n_stores)
    short = np.bincount(sku, weights=gap, minlength=n_skus)
    return AllocationProblem(
        sku_ids=[f"K{k:03d}" for k in range(n_skus)],
        unit_cost=cost,
        retail_price=price,
        hq_stock=(short * rng.uniform(*stock_share, n_skus)).astype(np.int64),
        pack_size=pack,
        store_ids=[f"T{s:03d}" for s in range(n_stores)],
        budget=np.round(need * rng.uniform(*budget_share, n_stores), 2),
        store=store,
        sku=sku,
        mean=mean,
        on_hand=on_hand,
        max_units=max_units,
        excluded=rng.random(store.size) < exclude,
        store_weight=rng.choice(weights, n_stores),
    )


def as_document(problem: AllocationProblem) -> dict[str, Any]:
    """The contract's JSON document for a problem (exclusions as store lists)."""
    excluded: list[list[str]] = [[] for _ in range(problem.n_stores)]
    for i in np.flatnonzero(problem.excluded):
        excluded[problem.store[i]].append(str(problem.sku_ids[problem.sku[i]]))
    return {
        "horizon_days": 28,
        "skus": [
            {
                "id": str(problem.sku_ids[k]),
                "unit_cost": float(problem.unit_cost[k]),
                "retail_price": float(problem.retail_price[k]),
                "hq_stock": int(problem.hq_stock[k]),
                "pack_size": int(problem.pack_size[k]),
            }
            for k in range(problem.n_skus)
        ],
        "stores": [
            {
                "id": str(problem.store_ids[s]),
                "budget": float(problem.budget[s]),
                "excluded_skus": excluded[s],
            }
            for s in range(problem.n_stores)
        ],
        "demand": [
            {
                "store": str(problem.store_ids[problem.store[i]]),
                "sku": str(problem.sku_ids[problem.sku[i]]),
                "mean": float(problem.mean[i]),
                "on_hand": int(problem.on_hand[i]),
                **(
                    {}
                    if problem.max_units[i] >= UNCAPPED
                    else {"max_units": int(problem.max_units[i])}
                ),
            }
            for i in range(problem.n_rows)
        ],
    }


def violations(problem: AllocationProblem, qty: np.ndarray) -> list[str]:
    """Every constraint the quantities break, checked one by one."""
    found = []
    pack = problem.pack_size[problem.sku]
    if qty.dtype.kind != "i" or np.any(qty < 0):
        found.append("quantities must be non-negative integers")
    if np.any(qty % pack):
        found.append("quantity not a multiple of the pack size")
    if np.any(qty > problem.max_units):
        found.append("quantity above max_units")
    if np.any(qty[problem.excluded] > 0):
        found.append("excluded sku sent")
    spend = np.bincount(
        problem.store, weights=problem.unit_cost[problem.sku] * qty, minlength=problem.n_stores
    )
    if np.any(spend > problem.budget + 1e-6):
        found.append("store over budget")
    sent = np.bincount(problem.sku, weights=qty, minlength=problem.n_skus)
    if np.any(sent > problem.hq_stock):
        found.append("sku above hq_stock")
    grouped = problem.group >= 0
    if np.any(grouped):
        units = np.bincount(
            problem.group[grouped], weights=qty[grouped], minlength=problem.n_groups
        )
        if np.any((units > 0) & (units < problem.group_min_units)):
            found.append("group below its minimum presentation")
    return found


def margin(problem: AllocationProblem, qty: np.ndarray, weighted: bool = False) -> float:
    """Expected gross margin of the quantities, summing unit values one by one."""
    total = 0.0
    weight = problem.store_weight if weighted else np.ones(problem.n_stores)
    for i in np.flatnonzero(qty):
        k = problem.sku[i]
        units = np.arange(1, qty[i] + 1)
        value = problem.retail_price[k] * pdtrc(problem.on_hand[i] + units - 1, problem.mean[i])
        total += weight[problem.store[i]] * float((value - problem.unit_cost[k]).sum())
    return total


def lp_bound(problem: AllocationProblem, weighted: bool = False) -> float:
    """Optimum of the LP relaxation (each positive pack a variable in [0, 1]), by HiGHS."""
    values, rows = [], []
    weight = problem.store_weight if weighted else np.ones(problem.n_stores)
    for i in range(problem.n_rows):
        k = problem.sku[i]
        p = int(problem.pack_size[k])
        n_packs = 0 if problem.excluded[i] else int(min(problem.max_units[i], 10_000) // p)
        units = np.arange(1, n_packs * p + 1)
        unit = problem.retail_price[k] * pdtrc(problem.on_hand[i] + units - 1, problem.mean[i])
        pack_values = (unit - problem.unit_cost[k]).reshape(n_packs, p).sum(axis=1)
        positive = pack_values[: np.argmax(pack_values <= 0) if np.any(pack_values <= 0) else None]
        values.append(positive * weight[problem.store[i]])
        rows.append(np.full(positive.size, i))
    value = np.concatenate([np.zeros(0), *values])
    row = np.concatenate([np.zeros(0), *rows]).astype(np.int64)
    if value.size == 0:
        return 0.0
    k = problem.sku[row]
    n, n_stores = value.size, problem.n_stores
    pack = problem.pack_size[k].astype(float)
    matrix = sparse.csc_matrix(
        (
            np.concatenate([problem.unit_cost[k] * pack, pack]),
            (
                np.concatenate([problem.store[row], n_stores + k]),
                np.concatenate([np.arange(n)] * 2),
            ),
        ),
        shape=(n_stores + problem.n_skus, n),
    )
    capacity = np.concatenate([problem.budget, problem.hq_stock.astype(float)])
    result = linprog(-value, A_ub=matrix, b_ub=capacity, bounds=(0, 1), method="highs")
    assert result.status == 0, result.message
    return float(-result.fun)


def find_scorer() -> Path | None:
    """shared/tools/alloc_score.py beside the repository (or a directory above it)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "tools" / "alloc_score.py"
        if candidate.exists():
            return candidate
    return None
