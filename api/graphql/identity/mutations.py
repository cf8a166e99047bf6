"""Identity mutations: add members, change their role, deactivate and reactivate them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.identity.inputs import (
    UserChangeRoleInput,
    UserCreateInput,
    UserIdInput,
    UserPayload,
)
from api.graphql.identity.invitations import InvitationType
from api.graphql.identity.types import UserType
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.identity.models import Invitation, Membership, User
from domain.people import members
from domain.permissions import Permission, Role
from domain.tenancy.models import Tenant


async def _user(info: Info, action: Callable[[], Awaitable[int]]) -> UserPayload:
    async def run() -> UserPayload:
        user = await info.context.session.get(User, await action())
        return UserPayload(user=UserType.from_model(user) if user else None, user_errors=[])

    return await mutate(info, run, refusal(UserPayload))


@strawberry.type
class IdentityMutations:
    """Mutations on the tenant's members."""

    @strawberry.mutation(
        description="Add a person with a role: a region for regional managers and "
        "merchandisers, stores for a franchisee. An e-mail that already has a login (here or in "
        "another brand) is invited instead: the answer holds only what was typed.",
        permission_classes=needs(Permission.USER_MANAGE),
    )
    async def user_create(
        self,
        info: Info,
        input: Annotated[UserCreateInput, strawberry.argument(description="The person.")],
    ) -> UserPayload:
        ctx = info.context

        async def action() -> tuple[User, Membership] | Invitation:
            fields = members.MemberFields(
                email=input.email,
                name=input.name,
                role=Role(input.role),
                phone=input.phone,
                password=input.password,
                region_id=decode_id(input.region_id, "Region", "regionId")
                if input.region_id
                else None,
                store_ids=[
                    decode_id(s, "Store", f"storeIds[{i}]") for i, s in enumerate(input.store_ids)
                ],
            )
            return await members.create_member(ctx.session, ctx.actor, fields)

        async def run() -> UserPayload:
            created = await action()
            if isinstance(created, Invitation):
                tenant = await ctx.session.get(Tenant, created.tenant_id)
                return UserPayload(
                    user=None, invitation=InvitationType.of(created, tenant), user_errors=[]
                )
            return UserPayload(user=UserType.from_model(created[0]), user_errors=[])

        return await mutate(info, run, refusal(UserPayload))

    @strawberry.mutation(
        description="Change a member's role, region or (franchisee) stores. A merchandiser who "
        "still serves stores must hand them over first.",
        permission_classes=needs(Permission.USER_MANAGE),
    )
    async def user_change_role(
        self,
        info: Info,
        input: Annotated[UserChangeRoleInput, strawberry.argument(description="The new role.")],
    ) -> UserPayload:
        ctx = info.context

        async def action() -> int:
            user_id = decode_id(input.id, "User", "id")
            await members.change_role(
                ctx.session,
                ctx.actor,
                user_id,
                Role(input.role),
                region_id=decode_id(input.region_id, "Region", "regionId")
                if input.region_id
                else None,
                store_ids=[
                    decode_id(s, "Store", f"storeIds[{i}]") for i, s in enumerate(input.store_ids)
                ],
            )
            return user_id

        return await _user(info, action)

    @strawberry.mutation(
        description="Deactivate a member: they can no longer log in and their sessions end.",
        permission_classes=needs(Permission.USER_MANAGE),
    )
    async def user_deactivate(
        self,
        info: Info,
        input: Annotated[UserIdInput, strawberry.argument(description="The member.")],
    ) -> UserPayload:
        ctx = info.context

        async def action() -> int:
            user_id = decode_id(input.id, "User", "id")
            await members.set_active(ctx.session, ctx.actor, user_id, False)
            return user_id

        return await _user(info, action)

    @strawberry.mutation(
        description="Reactivate a member.",
        permission_classes=needs(Permission.USER_MANAGE),
    )
    async def user_reactivate(
        self,
        info: Info,
        input: Annotated[UserIdInput, strawberry.argument(description="The member.")],
    ) -> UserPayload:
        ctx = info.context

        async def action() -> int:
            user_id = decode_id(input.id, "User", "id")
            await members.set_active(ctx.session, ctx.actor, user_id, True)
            return user_id

        return await _user(info, action)
