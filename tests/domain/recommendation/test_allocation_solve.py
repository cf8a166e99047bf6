"""The allocation engine: feasible under every constraint, near the LP bound, explained."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.special import pdtrc

from domain.recommendation.allocation import (
    UNCAPPED,
    AllocationProblem,
    Binding,
    proportional,
    solve,
)
from tests.domain.recommendation.allocation_factories import (
    lp_bound,
    margin,
    random_problem,
    violations,
)

shapes = st.fixed_dictionaries(
    {
        "seed": st.integers(0, 10_000),
        "n_stores": st.integers(1, 8),
        "n_skus": st.integers(1, 12),
        "density": st.sampled_from([0.2, 0.6, 1.0]),
        "budget_share": st.sampled_from([(0.0, 0.0), (0.05, 0.3), (0.3, 1.5), (2.0, 3.0)]),
        "stock_share": st.sampled_from([(0.0, 0.0), (0.05, 0.3), (0.3, 1.3), (2.0, 3.0)]),
        "packs": st.sampled_from([(1,), (1, 2, 3), (4, 6, 12)]),
        "exclude": st.sampled_from([0.0, 0.3, 0.9]),
        "uncapped": st.sampled_from([0.0, 0.5]),
        "weights": st.sampled_from([(1.0,), (1.0, 2.5)]),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=shapes)
def test_plans_keep_every_constraint_and_never_beat_the_lp(shape: dict) -> None:
    seed, n_stores, n_skus = shape.pop("seed"), shape.pop("n_stores"), shape.pop("n_skus")
    problem = random_problem(seed, n_stores, n_skus, **shape)
    plan = solve(problem)
    assert violations(problem, plan.qty) == []
    assert plan.objective == pytest.approx(margin(problem, plan.qty), rel=1e-9, abs=1e-6)
    bound = lp_bound(problem, weighted=True)
    assert plan.weighted_objective <= bound + 1e-6 * max(1.0, bound)
    assert bound <= plan.upper_bound + 1e-6 * max(1.0, bound)
    assert violations(problem, proportional(problem).qty) == []


@pytest.mark.parametrize("seed", range(4))
def test_objective_within_two_thousandths_of_the_lp_bound(seed: int) -> None:
    problem = random_problem(seed, 60, 120, density=0.3)
    assert solve(problem).objective >= 0.998 * lp_bound(problem)


@pytest.mark.parametrize("seed", range(2))
def test_tight_budgets_and_scarce_stock_stay_near_the_bound(seed: int) -> None:
    problem = random_problem(
        seed, 80, 150, density=0.3, budget_share=(0.2, 0.6), stock_share=(0.2, 0.6)
    )
    # budgets a fifth to a half of need: few packs per store, so the LP bound is loose here
    assert solve(problem).objective >= 0.99 * lp_bound(problem)


def test_engine_beats_the_proportional_split() -> None:
    problem = random_problem(5, 30, 60, density=0.4)
    assert solve(problem).objective > 1.1 * proportional(problem).objective


def test_packs_ship_in_whole_multiples() -> None:
    problem = random_problem(2, 10, 20, packs=(3, 6, 12), budget_share=(1.0, 2.0))
    qty = solve(problem).qty
    pack = problem.pack_size[problem.sku]
    assert np.all(qty % pack == 0) and np.any(qty[pack > 1] > 0)


def test_excluded_skus_get_nothing_and_say_so() -> None:
    problem = random_problem(4, 6, 10, exclude=0.5, budget_share=(3.0, 3.0))
    plan = solve(problem)
    assert np.all(plan.qty[problem.excluded] == 0)
    assert np.all(plan.binding[problem.excluded] == Binding.EXCLUDED)
    assert np.any(plan.qty[~problem.excluded] > 0)


def test_store_without_budget_gets_nothing_and_budget_is_the_reason() -> None:
    problem = random_problem(6, 4, 8, stock_share=(3.0, 3.0))
    problem.budget[1] = 0.0
    plan = solve(problem)
    own = problem.store == 1
    assert np.all(plan.qty[own] == 0)
    worth = own & (plan.next_value > 0)
    assert np.any(worth) and np.all(plan.binding[worth] == Binding.BUDGET)
    assert np.any(plan.qty[~own] > 0)


def test_sku_without_stock_is_not_sent_and_stock_is_the_reason() -> None:
    problem = random_problem(7, 4, 8, budget_share=(3.0, 3.0), density=1.0)
    problem.hq_stock[2] = 0
    plan = solve(problem)
    rows = problem.sku == 2
    assert np.all(plan.qty[rows] == 0)
    worth = rows & (plan.next_value > 0) & ~problem.excluded
    assert np.any(worth) and np.all(plan.binding[worth] == Binding.HQ_STOCK)


def two_stores_one_scarce_sku(weights: list[float]) -> AllocationProblem:
    """Two identical stores want 5 units each of an SKU HQ has 4 of; budgets are ample."""
    return AllocationProblem(
        sku_ids=["K1"],
        unit_cost=[50.0],
        retail_price=[120.0],
        hq_stock=[4],
        pack_size=[1],
        store_ids=["A", "B"],
        budget=[1000.0, 1000.0],
        store_weight=weights,
        store=[0, 1],
        sku=[0, 0],
        mean=[6.0, 6.0],
        on_hand=[0, 0],
        max_units=[5, 5],
    )


def test_weighted_store_wins_scarce_stock() -> None:
    even = solve(two_stores_one_scarce_sku([1.0, 1.0])).qty
    assert even.sum() == 4 and abs(int(even[0]) - int(even[1])) <= 1
    assert list(solve(two_stores_one_scarce_sku([1.0, 2.0])).qty) == [0, 4]
    assert list(solve(two_stores_one_scarce_sku([3.0, 1.0])).qty) == [4, 0]


def test_weight_does_not_stretch_a_budget() -> None:
    problem = two_stores_one_scarce_sku([1.0, 5.0])
    problem.budget[1] = 100.0  # two units' worth
    plan = solve(problem)
    assert list(plan.qty) == [2, 2]
    assert plan.binding[1] == Binding.BUDGET


def test_row_caps_are_kept_and_named() -> None:
    problem = random_problem(8, 5, 10, budget_share=(3.0, 3.0), stock_share=(3.0, 3.0))
    problem.max_units[:] = np.minimum(problem.max_units, 1)
    plan = solve(problem)
    assert np.all(plan.qty <= 1)
    capped = (plan.qty == 1) & (problem.pack_size[problem.sku] == 1)
    assert np.any(capped) and np.all(plan.binding[capped] == Binding.MAX_UNITS)


def test_uncapped_rows_stop_where_the_next_unit_is_worth_less_than_its_cost() -> None:
    problem = random_problem(9, 3, 6, uncapped=1.0, budget_share=(5.0, 5.0), stock_share=(5.0, 5.0))
    assert np.all(problem.max_units == UNCAPPED)
    plan = solve(problem)
    sent = plan.qty > 0
    assert np.any(sent)
    assert np.all(plan.binding[~problem.excluded] == Binding.DEMAND)
    assert np.all(plan.marginal_value[sent] > 0) and np.all(plan.next_value[sent] <= 0)


def test_marginal_value_is_the_last_unit_sent() -> None:
    problem = random_problem(10, 5, 10)
    plan = solve(problem)
    for i in np.flatnonzero(plan.qty)[:20]:
        k = problem.sku[i]
        tail = pdtrc(problem.on_hand[i] + plan.qty[i] - 1, problem.mean[i])
        expected = problem.retail_price[k] * tail - problem.unit_cost[k]
        assert plan.marginal_value[i] == pytest.approx(expected)
    assert np.all(np.isnan(plan.marginal_value[plan.qty == 0]))


def grouped(problem: AllocationProblem, minimum: int) -> AllocationProblem:
    """Every store's rows in groups of three (a style in three sizes), each with a minimum."""
    order = np.lexsort((problem.sku, problem.store))
    group = np.empty(problem.n_rows, np.int64)
    rank = np.arange(problem.n_rows) - np.searchsorted(problem.store[order], problem.store[order])
    group[order] = problem.store[order] * 1000 + rank // 3
    ids, problem.group = np.unique(group, return_inverse=True)
    problem.group_min_units = np.full(ids.size, minimum)
    return problem


@pytest.mark.parametrize("minimum", [2, 4, 9])
def test_minimum_presentation_is_all_or_at_least_the_minimum(minimum: int) -> None:
    problem = grouped(random_problem(11, 8, 15, density=0.8), minimum)
    plan = solve(problem)
    assert violations(problem, plan.qty) == []
    units = np.bincount(problem.group, weights=plan.qty, minlength=problem.n_groups)
    assert np.any(units >= minimum)


def test_group_too_costly_to_present_is_dropped_and_explained() -> None:
    problem = AllocationProblem(
        sku_ids=["S", "M", "L", "X"],
        unit_cost=[50.0] * 4,
        retail_price=[120.0] * 4,
        hq_stock=[50] * 4,
        pack_size=[1] * 4,
        store_ids=["A"],
        budget=[5000.0],
        store=[0, 0, 0, 0],
        sku=[0, 1, 2, 3],
        mean=[1.0, 1.0, 1.0, 3.0],
        on_hand=[0, 0, 0, 0],
        max_units=[10, 10, 10, 10],
        group=[0, 0, 0, -1],
        group_min_units=[12],
    )
    plan = solve(problem)
    assert list(plan.qty[:3]) == [0, 0, 0] and plan.qty[3] > 0
    assert list(plan.binding[:3]) == [Binding.PRESENTATION] * 3


def test_group_worth_completing_is_completed() -> None:
    problem = AllocationProblem(
        sku_ids=["S", "M", "L"],
        unit_cost=[50.0] * 3,
        retail_price=[200.0] * 3,
        hq_stock=[50] * 3,
        pack_size=[1] * 3,
        store_ids=["A"],
        budget=[5000.0],
        store=[0, 0, 0],
        sku=[0, 1, 2],
        mean=[3.0, 1.0, 0.4],
        on_hand=[0, 0, 0],
        max_units=[10, 10, 10],
        group=[0, 0, 0],
        group_min_units=[6],
    )
    plan = solve(problem)
    assert plan.qty.sum() >= 6 and np.all(plan.qty > 0)


def test_free_skus_and_empty_problems_are_handled() -> None:
    problem = random_problem(12, 3, 5, budget_share=(0.2, 0.2))
    problem.unit_cost[:] = 0.0
    plan = solve(problem)
    assert violations(problem, plan.qty) == []
    assert np.array_equal(plan.qty > 0, (problem.hq_stock[problem.sku] > 0) & (plan.qty > 0))
    empty = random_problem(13, 2, 2, density=0.0)
    assert empty.n_rows == 0 and solve(empty).objective == 0.0


def test_progress_is_reported_phase_by_phase() -> None:
    seen: list[tuple[str, float]] = []
    solve(random_problem(14, 3, 5), progress=lambda phase, done: seen.append((phase, done)))
    assert seen[0] == ("segments", 0.0) and seen[-1] == ("done", 1.0)
    assert [done for _, done in seen] == sorted(done for _, done in seen)
