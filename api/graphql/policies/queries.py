"""Policy queries."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.policies.types import LearnedCategoryFactor, TenantPoliciesType
from api.graphql.relay import decode_id
from domain.permissions import Permission
from domain.recommendation.learning import store_learned_factors
from domain.tenancy import service


@strawberry.type
class PolicyQueries:
    """Queries on the tenant's policies."""

    @strawberry.field(
        description=(
            "The tenant's policies: tier priority, how the engine picks, service levels. "
            "Staff read them; franchisees do not (how stores are ranked is HQ's business)."
        ),
        permission_classes=needs(Permission.POLICY_READ),
    )
    async def tenant_policies(self, info: Info) -> TenantPoliciesType:
        policies = await service.tenant_policies(info.context.session, info.context.actor)
        return TenantPoliciesType.from_policies(policies)

    @strawberry.field(
        description=(
            "What the engine has learned from a store's franchisee edits, by category (most "
            "shifted first): a category the store keeps cutting is picked less."
        ),
        permission_classes=needs(Permission.RECOMMENDATION_READ),
    )
    async def store_learned_factors(
        self,
        info: Info,
        store_id: Annotated[relay.GlobalID, strawberry.argument(description="The store.")],
    ) -> list[LearnedCategoryFactor]:
        learned = await store_learned_factors(
            info.context.session, info.context.actor, decode_id(store_id, "Store", "storeId")
        )
        return [
            LearnedCategoryFactor(
                category=e.category, offered=e.offered, kept=e.kept, factor=e.factor
            )
            for e in learned
        ]
