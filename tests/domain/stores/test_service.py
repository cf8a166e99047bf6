"""Store services: each group of fields needs its permission, every change is audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.stores import service
from domain.stores.fields import StoreFields
from domain.stores.models import MerchandiserAssignment, Store
from domain.tenancy.session import tenant_session
from tests.domain.stores.factories import as_actor
from tests.factories import Member, World, system


def owner(world: World, store: Store) -> Member:
    return next(f for f in world.franchisees if f.user.id == store.franchisee_id)


async def refused(db: Database, member: Member, store: Store, fields: StoreFields) -> ErrorCode:
    with pytest.raises(DomainError) as caught:
        await as_actor(
            db, member.actor, lambda s: service.update_store(s, member.actor, store.id, fields)
        )
    return caught.value.code


async def test_a_franchisee_sets_budget_and_preferences_but_not_the_profile(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    franchisee = owner(world, store)
    updated = await as_actor(
        db,
        franchisee.actor,
        lambda s: service.set_budget(s, franchisee.actor, store.id, Decimal("8000")),
    )
    assert updated.budget == Decimal("8000.00")
    prefs = StoreFields(favoured_categories=["knitwear"], price_max=Decimal("300"))
    updated = await as_actor(
        db,
        franchisee.actor,
        lambda s: service.set_preferences(s, franchisee.actor, store.id, prefs),
    )
    assert (updated.favoured_categories, updated.price_max) == (["knitwear"], Decimal("300.00"))
    assert await refused(db, franchisee, store, StoreFields(name="mine now")) == ErrorCode.FORBIDDEN
    other = world.stores[1]
    assert (
        await refused(db, franchisee, other, StoreFields(budget=Decimal("1")))
        == ErrorCode.NOT_FOUND
    )


async def test_a_merchandiser_changes_their_stores_not_their_colleagues(
    db: Database, world: World
) -> None:
    merchandiser = world.merchandisers[0]
    mine, colleagues = world.stores[0], world.stores[2]
    assert (
        colleagues.region_id == mine.region_id
        and colleagues.merchandiser_id != merchandiser.user.id
    )
    updated = await as_actor(
        db,
        merchandiser.actor,
        lambda s: service.update_store(
            s, merchandiser.actor, mine.id, StoreFields(display_capacity=650)
        ),
    )
    assert updated.display_capacity == 650
    assert (
        await refused(db, merchandiser, colleagues, StoreFields(display_capacity=1))
        == ErrorCode.FORBIDDEN
    )
    move = StoreFields(
        region_id=world.regions[1].id,
        province="Jiangsu",
        merchandiser_id=world.merchandisers[2].user.id,
    )
    assert await refused(db, merchandiser, mine, move) == ErrorCode.FORBIDDEN


async def test_preferences_are_not_changed_through_the_preference_call_with_other_fields(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    with pytest.raises(DomainError) as caught:
        await as_actor(
            db,
            world.hq.actor,
            lambda s: service.set_preferences(
                s, world.hq.actor, store.id, StoreFields(budget=Decimal("1"))
            ),
        )
    assert caught.value.errors[0].field == "budget"


async def test_changes_are_audited_with_before_and_after(db: Database, world: World) -> None:
    store = world.stores[0]
    await as_actor(
        db,
        world.hq.actor,
        lambda s: service.set_budget(s, world.hq.actor, store.id, Decimal("4321.00")),
    )
    async with tenant_session(db, system(world.tenant)) as session:
        entry = await session.scalar(
            select(AuditEntry)
            .where(AuditEntry.entity_type == "stores", AuditEntry.entity_id == str(store.id))
            .where(AuditEntry.action == "stores.update")
            .order_by(AuditEntry.id.desc())
        )
    assert entry is not None
    assert (entry.before, entry.after) == ({"budget": "10000.00"}, {"budget": "4321.00"})
    assert entry.actor_user_id == world.hq.user.id


async def test_a_refused_change_writes_nothing(db: Database, world: World) -> None:
    store = world.stores[0]
    fields = StoreFields(name="Renamed", budget=Decimal("-1"))
    with pytest.raises(DomainError):
        await as_actor(
            db, world.hq.actor, lambda s: service.update_store(s, world.hq.actor, store.id, fields)
        )
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Store, store.id)
    assert row is not None and (row.name, row.budget) == (store.name, store.budget)


async def test_the_database_refuses_a_second_active_assignment(db: Database, world: World) -> None:
    store = world.stores[0]
    with pytest.raises(IntegrityError):
        async with tenant_session(db, system(world.tenant)) as session:
            session.add(
                MerchandiserAssignment(
                    store_id=store.id, merchandiser_id=world.merchandisers[1].user.id
                )
            )
            await session.commit()


async def test_a_new_owner_needs_the_owner_check_of_the_caller(db: Database, world: World) -> None:
    store, other = world.stores[0], world.stores[1]
    fields = StoreFields(franchisee_id=owner(world, other).user.id)
    hq = world.hq.actor
    with pytest.raises(DomainError) as caught:
        await as_actor(db, hq, lambda s: service.update_store(s, hq, store.id, fields))
    assert (caught.value.code, caught.value.errors[0].field) == (
        ErrorCode.FORBIDDEN,
        "franchisee_id",
    )
    checked: list[int] = []

    async def check(_session: object, _actor: object, user_id: int, _field: str) -> None:
        checked.append(user_id)

    changed = await as_actor(
        db, hq, lambda s: service.update_store(s, hq, store.id, fields, check_owner=check)
    )
    assert checked == [changed.franchisee_id] == [owner(world, other).user.id]
