"""From confirmed order to goods on the road: pick list, picking, shipping with the reservation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.orders.models import OrderStatus, OrderTransition
from domain.settings import Settings
from domain.shipments import service
from domain.shipments.models import PickList, PickListStatus, Shipment, ShipmentStatus
from domain.shipments.tracking import EventReport
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import cast, new_warehouse, order_in, set_stock, stock
from tests.domain.shipments.factories import order_row, ship, tracking_number
from tests.factories import World, system
from tests.factories_service import run_jobs

MONDAY = datetime(2031, 9, 1, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


async def pick_list_of(db: Database, world: World, order_id: int) -> PickList | None:
    async with tenant_session(db, system(world.tenant)) as session:
        return await session.scalar(select(PickList).where(PickList.order_id == order_id))


async def lines_of(
    db: Database, world: World, pick_list: PickList
) -> list[tuple[int, int | None, int]]:
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(PickList, pick_list.id)
        assert row is not None
        await session.refresh(row, ["lines"])
        return [(line.sku_id, line.warehouse_id, line.qty) for line in row.lines]


async def moves_of(db: Database, world: World, order_id: int) -> list[tuple[str, str]]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(OrderTransition)
            .where(OrderTransition.order_id == order_id)
            .order_by(OrderTransition.id)
        )
        return [(r.action, r.to_status.value) for r in rows]


async def test_confirmation_makes_the_pick_list_from_the_reserved_lines(
    db: Database, world: World, settings: Settings
) -> None:
    sku_a, sku_b = world.skus[0], world.skus[1]
    # Only 1 unit of A in the main warehouse: the other is reserved (and picked) elsewhere.
    await set_stock(db, world, sku_a, 1)
    second = await new_warehouse(db, world)
    await set_stock(db, world, sku_a, 10, second)
    order = await order_in(db, world, world.stores[0], OrderStatus.CONFIRMED)
    await run_jobs(settings)

    pick_list = await pick_list_of(db, world, order.id)
    assert pick_list is not None
    assert (pick_list.status, pick_list.total_units) == (PickListStatus.OPEN, 4)
    assert world.warehouse is not None
    assert sorted(await lines_of(db, world, pick_list)) == sorted(
        [
            (sku_a.id, world.warehouse.id, 1),
            (sku_a.id, second.id, 1),
            (sku_b.id, world.warehouse.id, 2),
        ]
    )
    async with tenant_session(db, system(world.tenant)) as session:  # the job is idempotent
        assert (await service.create_pick_list(session, order.id)).id == pick_list.id  # type: ignore[union-attr]


async def test_starting_picking_moves_the_order_to_picking(db: Database, world: World) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.CONFIRMED)
    hq = world.hq.actor
    with clock.frozen_clock(MONDAY):
        async with tenant_session(db, hq) as session:
            pick_list = await service.start_picking(session, hq, order.id)
            await session.commit()
    assert (pick_list.status, pick_list.started_at, pick_list.started_by_id) == (
        PickListStatus.PICKING,
        MONDAY,
        world.hq.user.id,
    )
    assert (await order_row(db, world, order.id)).status == OrderStatus.PICKING
    assert (await moves_of(db, world, order.id))[-1] == ("pick", "picking")

    async with tenant_session(db, hq) as session:
        with pytest.raises(DomainError) as again:
            await service.start_picking(session, hq, order.id)
    assert (again.value.code, again.value.errors[0].field) == (
        ErrorCode.INVALID_TRANSITION,
        "order_id",
    )


async def test_shipping_records_the_shipment_and_consumes_the_reservation(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    sku = world.skus[0]
    order = await order_in(db, world, store, OrderStatus.PICKING)
    assert await stock(db, world, sku) == (100, 2)
    hq = world.hq.actor
    with clock.frozen_clock(MONDAY):
        async with tenant_session(db, hq) as session:
            shipment = await service.create_shipment(
                session, hq, order.id, " SF ", "sf1234567890", 3
            )
            await session.commit()

    assert await stock(db, world, sku) == (98, 0)
    assert (shipment.carrier, shipment.tracking_number, shipment.parcels) == (
        "sf",
        "SF1234567890",
        3,
    )
    assert (shipment.status, shipment.shipped_at) == (ShipmentStatus.CREATED, MONDAY)
    assert shipment.estimated_delivery == date(2031, 9, 3)  # SF's two days, Shanghai calendar
    shipped = await order_row(db, world, order.id)
    assert (shipped.status, shipped.shipped_at) == (OrderStatus.SHIPPED, MONDAY)
    pick_list = await pick_list_of(db, world, order.id)
    assert pick_list is not None and pick_list.status == PickListStatus.SHIPPED


async def test_a_confirmed_order_ships_through_picking_for_an_integration(
    db: Database, world: World
) -> None:
    store = world.stores[1]
    shipment = await ship(db, world, store, actor=cast(world, store).integration)
    assert [m for m in await moves_of(db, world, shipment.order_id)][-2:] == [
        ("pick", "picking"),
        ("ship", "shipped"),
    ]


async def test_bad_input_is_refused_field_by_field_and_nothing_changes(
    db: Database, world: World
) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.PICKING)
    hq = world.hq.actor
    with clock.frozen_clock(MONDAY):
        async with tenant_session(db, hq) as session:
            with pytest.raises(DomainError) as refused:
                await service.create_shipment(
                    session, hq, order.id, "dhl", "no!", 0, date(2031, 8, 31)
                )
    assert [e.field for e in refused.value.errors] == [
        "carrier",
        "tracking_number",
        "parcels",
        "estimated_delivery",
    ]
    assert "known carriers:" in refused.value.errors[0].message
    assert (await order_row(db, world, order.id)).status == OrderStatus.PICKING
    assert await stock(db, world, world.skus[0]) == (100, 2)


async def test_an_order_ships_once_and_a_tracking_number_serves_once(
    db: Database, world: World
) -> None:
    first = await ship(db, world, world.stores[0], carrier="zto")
    hq = world.hq.actor
    async with tenant_session(db, hq) as session:
        with pytest.raises(DomainError) as twice:
            await service.create_shipment(session, hq, first.order_id, "zto", tracking_number(), 1)
    assert (twice.value.code, twice.value.errors[0].field) == (ErrorCode.DUPLICATE, "order_id")

    other = await order_in(db, world, world.stores[1], OrderStatus.PICKING)
    async with tenant_session(db, hq) as session:
        with pytest.raises(DomainError) as reused:
            await service.create_shipment(session, hq, other.id, "zto", first.tracking_number, 1)
    assert (reused.value.code, reused.value.errors[0].field) == (
        ErrorCode.DUPLICATE,
        "tracking_number",
    )


async def test_only_a_confirmed_or_picking_order_ships(db: Database, world: World) -> None:
    proposal = await order_in(db, world, world.stores[0], OrderStatus.PROPOSED)
    hq = world.hq.actor
    async with tenant_session(db, hq) as session:
        with pytest.raises(DomainError) as refused:
            await service.create_shipment(session, hq, proposal.id, "sf", tracking_number(), 1)
    assert refused.value.code == ErrorCode.INVALID_TRANSITION
    async with tenant_session(db, system(world.tenant)) as session:
        assert (
            await session.scalar(select(Shipment).where(Shipment.order_id == proposal.id)) is None
        )


@pytest.mark.parametrize("who", ["franchisee", "merchandiser", "manager"])
async def test_only_hq_and_integrations_ship(db: Database, world: World, who: str) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.PICKING)
    actor = getattr(cast(world, store), who)
    async with tenant_session(db, actor) as session:
        with pytest.raises(Forbidden):
            await service.create_shipment(session, actor, order.id, "sf", tracking_number(), 1)
        with pytest.raises(Forbidden):
            await service.start_picking(session, actor, order.id)
    assert (await order_row(db, world, order.id)).status == OrderStatus.PICKING


async def test_staff_record_a_delivery_with_who_signed(db: Database, world: World) -> None:
    shipment = await ship(db, world, world.stores[0])
    hq = world.hq.actor
    when = clock.now() + timedelta(hours=5)
    async with tenant_session(db, hq) as session:
        with pytest.raises(DomainError) as unsigned:
            await service.record_staff_event(
                session, hq, shipment.id, EventReport("", ShipmentStatus.DELIVERED, clock.now())
            )
    assert (unsigned.value.code, unsigned.value.errors[0].field) == (
        ErrorCode.REQUIRED,
        "signed_by",
    )
    with clock.frozen_clock(when):
        async with tenant_session(db, hq) as session:
            receipt = await service.record_staff_event(
                session,
                hq,
                shipment.id,
                EventReport("", ShipmentStatus.DELIVERED, when, signed_by="Ms Wang"),
            )
            await session.commit()
    assert receipt.event.recorded_by_id == world.hq.user.id
    assert (receipt.shipment.status, receipt.shipment.signed_by) == (
        ShipmentStatus.DELIVERED,
        "Ms Wang",
    )
    assert (await order_row(db, world, shipment.order_id)).status == OrderStatus.DELIVERED
