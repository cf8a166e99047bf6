"""Exact knapsacks at each store's margin: the last money of a tight budget, spent best."""

from __future__ import annotations

import numpy as np
import pytest

from domain.recommendation.allocation import AllocationProblem, margin, solve, solver
from domain.recommendation.allocation.prices import Prices
from domain.recommendation.allocation.rounding import Ledger
from domain.recommendation.allocation.segments import build_segments
from tests.domain.recommendation.allocation_factories import random_problem, violations


def one_store(budget: float, stock: list[int]) -> AllocationProblem:
    """Three SKUs that sell for sure: A earns 7 for 6, B and C earn 5 for 5 each."""
    return AllocationProblem(
        sku_ids=["A", "B", "C"],
        unit_cost=[6.0, 5.0, 5.0],
        retail_price=[13.0, 10.0, 10.0],
        hq_stock=stock,
        pack_size=[1, 1, 1],
        store_ids=["T1"],
        budget=[budget],
        store=[0, 0, 0],
        sku=[0, 1, 2],
        mean=[60.0, 60.0, 60.0],
        on_hand=[0, 0, 0],
        max_units=[1, 1, 1],
    )


def test_best_pack_per_money_first_is_beaten_by_the_exact_knapsack(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # by value per money A comes first and leaves 4, too little for B or C: 7 in all
    monkeypatch.setattr(solver, "MARGIN_ROUNDS", 0)
    assert solve(one_store(10.0, [5, 5, 5])).objective == pytest.approx(7.0)
    monkeypatch.undo()
    plan = solve(one_store(10.0, [5, 5, 5]))
    assert plan.qty.tolist() == [0, 1, 1]
    assert plan.objective == pytest.approx(10.0, abs=1e-6)


def test_the_knapsack_takes_only_stock_hq_has() -> None:
    plan = solve(one_store(10.0, [5, 5, 0]))  # no C at HQ: A alone is best
    assert plan.qty.tolist() == [1, 0, 0]


@pytest.mark.parametrize("seed", range(6))
def test_tight_networks_stay_feasible_and_gain(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = random_problem(
        seed, n_stores=12, n_skus=20, budget_share=(0.05, 0.2), packs=(1, 2, 3)
    )
    plan = solve(problem)
    assert violations(problem, plan.qty) == []
    monkeypatch.setattr(solver, "MARGIN_ROUNDS", 0)
    without = solve(problem)
    assert plan.weighted_objective >= without.weighted_objective - 1e-6
    assert np.all(plan.qty % problem.pack_size[problem.sku] == 0)


def test_a_store_without_money_left_takes_a_scarce_pack_from_a_weaker_store() -> None:
    # one X left at HQ: store A holds it (earns 1), store B would earn 9 from it but spent
    # its whole budget on a Y (earns 3); B gives Y back and takes A's X
    problem = AllocationProblem(
        sku_ids=["X", "Y"],
        unit_cost=[5.0, 5.0],
        retail_price=[14.0, 8.0],
        hq_stock=[1, 5],
        pack_size=[1, 1],
        store_ids=["A", "B"],
        budget=[5.0, 5.0],
        store=[0, 1, 1],
        sku=[0, 0, 1],
        mean=[0.56, 60.0, 60.0],  # X earns 14 P(D >= 1) - 5: about 1 at A, 9 at B
        on_hand=[0, 0, 0],
        max_units=[1, 1, 1],
    )
    segments = build_segments(problem)
    ledger = Ledger(problem, segments, problem.budget, problem.hq_stock.astype(float))
    ledger.packs = np.array([1, 0, 1])
    before = float(segments.gain[ledger.taken()].sum())
    no_prices = Prices(np.zeros(2), np.zeros(2), float("inf"), 0)
    assert margin.improve(ledger, no_prices)
    assert ledger.packs.tolist() == [0, 1, 0]
    assert float(segments.gain[ledger.taken()].sum()) > before
    assert violations(problem, ledger.qty()) == []
