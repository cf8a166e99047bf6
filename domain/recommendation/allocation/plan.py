"""The engine's answer: units per demand row, each with the reason a merchandiser is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from domain.recommendation.allocation.problem import AllocationProblem, FloatArray, IntArray


class Binding(IntEnum):
    """What stopped a row at its quantity: why not one more pack."""

    DEMAND = 0  # the next unit is worth less than its cost
    BUDGET = 1  # the store's budget is spent, or better spent elsewhere
    HQ_STOCK = 2  # HQ has no more, or other stores make more of it
    MAX_UNITS = 3  # display capacity, or the row's cap
    EXCLUDED = 4  # the store excludes this SKU
    PRESENTATION = 5  # too few units to make the group's minimum presentation worth it

    @property
    def label(self) -> str:
        """The name used in plans and on screen."""
        return self.name.lower()


@dataclass(eq=False)
class AllocationPlan:
    """Quantities for every demand row of a problem, and why.

    - `qty[i]`: units for demand row i (a multiple of the SKU's pack size).
    - `marginal_value[i]`: what the last unit sent earns (retail price times the chance it
      sells, less its cost); NaN when nothing is sent.
    - `next_value[i]`: what one more unit would earn; NaN when the row is at its cap.
    - `binding[i]`: a `Binding` code saying what stopped the row there.
    - `objective`: expected gross margin of the plan (the contract's objective);
      `weighted_objective` counts each store's margin times its weight (what is maximised).
    - `upper_bound`: no plan's weighted objective can exceed it (a Lagrangian dual bound,
      at least the LP relaxation's optimum); `objective / upper_bound` bounds the gap.
    - `budget_price[s]`: dual price of store s's budget, gain per unit of money;
      `stock_price[k]`: dual price of SKU k's HQ stock, gain per unit.
    - `timings`: seconds per phase.
    """

    qty: IntArray
    marginal_value: FloatArray
    next_value: FloatArray
    binding: IntArray
    objective: float
    weighted_objective: float
    upper_bound: float
    budget_price: FloatArray
    stock_price: FloatArray
    method: str
    timings: dict[str, float] = field(default_factory=dict)

    def spend(self, problem: AllocationProblem) -> FloatArray:
        """Money each store spends."""
        spent = np.bincount(
            problem.store,
            weights=problem.unit_cost[problem.sku] * self.qty,
            minlength=problem.n_stores,
        )
        return np.asarray(spent, np.float64)

    def shipped(self, problem: AllocationProblem) -> IntArray:
        """Units of each SKU sent."""
        return np.bincount(problem.sku, weights=self.qty, minlength=problem.n_skus).astype(np.int64)
