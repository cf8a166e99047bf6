"""Tenant policies and store passports applied to an allocation problem.

The engine knows nothing of tiers, styles or passports: it maximises weighted expected margin
under budgets, stock, row caps, exclusions and presentation groups. Every policy is therefore
a change to the problem, made here before it is solved, in this order:

1. learned factors (domain.recommendation.learning) scale each store × category's forecast;
2. a store's favoured categories get `allocation.favoured_category_uplift` more demand;
3. exclusions: the passport's excluded categories and SKUs, and SKUs priced outside the
   store's price band, become excluded rows;
4. tier priority: `tiers.weights[tier]` becomes the store's weight;
5. the SKU share cap: each row's `max_units` is at most that share of HQ stock (whole packs,
   at least one);
6. display capacity: a store whose rows could together bring it past its display capacity gets
   that room spread over its rows as `max_units` (see `display_caps`);
7. minimum presentation: one group per store × style, `allocation.min_style_units` each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from domain.recommendation.allocation.problem import (
    NO_GROUP,
    UNCAPPED,
    AllocationProblem,
    BoolArray,
    FloatArray,
    IntArray,
)
from domain.recommendation.learning import LearnedFactors
from domain.recommendation.policies.network import NetworkFacts
from domain.recommendation.policies.notes import CapSource, Exclusion, ShapingNotes
from domain.tenancy.policies import TenantPolicies

#: Largest store × style key space numbered densely (one byte and one int64 per key).
DENSE_GROUP_KEYS = 20_000_000


@dataclass(eq=False)
class Shaped:
    """A shaped problem and, per demand row, what the policies did to it."""

    problem: AllocationProblem
    notes: ShapingNotes


def apply_policies(
    problem: AllocationProblem,
    facts: NetworkFacts,
    policies: TenantPolicies,
    learned: LearnedFactors | None = None,
) -> AllocationProblem:
    """A new problem with the tenant's policies and the stores' preferences applied."""
    return shape(problem, facts, policies, learned).problem


def shape(
    problem: AllocationProblem,
    facts: NetworkFacts,
    policies: TenantPolicies,
    learned: LearnedFactors | None = None,
) -> Shaped:
    """`apply_policies`, with the notes a proposal line's reason is made from."""
    if facts.n_stores != problem.n_stores or facts.n_skus != problem.n_skus:
        raise ValueError(
            f"facts describe {facts.n_stores} stores × {facts.n_skus} SKUs, "
            f"the problem {problem.n_stores} × {problem.n_skus}"
        )
    allocation = policies.allocation
    category = facts.sku_category[problem.sku]
    learned_factor = learned_factors_by_row(problem, facts, learned)
    favoured = facts.favoured[problem.store, category]
    uplift = np.where(favoured, 1.0 + allocation.favoured_category_uplift, 1.0)
    mean = problem.mean * learned_factor * uplift
    exclusion = passport_exclusions(problem, facts)
    excluded = problem.excluded | (exclusion != Exclusion.NONE)
    shared = share_cap(problem, allocation.sku_share_cap)
    max_units = display_caps(problem, facts, mean, excluded, shared)
    cap_source = np.where(
        max_units < shared,
        CapSource.DISPLAY_CAPACITY,
        np.where(shared < problem.max_units, CapSource.SKU_SHARE, CapSource.NONE),
    ).astype(np.int64)
    group, group_min, group_ids = style_groups(problem, facts, excluded, allocation.min_style_units)
    shaped = replace(
        problem,
        mean=mean,
        excluded=excluded,
        max_units=max_units,
        store_weight=problem.weights() * tier_weights(facts, policies),
        group=group,
        group_min_units=group_min,
        group_ids=group_ids,
    )
    notes = ShapingNotes(
        learned_factor=learned_factor,
        favoured_uplift=uplift,
        exclusion=exclusion,
        cap_source=cap_source,
        min_style_units=allocation.min_style_units,
    )
    return Shaped(shaped, notes)


def learned_factors_by_row(
    problem: AllocationProblem, facts: NetworkFacts, learned: LearnedFactors | None
) -> FloatArray:
    """Per demand row, the factor learned for its store × category (1 where none)."""
    by_category = np.ones((facts.n_stores, len(facts.categories)))
    if learned is not None:
        store_position = {int(store_id): s for s, store_id in enumerate(facts.store_ids)}
        category_position = {name: c for c, name in enumerate(facts.categories)}
        for edits in learned.items():
            s = store_position.get(edits.store_id)
            c = category_position.get(edits.category)
            if s is not None and c is not None:
                by_category[s, c] = edits.factor
    factors: FloatArray = by_category[problem.store, facts.sku_category[problem.sku]]
    return factors


def passport_exclusions(problem: AllocationProblem, facts: NetworkFacts) -> IntArray:
    """Per row, the `Exclusion` a store's passport rules it out by (NONE when it does not)."""
    s, k = problem.store, problem.sku
    price = problem.retail_price[k]
    low, high = facts.price_min[s], facts.price_max[s]
    with np.errstate(invalid="ignore"):
        outside = (~np.isnan(low) & (price < low)) | (~np.isnan(high) & (price > high))
    codes = np.where(outside, Exclusion.PRICE_BAND, Exclusion.NONE).astype(np.int64)
    if facts.excluded_pairs.size:
        codes[np.isin(s * facts.n_skus + k, facts.excluded_pairs)] = Exclusion.SKU
    codes[facts.excluded_category[s, facts.sku_category[k]]] = Exclusion.CATEGORY
    return codes


def tier_weights(facts: NetworkFacts, policies: TenantPolicies) -> FloatArray:
    """Each store's weight from its tier (1 for a tier the policy does not name)."""
    weights = policies.tiers.weights
    return np.array([weights.get(str(tier), 1.0) for tier in facts.tier], np.float64)


def share_cap(problem: AllocationProblem, cap: float | None) -> IntArray:
    """`max_units` with no row above `cap` × its SKU's HQ stock (whole packs, at least one)."""
    if cap is None:
        return problem.max_units
    pack = problem.pack_size
    packs = np.floor(cap * problem.hq_stock / pack + 1e-9).astype(np.int64)
    limit = np.maximum(packs, 1) * pack
    return np.minimum(problem.max_units, limit[problem.sku])


def display_caps(
    problem: AllocationProblem,
    facts: NetworkFacts,
    mean: FloatArray,
    excluded: BoolArray,
    max_units: IntArray,
) -> IntArray:
    """`max_units` that keep each store within its display capacity.

    The engine has no per-store unit limit, so a store's room (display capacity less the
    units it holds of the problem's SKUs) is spread over its rows as row caps. Only stores
    whose open rows could together exceed their room (within their caps and what the budget
    buys at the cheapest open row's cost) are touched. The room is divided like
    the shelves would be: each row's fair share of the whole display is the store's capacity
    in proportion to the row's forecast mean; a row gets the room in proportion to how far it
    is below that share (what it holds counts), rounded down to whole packs. The caps add up
    to at most the room, so no plan can overfill the display; a row far above its share (a
    slow seller with a lot on hand) gets nothing.
    """
    capacity = facts.display_capacity
    s, n = problem.store, problem.n_stores
    held = np.bincount(s, weights=problem.on_hand, minlength=n)
    room = np.maximum(capacity - held, 0.0)
    open_row = ~excluded
    could_send = np.bincount(
        s, weights=np.where(open_row, np.minimum(max_units, UNCAPPED // 2), 0), minlength=n
    )
    # Nor can it send more units than its budget buys at its cheapest open row's cost.
    cost = np.where(open_row, problem.unit_cost[problem.sku], np.inf)
    cheapest = np.full(n, np.inf)
    np.minimum.at(cheapest, s, cost)
    with np.errstate(divide="ignore", invalid="ignore"):
        affordable = np.where(cheapest > 0, np.floor(problem.budget / cheapest), np.inf)
    binding = (capacity >= 0) & (np.minimum(could_send, affordable) > room)
    if not np.any(binding):
        return max_units
    demand = np.where(open_row, mean, 0.0)
    total = np.bincount(s, weights=demand, minlength=n)
    fair = np.divide(capacity[s] * demand, total[s], out=np.zeros_like(demand), where=total[s] > 0)
    gap = np.where(open_row, np.maximum(fair - problem.on_hand, 0.0), 0.0)
    total_gap = np.bincount(s, weights=gap, minlength=n)
    spread = np.divide(room[s] * gap, total_gap[s], out=np.zeros_like(gap), where=total_gap[s] > 0)
    pack = problem.pack_size[problem.sku]
    spread_units = np.floor(spread / pack + 1e-9).astype(np.int64) * pack
    return np.where(binding[s], np.minimum(max_units, spread_units), max_units)


def style_groups(
    problem: AllocationProblem, facts: NetworkFacts, excluded: BoolArray, min_units: int
) -> tuple[IntArray, IntArray, npt.NDArray[Any]]:
    """Presentation groups: one per store × style with an open row, `min_units` each.

    Groups are numbered in order of (store position, style); they carry no labels (a group's
    store is its rows' store, its style their SKUs' style). Excluded rows belong to no group:
    they can never be sent, so they cannot help a style reach its minimum. A policy minimum
    replaces any groups the problem came with.
    """
    if min_units <= 0:
        return problem.group, problem.group_min_units, problem.group_ids
    styles, style = np.unique(facts.sku_style, return_inverse=True)
    key = problem.store * max(styles.size, 1) + style.reshape(-1)[problem.sku]
    open_rows = np.flatnonzero(~excluded)
    group = np.full(problem.n_rows, NO_GROUP, np.int64)
    space = problem.n_stores * max(styles.size, 1)
    if space <= DENSE_GROUP_KEYS:
        # Number the used keys by a running count over the whole key space: no sort needed.
        used = np.zeros(space, bool)
        used[key[open_rows]] = True
        number = np.cumsum(used) - 1
        group[open_rows] = number[key[open_rows]]
        count = int(used.sum())
    else:
        keys = np.unique(key[open_rows])
        group[open_rows] = np.searchsorted(keys, key[open_rows])
        count = int(keys.size)
    return group, np.full(count, min_units, np.int64), np.zeros(0, dtype=object)
