"""Invitations through GraphQL: what `userCreate` answers for a person who already has a login,
and the invitee's own list, accept and decline (signed in to any tenant)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.errors import UserError, mutate
from api.graphql.permissions import Authenticated
from api.graphql.relay import decode_id, global_id
from domain.identity.models import Invitation, InvitationStatus
from domain.people.invitations import accept_invitation, decline_invitation, my_invitations
from domain.permissions import Role
from domain.tenancy.models import Tenant

expose(
    InvitationStatus,
    "InvitationStatus",
    "Where an invitation stands.",
    {
        "PENDING": "Waiting for the person's answer.",
        "ACCEPTED": "The person joined: the membership exists.",
        "DECLINED": "The person said no: nothing of them was added.",
    },
)


@strawberry.type(
    name="Invitation",
    description="An offer of a membership to a person who already has a login; it holds only "
    "what the inviter typed.",
)
class InvitationType:
    """One invitation."""

    id: relay.GlobalID = strawberry.field(description="The invitation's id (to answer it).")
    tenant_name: str = strawberry.field(description="The brand that invites.")
    tenant_slug: str = strawberry.field(description="The brand's short identifier (at login).")
    email: str = strawberry.field(description="The e-mail the inviter typed.")
    name: str = strawberry.field(description="The name the inviter typed.")
    phone: str | None = strawberry.field(description="The phone the inviter typed.")
    role: Role = strawberry.field(description="The role offered.")
    status: InvitationStatus = strawberry.field(description="Where it stands.")
    invited_at: datetime = strawberry.field(description="When the invitation was made.")

    @classmethod
    def of(cls, row: Invitation, tenant: Tenant | None) -> Self:
        return cls(
            id=global_id("Invitation", row.id),
            tenant_name=tenant.name if tenant else "",
            tenant_slug=tenant.slug if tenant else "",
            email=row.email,
            name=row.name,
            phone=row.phone,
            role=row.role,
            status=row.status,
            invited_at=row.created_at,
        )


@strawberry.input(description="An invitation to answer.")
class InvitationAnswerInput:
    """Which invitation."""

    id: relay.GlobalID = strawberry.field(description="One of my invitations.")


@strawberry.type(description="Result of answering an invitation.")
class InvitationPayload:
    """The invitation as answered, or why not."""

    invitation: InvitationType | None = strawberry.field(description="The invitation, answered.")
    user_errors: list[UserError] = strawberry.field(description="Why the answer was refused.")


@strawberry.type
class InvitationQueries:
    """The signed-in person's invitations."""

    @strawberry.field(
        description="My pending invitations to other brands (or to this one), oldest first.",
        permission_classes=[Authenticated],
    )
    async def my_invitations(self, info: Info) -> list[InvitationType]:
        rows = await my_invitations(info.context.session, info.context.actor)
        return [InvitationType.of(invitation, tenant) for invitation, tenant in rows]


async def _answer(info: Info, input: InvitationAnswerInput, accept: bool) -> InvitationPayload:
    ctx = info.context

    async def run() -> InvitationPayload:
        invitation_id = decode_id(input.id, "Invitation", "id")
        answer = accept_invitation if accept else decline_invitation
        row = await answer(ctx.db, ctx.actor, invitation_id)
        tenant = await ctx.session.get(Tenant, row.tenant_id)
        return InvitationPayload(invitation=InvitationType.of(row, tenant), user_errors=[])

    return await mutate(
        info, run, lambda errors: InvitationPayload(invitation=None, user_errors=errors)
    )


@strawberry.type
class InvitationMutations:
    """The invitee's answers (audited in the inviting tenant)."""

    @strawberry.mutation(
        description="Accept one of my invitations: I become a member of its brand, with the "
        "name, phone and role the inviter typed.",
        permission_classes=[Authenticated],
    )
    async def invitation_accept(
        self,
        info: Info,
        input: Annotated[InvitationAnswerInput, strawberry.argument(description="Which one.")],
    ) -> InvitationPayload:
        return await _answer(info, input, accept=True)

    @strawberry.mutation(
        description="Decline one of my invitations: nothing of me is added to its brand.",
        permission_classes=[Authenticated],
    )
    async def invitation_decline(
        self,
        info: Info,
        input: Annotated[InvitationAnswerInput, strawberry.argument(description="Which one.")],
    ) -> InvitationPayload:
        return await _answer(info, input, accept=False)
