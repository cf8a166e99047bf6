"""Carrier events: the newest decides, late ones join the history, duplicates change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.notifications.models import Audience
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.shipments.models import ShipmentStatus
from domain.shipments.tracking import Outcome
from domain.surveys.models import Survey
from domain.tenancy.session import tenant_session
from tests.domain.shipments.factories import (
    carrier_secret,
    events_of,
    make_shipment,
    order_row,
    report,
    ship,
    shipment_row,
)
from tests.factories import World, system
from tests.factories_service import (
    Mailbox,
    franchisee_email,
    notifications_of,
    run_jobs,
)

S = ShipmentStatus
SHIPPED = datetime(2031, 10, 6, 1, 0, tzinfo=UTC)


async def test_newest_event_moves_the_shipment_and_an_older_one_only_joins_the_history(
    db: Database, world: World, settings: Settings
) -> None:
    with clock.frozen_clock(SHIPPED + timedelta(days=1)):
        shipment = await make_shipment(db, world, world.stores[0], shipped_at=SHIPPED)
        out = await report(
            db, world, settings, shipment, S.OUT_FOR_DELIVERY, SHIPPED + timedelta(hours=20)
        )
        late = await report(
            db, world, settings, shipment, S.IN_TRANSIT, SHIPPED + timedelta(hours=8)
        )
    assert (out.outcome, late.outcome) == (Outcome.APPLIED, Outcome.RECORDED)
    row = await shipment_row(db, world, shipment.id)
    assert (row.status, row.last_event_at) == (S.OUT_FOR_DELIVERY, SHIPPED + timedelta(hours=20))
    history = await events_of(db, world, shipment)
    assert [(e.status, e.applied) for e in history] == [
        (S.IN_TRANSIT, False),
        (S.OUT_FOR_DELIVERY, True),
    ]


async def test_a_redelivered_event_changes_nothing(
    db: Database, world: World, settings: Settings
) -> None:
    with clock.frozen_clock(SHIPPED + timedelta(days=1)):
        shipment = await make_shipment(db, world, world.stores[0], shipped_at=SHIPPED)
        at = SHIPPED + timedelta(hours=3)
        first = await report(db, world, settings, shipment, S.PICKED_UP, at, event_id="E-1")
        again = await report(db, world, settings, shipment, S.IN_TRANSIT, at, event_id="E-1")
    assert (first.outcome, again.outcome) == (Outcome.APPLIED, Outcome.DUPLICATE)
    assert again.event.id == first.event.id
    assert [e.status for e in await events_of(db, world, shipment)] == [S.PICKED_UP]
    assert (await shipment_row(db, world, shipment.id)).status == S.PICKED_UP


async def test_at_the_same_moment_the_later_stage_wins(
    db: Database, world: World, settings: Settings
) -> None:
    with clock.frozen_clock(SHIPPED + timedelta(days=1)):
        shipment = await make_shipment(db, world, world.stores[0], shipped_at=SHIPPED)
        at = SHIPPED + timedelta(hours=3)
        await report(db, world, settings, shipment, S.IN_TRANSIT, at)
        same = await report(db, world, settings, shipment, S.PICKED_UP, at)
    assert same.outcome == Outcome.RECORDED
    assert (await shipment_row(db, world, shipment.id)).status == S.IN_TRANSIT


async def test_an_exception_holds_until_the_carrier_moves_on(
    db: Database, world: World, settings: Settings
) -> None:
    with clock.frozen_clock(SHIPPED + timedelta(days=2)):
        shipment = await make_shipment(db, world, world.stores[0], shipped_at=SHIPPED)
        await report(
            db,
            world,
            settings,
            shipment,
            S.EXCEPTION,
            SHIPPED + timedelta(hours=10),
            description="Road closed by snow",
            estimated_delivery="2031-10-09",
        )
        held = await shipment_row(db, world, shipment.id)
        await report(db, world, settings, shipment, S.IN_TRANSIT, SHIPPED + timedelta(hours=30))
    assert (held.status, held.exception_reason) == (S.EXCEPTION, "Road closed by snow")
    assert str(held.estimated_delivery) == "2031-10-09"
    moved = await shipment_row(db, world, shipment.id)
    assert (moved.status, moved.exception_reason) == (S.IN_TRANSIT, None)
    assert str(moved.estimated_delivery) == "2031-10-09"


async def test_delivered_is_final(db: Database, world: World, settings: Settings) -> None:
    with clock.frozen_clock(SHIPPED + timedelta(days=3)):
        shipment = await make_shipment(db, world, world.stores[0], shipped_at=SHIPPED)
        await report(db, world, settings, shipment, S.DELIVERED, SHIPPED + timedelta(days=2))
        after = await report(
            db, world, settings, shipment, S.EXCEPTION, SHIPPED + timedelta(days=2, hours=1)
        )
    assert after.outcome == Outcome.RECORDED
    assert (await shipment_row(db, world, shipment.id)).status == S.DELIVERED


async def test_bad_bodies_are_refused_naming_the_field(
    db: Database, world: World, settings: Settings
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    for status, at, field in (
        (S.CREATED, clock.now(), "status"),
        (S.IN_TRANSIT, clock.now() + timedelta(hours=2), "occurred_at"),
    ):
        with pytest.raises(DomainError) as refused:
            await report(db, world, settings, shipment, status, at)
        assert (refused.value.code, refused.value.errors[0].field) == (ErrorCode.INVALID, field)
    assert await events_of(db, world, shipment) == []


async def test_delivery_delivers_the_order_with_proof_and_invites_a_rating(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[0]
    shipment = await ship(db, world, store)
    signed = clock.now() - timedelta(minutes=5)
    receipt = await report(
        db,
        world,
        service_settings,
        shipment,
        S.DELIVERED,
        signed,
        proof_of_delivery={"signed_by": "Li Na", "photo_ref": "pod/sim/1.jpg"},
    )
    await run_jobs(service_settings)

    assert receipt.outcome == Outcome.APPLIED
    row = await shipment_row(db, world, shipment.id)
    assert (row.delivered_at, row.signed_by, row.signed_at, row.photo_ref) == (
        signed,
        "Li Na",
        signed,
        "pod/sim/1.jpg",
    )
    order = await order_row(db, world, shipment.order_id)
    assert order.status == OrderStatus.DELIVERED
    async with tenant_session(db, system(world.tenant)) as session:
        survey = await session.scalar(select(Survey).where(Survey.order_id == order.id))
    assert survey is not None and survey.shipment_id == shipment.id and not survey.answered
    mails = mailbox.to(franchisee_email(world, store))
    invitation = next(m for m in mails if "请为配货单" in m.subject)
    assert "/surveys/" in invitation.body
    assert any(m.subject == f"【{store.name}】配货单 {order.number} 已送达" for m in mails)


async def test_the_store_hears_when_goods_leave_are_on_the_way_and_due(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[1]
    shipment = await ship(db, world, store, carrier="sf")
    secret = await carrier_secret(db, world, "sf")
    now = clock.now()
    for status, hours in (
        (S.PICKED_UP, 3),
        (S.IN_TRANSIT, 2),
        (S.IN_TRANSIT, 1),
        (S.OUT_FOR_DELIVERY, 0),
    ):
        at = now - timedelta(hours=hours)
        await report(db, world, service_settings, shipment, status, at, secret=secret)
    await run_jobs(service_settings)

    told = [
        n
        for n in await notifications_of(db, world, store)
        if n.audience == Audience.FRANCHISEE and n.kind.startswith(("order.shipped", "shipment."))
    ]
    assert [n.kind for n in told] == [
        "order.shipped",
        "shipment.in_transit",
        "shipment.out_for_delivery",
    ]  # one in-transit message, however many hub scans
    eta = shipment.estimated_delivery.isoformat()  # type: ignore[union-attr]
    assert f"预计 {eta} 送达" in told[0].body and f"SF {shipment.tracking_number}" in told[0].body
    assert f"预计 {eta} 送达" in told[1].body
    subjects = [m.subject for m in mailbox.to(franchisee_email(world, store))]
    assert any("今日送达" in s for s in subjects)


async def test_an_exception_tells_the_franchisee_and_the_merchandiser_why(
    db: Database, world: World, service_settings: Settings
) -> None:
    store = world.stores[2]
    shipment = await make_shipment(db, world, store)
    await report(
        db,
        world,
        service_settings,
        shipment,
        S.EXCEPTION,
        clock.now(),
        description="Address could not be reached",
    )
    await run_jobs(service_settings)
    told = [n for n in await notifications_of(db, world, store) if n.kind == "shipment.exception"]
    assert {n.audience for n in told} == {Audience.FRANCHISEE, Audience.MERCHANDISER}
    assert all("Address could not be reached" in n.body for n in told)
