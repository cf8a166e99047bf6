"""The simulated carrier drives shipments to delivery on a controlled clock, through the webhook service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.jobs import runner
from domain.jobs.models import OutboxMessage
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.shipments.jobs import SIMULATE_TENANT_JOB, simulate_all
from domain.shipments.models import EventSource, Shipment, ShipmentStatus
from domain.shipments.simulator import SimulationReport, plan, simulate
from domain.stores.models import Store
from domain.surveys.models import Survey
from domain.tenancy.session import tenant_session
from tests.domain.shipments.factories import events_of, order_row, ship, shipment_row
from tests.factories import World, system, unique
from tests.factories_service import run_jobs

S = ShipmentStatus
HANDED_OVER = datetime(2031, 11, 3, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in Shanghai


async def run(db: Database, world: World, settings: Settings) -> SimulationReport:
    """One run of the simulated carrier for the world's tenant, committed."""
    async with tenant_session(db, system(world.tenant)) as session:
        result = await simulate(session, settings)
        await session.commit()
        return result


async def test_the_simulated_carrier_delivers_a_shipment_over_the_days(
    db: Database, world: World, settings: Settings
) -> None:
    calm = settings.model_copy(update={"carrier_simulator_exception_rate": 0.0})
    with clock.frozen_clock(HANDED_OVER) as frozen:
        shipment = await ship(db, world, world.stores[0])
        frozen.advance(timedelta(hours=12))
        first = await run(db, world, calm)
        on_the_road = await shipment_row(db, world, shipment.id)
        frozen.advance(timedelta(days=5))
        rest = await run(db, world, calm)
        again = await run(db, world, calm)

    assert first.posted == 2 and on_the_road.status == S.IN_TRANSIT
    assert (rest.posted, rest.delivered) == (3, 1)
    assert again == SimulationReport()  # nothing left to drive
    history = await events_of(db, world, shipment)
    assert [e.status for e in history] == [
        S.PICKED_UP,
        S.IN_TRANSIT,
        S.IN_TRANSIT,
        S.OUT_FOR_DELIVERY,
        S.DELIVERED,
    ]
    assert all(e.applied and e.source == EventSource.SIMULATOR for e in history)
    assert [e.occurred_at for e in history] == sorted(e.occurred_at for e in history)
    delivered = await shipment_row(db, world, shipment.id)
    assert delivered.status == S.DELIVERED and delivered.signed_by
    assert delivered.delivered_at is not None
    assert delivered.delivered_at.date() <= delivered.estimated_delivery  # type: ignore[operator]
    assert (await order_row(db, world, shipment.order_id)).status == OrderStatus.DELIVERED


async def test_a_delayed_shipment_reports_the_exception_and_still_arrives_a_day_later(
    db: Database, world: World, settings: Settings
) -> None:
    stormy = settings.model_copy(update={"carrier_simulator_exception_rate": 1.0})
    with clock.frozen_clock(HANDED_OVER) as frozen:
        shipment = await ship(db, world, world.stores[1])
        frozen.advance(timedelta(days=7))
        await run(db, world, stormy)
    history = await events_of(db, world, shipment)
    statuses = [e.status for e in history]
    assert S.EXCEPTION in statuses and statuses[-1] == S.DELIVERED
    exception = history[statuses.index(S.EXCEPTION)]
    announced = history[1].estimated_delivery
    assert announced is not None and exception.estimated_delivery == announced + timedelta(days=1)
    assert (await shipment_row(db, world, shipment.id)).exception_reason is None


async def test_the_plan_is_the_same_every_time_and_only_for_the_simulated_carrier(
    db: Database, world: World, settings: Settings
) -> None:
    with clock.frozen_clock(HANDED_OVER) as frozen:
        simulated = await ship(db, world, world.stores[0])
        real = await ship(db, world, world.stores[1], carrier="sf")
        frozen.advance(timedelta(days=10))
        async with tenant_session(db, system(world.tenant)) as session:
            row = await session.get(Shipment, simulated.id)
            store = await session.get(Store, simulated.store_id)
            assert row is not None and store is not None
            zone = ZoneInfo("Asia/Shanghai")
            assert plan(row, store, zone, 0.5) == plan(row, store, zone, 0.5)
        await run(db, world, settings)
    assert (await shipment_row(db, world, real.id)).status == S.CREATED
    assert await events_of(db, world, real) == []


async def test_the_periodic_job_drives_the_tenants_shipments(
    db: Database, world: World, settings: Settings
) -> None:
    with clock.frozen_clock(HANDED_OVER) as frozen:
        shipment = await ship(db, world, world.stores[2])
        frozen.advance(timedelta(days=6))
        async with db.session() as session:
            session.add(
                OutboxMessage(
                    tenant_id=world.tenant.id, job=SIMULATE_TENANT_JOB, key=unique("sim-"), args={}
                )
            )
            await session.commit()
        await run_jobs(settings)
    assert (await shipment_row(db, world, shipment.id)).status == S.DELIVERED
    async with tenant_session(db, system(world.tenant)) as session:
        survey = await session.scalar(select(Survey).where(Survey.order_id == shipment.order_id))
    assert survey is not None  # the delivery's follow-up ran too


async def test_the_periodic_run_is_off_unless_the_setting_enables_it(
    db: Database, world: World, settings: Settings
) -> None:
    async with db.session() as session:
        assert await simulate_all(session) == {"skipped": "carrier_simulator is off"}
    await ship(db, world, world.stores[0])  # only tenants with a simulated shipment under way
    runner.configure(settings.model_copy(update={"carrier_simulator": True}))
    try:
        async with db.session() as session:
            queued = await simulate_all(session)
            keys = set(
                await session.scalars(
                    select(OutboxMessage.key).where(OutboxMessage.tenant_id == world.tenant.id)
                )
            )
            await session.rollback()
    finally:
        runner.configure(settings)
    assert queued["tenants"] >= 1
    assert any(k.startswith(f"{SIMULATE_TENANT_JOB}:{world.tenant.id}:") for k in keys)
