"""A complaint may be about an order or a shipment of its store, and nothing else."""

from __future__ import annotations

import pytest

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from tests.domain.complaints.factories import file_complaint
from tests.domain.shipments.factories import make_shipment
from tests.factories import World, make_world
from tests.factories_service import make_order


async def test_complaint_about_a_shipment_is_linked_to_its_order_too(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    shipment = await make_shipment(db, world, store)
    complaint = await file_complaint(db, world.franchisees[0].actor, store, shipment_id=shipment.id)
    assert (complaint.shipment_id, complaint.order_id) == (shipment.id, shipment.order_id)


async def test_complaint_about_an_order_of_the_store(db: Database, world: World) -> None:
    store = world.stores[0]
    order = await make_order(db, world, store)
    complaint = await file_complaint(db, world.franchisees[0].actor, store, order_id=order.id)
    assert (complaint.order_id, complaint.shipment_id) == (order.id, None)


async def test_order_or_shipment_of_another_store_is_refused(db: Database, world: World) -> None:
    mine, theirs = world.stores[0], world.stores[1]
    their_order = await make_order(db, world, theirs)
    their_shipment = await make_shipment(db, world, theirs)
    staff = world.merchandisers[0].actor  # serves both stores: sees both
    with pytest.raises(DomainError) as refused:
        await file_complaint(
            db, staff, mine, order_id=their_order.id, shipment_id=their_shipment.id
        )
    assert [(e.code, e.field) for e in refused.value.errors] == [
        (ErrorCode.NOT_FOUND, "order_id"),
        (ErrorCode.NOT_FOUND, "shipment_id"),
    ]


async def test_shipment_of_another_order_of_the_store_is_refused(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    order = await make_order(db, world, store)
    shipment = await make_shipment(db, world, store)
    with pytest.raises(DomainError) as refused:
        await file_complaint(
            db, world.franchisees[0].actor, store, order_id=order.id, shipment_id=shipment.id
        )
    assert (refused.value.code, refused.value.errors[0].field) == (
        ErrorCode.INVALID,
        "shipment_id",
    )


async def test_a_shipment_of_another_tenant_is_not_found(db: Database, world: World) -> None:
    other = await make_world(db, stores_per_merchandiser=1)
    foreign = await make_shipment(db, other, other.stores[0])
    with pytest.raises(DomainError) as refused:
        await file_complaint(
            db, world.franchisees[0].actor, world.stores[0], shipment_id=foreign.id
        )
    assert (refused.value.code, refused.value.errors[0].field) == (
        ErrorCode.NOT_FOUND,
        "shipment_id",
    )
