"""`solve`: the network allocation engine, from problem to plan.

Phases: pack segments and their values (`segments`), dual prices of budgets and stock by
block minimisation of the Lagrangian dual (`prices`), an integral plan from those prices and
a greedy fill of what is left (`rounding`). When that plan is not close enough to the dual
bound: exchange moves (`exchange`), refined prices from the smoothed dual and a second plan,
and exact knapsacks at each store's margin (`margin`), together the `refining` phase. Then
minimum presentations are settled (`presentation`) and each line explained (`reasons`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

from domain.recommendation.allocation import exchange, margin
from domain.recommendation.allocation.plan import AllocationPlan
from domain.recommendation.allocation.presentation import open_rows, settle_groups
from domain.recommendation.allocation.prices import Prices, refine, solve_prices
from domain.recommendation.allocation.problem import (
    AllocationProblem,
    BoolArray,
    FloatArray,
    IntArray,
)
from domain.recommendation.allocation.reasons import explain, row_margins
from domain.recommendation.allocation.rounding import Ledger, fill, take_priced
from domain.recommendation.allocation.segments import Segments, build_segments

#: Called with a phase name and the share of the work done (0 to 1).
Progress = Callable[[str, float], None]

_PHASES = ("segments", "prices", "rounding", "refining", "presentation", "reasons")
#: Polish the plan (exchange moves, refined prices, exact margins) when it is further than
#: this share below the dual bound.
REFINE_ABOVE = 2e-4
#: Rounds of exact margin knapsacks (each followed by a fill and exchange moves).
MARGIN_ROUNDS = 3


class _Clock:
    """Times each phase and reports progress."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.timings: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        if self.progress is not None:
            self.progress(name, _PHASES.index(name) / len(_PHASES))
        start = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - start

    def done(self) -> None:
        if self.progress is not None:
            self.progress("done", 1.0)


def solve(problem: AllocationProblem, progress: Progress | None = None) -> AllocationPlan:
    """The best plan found for the problem: feasible, integral, explained.

    Maximises the stores' expected gross margin (each store's times its weight) within every
    budget, HQ stock, row cap, exclusion, pack multiple and presentation minimum. Raises a
    DomainError naming the faulty field when the problem is inconsistent.
    """
    problem.validate()
    clock = _Clock(progress)
    budget = problem.budget
    stock = problem.hq_stock.astype(np.float64)
    with clock.phase("segments"):
        segments = build_segments(problem)
    with clock.phase("prices"):
        prices = solve_prices(segments, budget, stock)
    with clock.phase("rounding"):
        ledger = _integral_plan(problem, segments, prices)
    if _gap(ledger, prices) > REFINE_ABOVE:
        with clock.phase("refining"):
            refined = refine(segments, budget, stock, prices)
            if refined.bound < prices.bound:
                second = _integral_plan(problem, segments, refined)
                prices = refined
                if _gain(second) > _gain(ledger):
                    ledger = second
            _settle_margins(ledger, prices)
    dropped: BoolArray | None = None
    with clock.phase("presentation"):
        if problem.n_groups:
            dropped = settle_groups(ledger, prices.budget)
            fill(ledger, prices, open_row=open_rows(ledger))
    with clock.phase("reasons"):
        qty = ledger.qty()
        marginal, following, binding = explain(problem, qty, prices.budget, prices.stock, dropped)
        margins = _margins(ledger)
    clock.done()
    return AllocationPlan(
        qty=qty,
        marginal_value=marginal,
        next_value=following,
        binding=binding,
        objective=float(margins.sum()),
        weighted_objective=float(margins @ problem.weights()[problem.store]),
        upper_bound=prices.bound,
        budget_price=prices.budget,
        stock_price=prices.stock,
        method=f"lagrangian prices ({prices.sweeps} sweeps), rounding, exchange moves",
        timings=clock.timings,
    )


def _integral_plan(problem: AllocationProblem, segments: Segments, prices: Prices) -> Ledger:
    """Rounding, fill and exchange moves from the given prices."""
    ledger = Ledger(problem, segments, problem.budget, problem.hq_stock.astype(np.float64))
    take_priced(ledger, prices)
    fill(ledger, prices)
    # exchange moves cost a quarter of a large network's solve and find nothing on a plan
    # already this close to the bound
    if _gap(ledger, prices) > REFINE_ABOVE:
        exchange.improve(ledger, prices)
    return ledger


def _settle_margins(ledger: Ledger, prices: Prices) -> None:
    """Exact knapsacks at each store's margin, then what they free goes to the fill."""
    for _ in range(MARGIN_ROUNDS):
        if not margin.improve(ledger, prices):
            return
        fill(ledger, prices)
        exchange.improve(ledger, prices)


def _margins(ledger: Ledger) -> FloatArray:
    """Expected margin per row: sums of segment values, or the closed form past the segments."""
    segments, packs = ledger.segments, ledger.packs
    count = np.diff(segments.first)
    cumulative = np.concatenate([[0.0], np.cumsum(segments.value)])
    within = packs <= count
    start = segments.first[:-1]
    margins: FloatArray = cumulative[start + np.minimum(packs, count)] - cumulative[start]
    beyond = np.flatnonzero(~within)
    if beyond.size:
        margins[beyond] = row_margins(ledger.problem, ledger.qty())[beyond]
    return margins


def _gap(ledger: Ledger, prices: Prices) -> float:
    """How far below the dual bound the plan is, as a share of the bound."""
    return 1 - _gain(ledger) / prices.bound if prices.bound > 0 else 0.0


def _gain(ledger: Ledger) -> float:
    """Weighted objective of a plan made of segments."""
    return float(ledger.segments.gain[ledger.taken()].sum())


def plan_for(problem: AllocationProblem, qty: IntArray, method: str) -> AllocationPlan:
    """An explained plan for given quantities (a baseline or an edited plan), without prices."""
    budget_price = np.zeros(problem.n_stores)
    stock_price = np.zeros(problem.n_skus)
    marginal, following, binding = explain(problem, qty, budget_price, stock_price)
    margins = row_margins(problem, qty)
    return AllocationPlan(
        qty=qty,
        marginal_value=marginal,
        next_value=following,
        binding=binding,
        objective=float(margins.sum()),
        weighted_objective=float(margins @ problem.weights()[problem.store]),
        upper_bound=float("nan"),
        budget_price=budget_price,
        stock_price=stock_price,
        method=method,
    )
