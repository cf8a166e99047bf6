"""People of a tenant: add a member with a role (and a region, or stores for a franchisee), change
their role, deactivate and reactivate them. Users are global (one login may serve several
brands); what a tenant manages is the membership, with the name and phone it knows them by.

Adding an e-mail that already has a login (in another brand, or in this one without a
membership) reveals nothing of that person and gives them nothing yet: it makes an invitation
holding what the inviter typed, which the person accepts or declines once signed in
(domain.people.invitations)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.errors import Collector, ErrorCode, Invalid, NotFound
from domain.identity.lookup import find_member
from domain.identity.models import Invitation, InvitationStatus, Membership, RefreshToken, User
from domain.identity.passwords import hash_password_off_loop
from domain.permissions import Actor, Permission, Role, authorize
from domain.regions.models import Region
from domain.stores.models import Store
from domain.text import checked_name, name_problem

ASSIGNABLE_ROLES: Final = (
    Role.HQ_ADMIN,
    Role.REGIONAL_MANAGER,
    Role.MERCHANDISER,
    Role.FRANCHISEE,
)
REGIONAL_ROLES: Final = frozenset({Role.REGIONAL_MANAGER, Role.MERCHANDISER})
MIN_PASSWORD: Final = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,38}$")


@dataclass
class MemberFields:
    """A person to add to the tenant."""

    email: str
    name: str
    role: Role
    phone: str | None = None
    password: str | None = None
    region_id: int | None = None
    store_ids: Sequence[int] = ()


async def _check_role(
    session: AsyncSession,
    role: Role,
    region_id: int | None,
    store_ids: Sequence[int],
    errors: Collector,
) -> list[Store]:
    """Check a role with its region or stores; the franchisee's stores when all exist."""
    if role not in ASSIGNABLE_ROLES:
        allowed = ", ".join(r.value for r in ASSIGNABLE_ROLES)
        errors.add("role", f"{role.value} cannot be given to a person ({allowed})")
    if role in REGIONAL_ROLES:
        if region_id is None:
            errors.add("region_id", f"a {role.value} belongs to a region", ErrorCode.REQUIRED)
        elif await session.get(Region, region_id) is None:
            errors.add("region_id", "region not found", ErrorCode.NOT_FOUND)
    elif region_id is not None:
        errors.add("region_id", "only regional managers and merchandisers belong to a region")
    if store_ids and role != Role.FRANCHISEE:
        errors.add("store_ids", "only a franchisee owns stores")
        return []
    stores: list[Store] = []
    for i, store_id in enumerate(store_ids):
        store = await session.get(Store, store_id)
        if store is None:
            errors.add(f"store_ids[{i}]", "store not found", ErrorCode.NOT_FOUND)
        elif store not in stores:
            stores.append(store)
    return stores


def link_stores(user: User, membership: Membership, stores: Sequence[Store]) -> None:
    """Make the member the franchisee of `stores`, with the tenant's contact details on each."""
    for store in stores:
        store.franchisee_id = user.id
        store.franchisee_name = membership.name
        store.franchisee_email = user.email
        store.franchisee_phone = membership.phone


def _check_person(fields: MemberFields, existing: User | None, errors: Collector) -> None:
    """The same checks whether or not the e-mail has a login: the answer must not tell."""
    if not _EMAIL.match(fields.email) or len(fields.email) > 254 or name_problem(fields.email):
        errors.add("email", f"{fields.email!r} is not an e-mail address")
    fields.name = checked_name(errors, "name", fields.name, 200) or ""
    fields.phone = (fields.phone or "").strip() or None
    if fields.phone and not _PHONE.match(fields.phone):
        errors.add("phone", f"{fields.phone!r} is not a phone number")
    if fields.password is not None and len(fields.password) < MIN_PASSWORD:
        errors.add("password", f"a password has at least {MIN_PASSWORD} characters")


async def pending_invitation(
    session: AsyncSession, actor: Actor, user_id: int
) -> Invitation | None:
    """The person's pending invitation to the actor's tenant, if any."""
    return await session.scalar(
        select(Invitation).where(
            Invitation.tenant_id == actor.tenant_id,
            Invitation.user_id == user_id,
            Invitation.status == InvitationStatus.PENDING,
        )
    )


async def invite(
    session: AsyncSession, actor: Actor, user: User, fields: MemberFields, store_ids: list[int]
) -> Invitation:
    """Invite a person who has a login to the actor's tenant, with what the inviter typed."""
    invitation = Invitation(
        tenant_id=actor.tenant_id,
        user_id=user.id,
        email=fields.email,
        name=fields.name,
        phone=fields.phone,
        role=fields.role,
        region_id=fields.region_id,
        store_ids=store_ids,
        invited_by_id=actor.user_id,
    )
    session.add(invitation)
    await session.flush()  # audited in the inviting tenant (invitations.create)
    return invitation


async def create_member(
    session: AsyncSession, actor: Actor, fields: MemberFields
) -> tuple[User, Membership] | Invitation:
    """Add a person with one role in the tenant, or invite them when their e-mail has a login.

    A new e-mail makes the login (without a password the person cannot log in until one is
    set) and the membership. An e-mail that already has a login gets an invitation holding
    what the inviter typed (the password, if any, is not used: the person keeps theirs); the
    person's own name, phone and other memberships are neither read nor shown.
    """
    authorize(actor, Permission.USER_MANAGE)
    fields.email = fields.email.strip().lower()
    errors = Collector()
    user = await session.scalar(select(User).where(User.email == fields.email))
    if user is not None and await _membership(session, user.id) is not None:
        errors.add("email", f"{fields.email} is already a member", ErrorCode.DUPLICATE)
    elif user is not None and await pending_invitation(session, actor, user.id) is not None:
        errors.add("email", f"{fields.email} is already invited", ErrorCode.DUPLICATE)
    _check_person(fields, user, errors)
    stores = await _check_role(session, fields.role, fields.region_id, fields.store_ids, errors)
    errors.raise_if_any()
    if user is not None:
        return await invite(session, actor, user, fields, [s.id for s in stores])
    user = User(
        email=fields.email,
        name=fields.name,
        phone=fields.phone,
        password_hash=await hash_password_off_loop(fields.password) if fields.password else None,
    )
    session.add(user)
    await session.flush()
    membership = Membership(
        user_id=user.id,
        role=fields.role,
        region_id=fields.region_id,
        name=fields.name,
        phone=fields.phone,
    )
    session.add(membership)
    link_stores(user, membership, stores)
    await session.flush()
    return user, membership


async def _membership(session: AsyncSession, user_id: int) -> Membership | None:
    return await session.scalar(select(Membership).where(Membership.user_id == user_id))


async def member(session: AsyncSession, user_id: int, field: str = "id") -> tuple[User, Membership]:
    """A member of the tenant (NOT_FOUND for a user who is not one)."""
    found = await find_member(session, user_id)
    if found is None:
        raise NotFound("user", field)
    return found


async def _served_stores(session: AsyncSession, user_id: int) -> int:
    count = await session.scalar(
        select(func.count(Store.id))
        .where(Store.merchandiser_id == user_id)
        .execution_options(all_stores=True)
    )
    return int(count or 0)


async def _check_leaving(
    session: AsyncSession, actor: Actor, membership: Membership, field: str
) -> None:
    """Refuse a change that would lock the tenant out or leave stores without their merchandiser."""
    if membership.user_id == actor.user_id:
        raise Invalid(field, "you cannot change your own role or deactivate yourself")
    if membership.role == Role.HQ_ADMIN:
        admins = await session.scalar(
            select(func.count(Membership.id)).where(
                Membership.role == Role.HQ_ADMIN, Membership.is_active.is_(True)
            )
        )
        if (admins or 0) <= 1:
            raise Invalid(field, "the tenant must keep an active HQ admin", ErrorCode.CONFLICT)
    if membership.role == Role.MERCHANDISER:
        served = await _served_stores(session, membership.user_id)
        if served:
            raise Invalid(
                field,
                f"this merchandiser serves {served} stores; reassign them first",
                ErrorCode.CONFLICT,
            )


async def change_role(
    session: AsyncSession,
    actor: Actor,
    user_id: int,
    role: Role,
    region_id: int | None = None,
    store_ids: Sequence[int] = (),
) -> Membership:
    """Give a member another role, region, or (for a franchisee) the complete set of their stores."""
    authorize(actor, Permission.USER_MANAGE)
    user, membership = await member(session, user_id)
    moving = membership.role != role or membership.region_id != region_id
    if moving:
        await _check_leaving(session, actor, membership, "role")
    errors = Collector()
    stores = await _check_role(session, role, region_id, store_ids, errors)
    errors.raise_if_any()
    owned = await session.scalars(
        select(Store).where(Store.franchisee_id == user.id).execution_options(all_stores=True)
    )
    for store in owned:
        if store not in stores:
            store.franchisee_id = None
    membership.role = role
    membership.region_id = region_id
    link_stores(user, membership, [s for s in stores if s.franchisee_id != user.id])
    await session.flush()
    return membership


async def set_active(session: AsyncSession, actor: Actor, user_id: int, active: bool) -> Membership:
    """Deactivate (their logins end) or reactivate a member."""
    authorize(actor, Permission.USER_MANAGE)
    _, membership = await member(session, user_id)
    if membership.is_active == active:
        return membership
    if not active:
        await _check_leaving(session, actor, membership, "id")
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=clock.now())
        )
    membership.is_active = active
    await session.flush()
    return membership
