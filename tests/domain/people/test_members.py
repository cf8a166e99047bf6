"""Members: a login shared between brands, franchisees' stores, and the guards on leaving."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.identity.models import Invitation, InvitationStatus, RefreshToken
from domain.identity.service import login
from domain.people import members
from domain.permissions import Role
from domain.settings import Settings
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.domain.stores.factories import as_actor
from tests.factories import PASSWORD, World, make_world, system


async def test_a_login_of_another_brand_is_invited_with_what_was_typed(
    db: Database, world: World, settings: Settings
) -> None:
    other = await make_world(db)
    person = other.merchandisers[0]
    hq = world.hq.actor
    joining = members.MemberFields(
        email=person.email, name="Typed", role=Role.HQ_ADMIN, password="a new password!"
    )
    invitation = await as_actor(db, hq, lambda s: members.create_member(s, hq, joining))
    assert isinstance(invitation, Invitation)
    assert (invitation.user_id, invitation.name, invitation.phone, invitation.role) == (
        person.user.id,
        "Typed",
        None,
        Role.HQ_ADMIN,
    )
    assert invitation.status == InvitationStatus.PENDING
    # the typed password is not used: the person keeps their own
    pair = await login(db, settings, other.tenant.slug, person.email, PASSWORD, "10.9.9.8")
    assert pair.access_token


async def test_a_franchisee_changing_role_lets_go_of_their_stores(
    db: Database, world: World
) -> None:
    franchisee = world.franchisees[0]
    hq = world.hq.actor
    await as_actor(db, hq, lambda s: members.change_role(s, hq, franchisee.user.id, Role.HQ_ADMIN))
    async with tenant_session(db, system(world.tenant)) as session:
        owned = list(
            await session.scalars(select(Store.id).where(Store.franchisee_id == franchisee.user.id))
        )
    assert owned == []


async def test_the_last_hq_admin_stays(db: Database, world: World) -> None:
    second = world.managers[0]
    hq = world.hq.actor
    await as_actor(db, hq, lambda s: members.change_role(s, hq, second.user.id, Role.HQ_ADMIN))
    promoted = dataclasses.replace(second.actor, role=Role.HQ_ADMIN, region_id=None)
    await as_actor(
        db, promoted, lambda s: members.change_role(s, promoted, world.hq.user.id, Role.FRANCHISEE)
    )
    operator = system(world.tenant)
    with pytest.raises(DomainError) as caught:
        await as_actor(
            db, operator, lambda s: members.set_active(s, operator, second.user.id, False)
        )
    assert (caught.value.code, caught.value.errors[0].field) == (ErrorCode.CONFLICT, "id")
    with pytest.raises(DomainError) as caught:
        await as_actor(
            db, promoted, lambda s: members.set_active(s, promoted, second.user.id, False)
        )
    assert (
        caught.value.errors[0].message == "you cannot change your own role or deactivate yourself"
    )


async def test_deactivation_ends_the_members_sessions(
    db: Database, world: World, settings: Settings
) -> None:
    manager = world.managers[1]
    pair = await login(db, settings, world.tenant.slug, manager.email, PASSWORD, "10.9.9.9")
    assert pair.refresh_token
    hq = world.hq.actor
    await as_actor(db, hq, lambda s: members.set_active(s, hq, manager.user.id, False))
    async with tenant_session(db, system(world.tenant)) as session:
        tokens = list(
            await session.scalars(
                select(RefreshToken).where(RefreshToken.user_id == manager.user.id)
            )
        )
    assert tokens and all(t.revoked_at is not None for t in tokens)
