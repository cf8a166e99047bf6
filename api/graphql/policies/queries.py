"""Policy queries."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.policies.types import TenantPoliciesType
from domain.permissions import Permission
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
