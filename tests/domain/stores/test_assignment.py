"""Assignment: the active one ends when another starts, the history stays, each step is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain import clock
from domain.audit.models import AuditEntry
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.identity.models import Membership, User
from domain.orders.models import Order, OrderStatus
from domain.people import members
from domain.permissions import Role
from domain.stores.assignment import assign_merchandiser
from domain.stores.models import MerchandiserAssignment, Store
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import order_in
from tests.domain.stores.factories import as_actor
from tests.factories import World, system


async def test_each_reassignment_closes_the_last_and_is_audited(db: Database, world: World) -> None:
    store = world.stores[0]
    first, second = world.merchandisers[0], world.merchandisers[1]
    hq = world.hq.actor
    await as_actor(
        db, hq, lambda s: assign_merchandiser(s, hq, store.id, second.user.id, "holiday cover")
    )
    await as_actor(
        db, hq, lambda s: assign_merchandiser(s, hq, store.id, first.user.id, "back from holiday")
    )
    async with tenant_session(db, system(world.tenant)) as session:
        rows = list(
            await session.scalars(
                select(MerchandiserAssignment)
                .where(MerchandiserAssignment.store_id == store.id)
                .order_by(MerchandiserAssignment.id)
            )
        )
        audit = list(
            await session.scalars(
                select(AuditEntry.after)
                .where(AuditEntry.action == "stores.merchandiser_assigned")
                .order_by(AuditEntry.id)
            )
        )
    assert [(r.merchandiser_id, r.ended_at is None, r.reason) for r in rows] == [
        (first.user.id, False, None),
        (second.user.id, False, "holiday cover"),
        (first.user.id, True, "back from holiday"),
    ]
    assert rows[0].ended_at <= rows[1].started_at <= clock.now()
    assert [a["reason"] for a in audit] == ["holiday cover", "back from holiday"]


async def test_a_deactivated_merchandiser_cannot_take_a_store(db: Database, world: World) -> None:
    hq = world.hq.actor
    idle = world.merchandisers[1]
    for store in [s for s in world.stores if s.merchandiser_id == idle.user.id]:
        await as_actor(
            db,
            hq,
            lambda s, store=store: assign_merchandiser(
                s, hq, store.id, world.merchandisers[0].user.id, "x"
            ),
        )
    await as_actor(db, hq, lambda s: members.set_active(s, hq, idle.user.id, False))
    with pytest.raises(DomainError) as caught:
        await as_actor(
            db, hq, lambda s: assign_merchandiser(s, hq, world.stores[0].id, idle.user.id, "x")
        )
    assert (caught.value.code, caught.value.errors[0].field) == (
        ErrorCode.INVALID,
        "merchandiser_id",
    )


async def test_orders_in_flight_pass_to_the_new_merchandiser_finished_ones_stay(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    async with tenant_session(db, system(world.tenant)) as session:
        first = await session.scalar(select(Store.merchandiser_id).where(Store.id == store.id))
        second = await session.scalar(  # another active merchandiser of the region
            select(Membership.user_id)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.role == Role.MERCHANDISER,
                Membership.region_id == store.region_id,
                Membership.is_active.is_(True),
                User.is_active.is_(True),
                Membership.user_id != first,
            )
            .limit(1)
        )
    assert second is not None
    proposed = await order_in(db, world, store, OrderStatus.PROPOSED)
    shipped = await order_in(db, world, store, OrderStatus.SHIPPED)
    delivered = await order_in(db, world, store, OrderStatus.DELIVERED)
    hq = world.hq.actor
    await as_actor(db, hq, lambda s: assign_merchandiser(s, hq, store.id, second, "new area"))
    async with tenant_session(db, system(world.tenant)) as session:
        owners = {
            order_id: owner
            for order_id, owner in await session.execute(select(Order.id, Order.merchandiser_id))
        }
        audit = await session.scalar(
            select(AuditEntry.after)
            .where(AuditEntry.action == "stores.merchandiser_assigned")
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    assert owners[proposed.id] == owners[shipped.id] == second
    assert owners[delivered.id] == first
    assert audit is not None and audit["orders_handed_over"] == 2
