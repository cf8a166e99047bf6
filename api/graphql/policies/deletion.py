"""Deleting the tenant (HQ): soft at once, purged after the grace period."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import UserError, mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from domain.permissions import Permission
from domain.tenant_data import deletion


@strawberry.input(description="Confirms the deletion of the whole tenant.")
class TenantDeleteInput:
    """The tenant's slug, typed back."""

    confirm_slug: str = strawberry.field(
        description="The tenant's slug (as used at login), typed back to confirm."
    )


@strawberry.type(description="Result of a tenant deletion.")
class TenantDeletePayload:
    """When the tenant was deleted and when its data goes, or why not."""

    deleted_at: datetime | None = strawberry.field(
        description="When the tenant was deleted (null when refused)."
    )
    purge_after: datetime | None = strawberry.field(
        description="From when all of its data is removed for good; until then an operator can "
        "restore it (`peihuo tenant restore`). Null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type
class TenantDeletionMutations:
    """Deleting the tenant."""

    @strawberry.mutation(
        description=(
            "Delete the whole tenant (HQ only; type its slug back in `confirmSlug`). At once "
            "nobody of it can sign in and no token or key of it is accepted; after the grace "
            "period (PEIHUO_TENANT_PURGE_GRACE_DAYS, 30 days by default) every row of its data "
            "is removed. Until then an operator can restore it. Audited."
        ),
        permission_classes=needs(Permission.TENANT_DELETE),
    )
    async def tenant_delete(
        self,
        info: Info,
        input: Annotated[TenantDeleteInput, strawberry.argument(description="The confirmation.")],
    ) -> TenantDeletePayload:
        async def run() -> TenantDeletePayload:
            tenant = await deletion.delete_tenant(
                info.context.session, info.context.actor, input.confirm_slug
            )
            return TenantDeletePayload(
                deleted_at=tenant.deleted_at, purge_after=tenant.purge_after, user_errors=[]
            )

        return await mutate(info, run, refusal(TenantDeletePayload))
