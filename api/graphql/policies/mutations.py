"""Policy mutations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.policies.inputs import (
    TenantPoliciesUpdateInput,
    to_policy_changes,
)
from api.graphql.policies.types import TenantPoliciesPayload, TenantPoliciesType
from domain.permissions import Permission
from domain.tenancy import service


@strawberry.type
class PolicyMutations:
    """Mutations on the tenant's policies."""

    @strawberry.mutation(
        description=(
            "Change some of the tenant's policies (HQ only). Fields left out keep their values; "
            "an invalid field refuses the whole change and names the field. Audited."
        ),
        permission_classes=needs(Permission.TENANT_SETTINGS),
    )
    async def tenant_policies_update(
        self,
        info: Info,
        input: Annotated[
            TenantPoliciesUpdateInput, strawberry.argument(description="The fields to change.")
        ],
    ) -> TenantPoliciesPayload:
        async def run() -> TenantPoliciesPayload:
            policies = await service.update_policies(
                info.context.session, info.context.actor, to_policy_changes(input)
            )
            return TenantPoliciesPayload(
                policies=TenantPoliciesType.from_policies(policies), user_errors=[]
            )

        return await mutate(info, run, refusal(TenantPoliciesPayload))
