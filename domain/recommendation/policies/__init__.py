"""Tenant policies, store passports and learned edits turned into the allocation problem.

`shape_with_notes` is what a recommendation run calls between building the problem from the
database and solving it: the shaped problem, and per demand row what the policies did to it
(`ShapingNotes.reason(i)`: learned factor, favoured uplift, exclusion, cap source), which
each proposal line's reason carries under "policies". `shape` and `apply_policies` are the
same without the database (facts given).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.models import Sku
from domain.recommendation.allocation import AllocationProblem
from domain.recommendation.learning import LearnedFactors, learned_factors
from domain.recommendation.policies.network import (
    NetworkFacts,
    SkuFacts,
    StoreFacts,
    network_facts,
)
from domain.recommendation.policies.notes import CapSource, Exclusion, ShapingNotes
from domain.recommendation.policies.shaping import Shaped, apply_policies, shape
from domain.stores.models import Store
from domain.tenancy.policies import TenantPolicies


async def shape_with_notes(
    session: AsyncSession,
    problem: AllocationProblem,
    *,
    stores: Sequence[Store],
    skus: Sequence[Sku],
    policies: TenantPolicies,
) -> Shaped:
    """The problem with the tenant's policies, the stores' passports and learned edits applied.

    `problem`'s store i is `stores[i]` and its SKU k is `skus[k]`. Tier weights, the SKU
    share cap, minimum presentation, passport exclusions (categories, SKUs, price band),
    display capacity, favoured categories and what each franchisee kept of past proposals
    (`domain.recommendation.learning`) all become weights, caps, exclusions, groups and
    demand of the returned problem (see `domain.recommendation.policies.shaping`); the given
    problem is not changed. The notes say, per demand row, what the policies did to it
    (`Shaped.notes.reason(i)`), for the reason each proposal line carries.
    """
    if len(stores) != problem.n_stores or len(skus) != problem.n_skus:
        raise ValueError(
            f"{len(stores)} stores × {len(skus)} SKUs given for a problem of "
            f"{problem.n_stores} × {problem.n_skus}"
        )
    facts = await network_facts(session, stores, skus)
    learned = (
        await learned_factors(session, [store.id for store in stores])
        if policies.allocation.learn_from_edits
        else LearnedFactors()
    )
    return shape(problem, facts, policies, learned)


__all__ = [
    "CapSource",
    "Exclusion",
    "NetworkFacts",
    "Shaped",
    "ShapingNotes",
    "SkuFacts",
    "StoreFacts",
    "apply_policies",
    "network_facts",
    "shape",
    "shape_with_notes",
]
