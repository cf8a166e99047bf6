"""The holdout: a reproducible random control group kept on the proportional baseline."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from domain.recommendation.allocation import proportional, solve
from domain.recommendation.holdout import (
    allocate_with_holdout,
    fair_stock,
    holdout_mask,
    holdout_stores,
    subproblem,
)
from tests.domain.recommendation.allocation_factories import (
    margin,
    random_problem,
    violations,
)


def test_holdout_is_the_given_share_of_stores_and_the_same_for_a_seed() -> None:
    stores = list(range(1000, 1400))
    group = holdout_stores(stores, 0.1, "run-7")
    assert len(group) == 40 and group <= set(stores)
    assert holdout_stores(list(reversed(stores)), 0.1, "run-7") == group
    assert holdout_stores(stores, 0.1, "run-8") != group
    assert holdout_stores(stores, 0.0, "run-7") == set()


def test_holdout_mask_marks_the_held_out_positions() -> None:
    stores = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100]
    mask = holdout_mask(stores, 0.3, "run-1")
    held = holdout_stores(stores, 0.3, "run-1")
    assert mask.sum() == 3
    assert {stores[i] for i in mask.nonzero()[0]} == held


def test_holdout_barely_changes_when_a_store_joins() -> None:
    stores = list(range(1, 301))
    before = holdout_stores(stores, 0.2, 42)
    after = holdout_stores([*stores, 999], 0.2, 42)
    assert len(before ^ after) <= 2


def test_holdout_draw_is_spread_over_the_stores() -> None:
    # Over many seeds, every store is held out about `fraction` of the time.
    stores = list(range(20))
    counts = np.zeros(20)
    for seed in range(500):
        for store in holdout_stores(stores, 0.25, seed):
            counts[store] += 1
    assert counts.min() > 0.15 * 500 and counts.max() < 0.35 * 500


def test_a_fraction_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="fraction"):
        holdout_stores([1, 2], 1.5, "x")


@pytest.mark.parametrize("seed", range(6))
def test_holdout_stores_get_the_proportional_plan_and_the_plan_is_feasible(seed: int) -> None:
    problem = random_problem(
        seed, 12, 15, stock_share=(0.3, 0.9), packs=(1, 1, 3), exclude=0.1, weights=(1.0, 1.5)
    )
    mask = np.zeros(problem.n_stores, bool)
    mask[np.random.default_rng(seed).choice(problem.n_stores, 4, replace=False)] = True
    plan = allocate_with_holdout(problem, mask)
    assert violations(problem, plan.qty) == []
    control, rows = subproblem(problem, mask, fair_stock(problem, mask))
    assert np.array_equal(plan.qty[rows], proportional(control).qty)
    # The holdout takes no more of any SKU than its fair share of HQ stock.
    held = np.bincount(problem.sku[rows], weights=plan.qty[rows], minlength=problem.n_skus)
    assert np.all(held <= fair_stock(problem, mask))
    treated = ~mask[problem.store]
    assert plan.qty[treated].sum() > 0
    assert plan.objective == pytest.approx(margin(problem, plan.qty))


def test_with_ample_stock_holdout_stores_get_exactly_the_proportional_split() -> None:
    problem = random_problem(11, 10, 12, stock_share=(5.0, 6.0))
    mask = np.arange(problem.n_stores) % 3 == 0
    plan = allocate_with_holdout(problem, mask)
    baseline = proportional(problem)
    engine = solve(problem)
    held = mask[problem.store]
    assert np.array_equal(plan.qty[held], baseline.qty[held])
    assert np.array_equal(plan.qty[~held], engine.qty[~held])
    assert violations(problem, plan.qty) == []


def test_a_plan_with_a_holdout_earns_between_the_baseline_and_the_engine() -> None:
    problem = random_problem(5, 20, 20, stock_share=(2.0, 3.0))
    mask = np.arange(problem.n_stores) % 2 == 0
    plan = allocate_with_holdout(problem, mask)
    engine_plan = solve(problem)
    base_plan = proportional(problem)
    assert plan.objective < engine_plan.objective
    assert plan.objective > base_plan.objective


def test_no_holdout_is_the_engine_and_all_holdout_is_the_baseline() -> None:
    problem = random_problem(2, 8, 10, stock_share=(0.4, 0.8))
    none = allocate_with_holdout(problem, np.zeros(problem.n_stores, bool))
    assert np.array_equal(none.qty, solve(problem).qty)
    everyone = allocate_with_holdout(problem, np.ones(problem.n_stores, bool))
    assert np.array_equal(everyone.qty, proportional(problem).qty)


def test_a_mask_of_the_wrong_length_is_refused() -> None:
    problem = random_problem(2, 8, 10)
    with pytest.raises(ValueError, match="holdout mask"):
        allocate_with_holdout(problem, np.zeros(3, bool))


@pytest.mark.parametrize("seed", range(3))
def test_holdout_with_presentation_groups_stays_feasible(seed: int) -> None:
    problem = random_problem(seed, 10, 18, stock_share=(0.4, 1.0), packs=(1, 2))
    # Three SKUs per style, every style of a store one group of at least 4 units.
    key = problem.store * 6 + problem.sku // 3
    used, group = np.unique(key, return_inverse=True)
    grouped = replace(problem, group=group, group_min_units=np.full(used.size, 4))
    mask = np.arange(problem.n_stores) % 4 == 1
    plan = allocate_with_holdout(grouped, mask)
    assert violations(grouped, plan.qty) == []
    control, rows = subproblem(grouped, mask, fair_stock(grouped, mask))
    assert control.n_groups == int(np.unique(grouped.group[rows]).size)
    assert np.array_equal(plan.qty[rows], proportional(control).qty)
