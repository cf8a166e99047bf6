"""Network allocation: how many units of each SKU each store should receive from HQ.

The public API (shared/specs/allocation.md is the contract, the CLI is `peihuo allocate`):

- `AllocationProblem`: the store network in array form (build it directly, or read the JSON
  form with `read_problem` / `parse_problem`);
- `solve(problem, progress=None) -> AllocationPlan`: the engine (quantities per demand row,
  marginal values, binding constraints, dual prices, objective and upper bound, timings);
- `proportional(problem) -> AllocationPlan`: the manual practice, for control groups and
  benchmarks;
- `plan_document(problem, plan, seconds)`: the plan in the contract's JSON form.
"""

from domain.recommendation.allocation.baseline import proportional
from domain.recommendation.allocation.contract import parse_problem, plan_document, read_problem
from domain.recommendation.allocation.plan import AllocationPlan, Binding
from domain.recommendation.allocation.problem import NO_GROUP, UNCAPPED, AllocationProblem
from domain.recommendation.allocation.solver import Progress, solve

__all__ = [
    "NO_GROUP",
    "UNCAPPED",
    "AllocationPlan",
    "AllocationProblem",
    "Binding",
    "Progress",
    "parse_problem",
    "plan_document",
    "proportional",
    "read_problem",
    "solve",
]
