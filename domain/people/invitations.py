"""The invitee's side of an invitation: list mine, accept (the membership is made), decline.

An invitation lives outside tenants (like the login it is for); its invitee answers it while
signed in to any tenant. The answer is written in the inviting tenant, as the invitee, in a
session of that tenant: the membership with the name, phone, role and region the inviter typed,
the franchisee's stores that still have no owner, and the audit entries.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.db import Database
from domain.errors import ErrorCode, Invalid, NotFound
from domain.identity.models import Invitation, InvitationStatus, Membership, User
from domain.people.members import link_stores
from domain.permissions import Actor, Role
from domain.regions.models import Region
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session


async def my_invitations(session: AsyncSession, actor: Actor) -> list[tuple[Invitation, Tenant]]:
    """The signed-in person's pending invitations, with the tenant of each, oldest first."""
    if actor.user_id is None:
        return []
    rows = await session.execute(
        select(Invitation, Tenant)
        .join(Tenant, Tenant.id == Invitation.tenant_id)
        .where(
            Invitation.user_id == actor.user_id,
            Invitation.status == InvitationStatus.PENDING,
        )
        .order_by(Invitation.created_at, Invitation.id)
    )
    return [(row[0], row[1]) for row in rows]


async def _answer(db: Database, actor: Actor, invitation_id: int, accept: bool) -> Invitation:
    if actor.user_id is None or actor.role in (Role.INTEGRATION, Role.SYSTEM):
        raise NotFound("invitation")
    async with db.session() as lookup:
        tenant_id = await lookup.scalar(
            select(Invitation.tenant_id).where(
                Invitation.id == invitation_id, Invitation.user_id == actor.user_id
            )
        )
    if tenant_id is None:
        raise NotFound("invitation")
    invitee = Actor(
        tenant_id=tenant_id,
        role=Role.SYSTEM,
        user_id=actor.user_id,
        label=f"{actor.label} (invitation)",
    )
    async with tenant_session(db, invitee) as session:
        invitation = await session.scalar(
            select(Invitation).where(Invitation.id == invitation_id).with_for_update()
        )
        assert invitation is not None
        if invitation.status != InvitationStatus.PENDING:
            raise Invalid(
                "id", f"this invitation was {invitation.status.value} already", ErrorCode.CONFLICT
            )
        invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        invitation.answered_at = clock.now()
        if accept:
            await _join(session, invitation)
        await record(
            session,
            "identity.invitation_accepted" if accept else "identity.invitation_declined",
            "invitations",
            invitation.id,
            {"status": InvitationStatus.PENDING.value},
            {"status": invitation.status.value},
        )
        await session.commit()
        return invitation


async def _join(session: AsyncSession, invitation: Invitation) -> None:
    """Make the membership the invitation offers (in the inviting tenant's session)."""
    if await session.scalar(select(Membership.id).where(Membership.user_id == invitation.user_id)):
        raise Invalid("id", "you are a member of this tenant already", ErrorCode.CONFLICT)
    user = await session.get(User, invitation.user_id)
    assert user is not None
    region_id = invitation.region_id
    if region_id is not None and await session.get(Region, region_id) is None:
        region_id = None
    membership = Membership(
        user_id=invitation.user_id,
        role=invitation.role,
        region_id=region_id,
        name=invitation.name,
        phone=invitation.phone,
    )
    session.add(membership)
    if invitation.role == Role.FRANCHISEE and invitation.store_ids:
        # only the stores that still have no owner: one given another owner meanwhile stays theirs
        stores = await session.scalars(
            select(Store).where(
                Store.id.in_(list(invitation.store_ids)), Store.franchisee_id.is_(None)
            )
        )
        link_stores(user, membership, list(stores))
    await session.flush()


async def accept_invitation(db: Database, actor: Actor, invitation_id: int) -> Invitation:
    """Accept one of my invitations: I become a member of its tenant as the inviter typed."""
    return await _answer(db, actor, invitation_id, accept=True)


async def decline_invitation(db: Database, actor: Actor, invitation_id: int) -> Invitation:
    """Decline one of my invitations: nothing of me is added to its tenant."""
    return await _answer(db, actor, invitation_id, accept=False)
