"""Periodic scans reach only the tenants with something due: each concept's probe says yes
exactly when its scan would act, and the platform job queues one scan per such tenant and
period (a quiet tenant costs a probe, not a job)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from domain import clock
from domain.complaints.escalation import escalate_overdue
from domain.complaints.escalation import has_due as complaint_step_due
from domain.db import Database
from domain.jobs.models import OutboxMessage
from domain.jobs.periodic import Probe, fan_out
from domain.orders.expiry import has_due as expiry_due
from domain.orders.expiry import scan as expiry_scan
from domain.permissions import Actor
from domain.recommendation.runs.nightly import has_due as nightly_due
from domain.recommendation.runs.nightly import start_if_due
from domain.reminders.jobs import SCAN_TENANT_JOB
from domain.reminders.service import has_due as rung_due
from domain.reminders.service import scan as reminder_scan
from domain.severity import Severity
from domain.shipments.simulator import has_under_way
from domain.tenancy.session import tenant_session
from domain.tenant_data.deletion import delete_tenant
from tests.domain.complaints.factories import file_complaint
from tests.domain.recommendation.runs.factories import set_policy
from tests.domain.shipments.factories import ship
from tests.factories import World, make_world, system
from tests.factories_service import make_order

SENT = datetime(2032, 1, 5, 2, 0, tzinfo=UTC)


async def _probe(db: Database, world: World, due: Probe) -> bool:
    async with tenant_session(db, system(world.tenant)) as session:
        return await due(session)


async def _queued(db: Database, job: str, tenant_ids: list[int]) -> dict[int, list[str]]:
    async with db.session() as session:
        rows = await session.execute(
            select(OutboxMessage.tenant_id, OutboxMessage.key).where(
                OutboxMessage.job == job, OutboxMessage.tenant_id.in_(tenant_ids)
            )
        )
        found: dict[int, list[str]] = {tid: [] for tid in tenant_ids}
        for tid, key in rows:
            found[tid].append(key)
        return found


async def test_the_platform_scan_queues_one_scan_per_tenant_with_a_rung_due_per_period(
    db: Database, world: World
) -> None:
    quiet = await make_world(db)
    await make_order(db, world, world.stores[0], proposed_at=SENT - timedelta(days=2))
    await make_order(db, quiet, quiet.stores[0], proposed_at=SENT)  # not due for hours
    platform = Actor.system(None, label="test")
    with clock.frozen_clock(SENT + timedelta(minutes=1)):
        async with tenant_session(db, platform) as session:
            first = await fan_out(session, SCAN_TENANT_JOB, 300, rung_due)
            await session.commit()
        async with tenant_session(db, platform) as session:
            again = await fan_out(session, SCAN_TENANT_JOB, 300, rung_due)
            await session.commit()
    assert first >= 1 and again == 0
    queued = await _queued(db, SCAN_TENANT_JOB, [world.tenant.id, quiet.tenant.id])
    assert queued == {
        world.tenant.id: [f"{SCAN_TENANT_JOB}:{world.tenant.id}:20320105T020000"],
        quiet.tenant.id: [],
    }


async def test_a_deleted_tenant_gets_no_scans(db: Database, world: World) -> None:
    deleted = await make_world(db)
    for each in (world, deleted):
        await make_order(db, each, each.stores[0], proposed_at=SENT - timedelta(days=2))
    async with tenant_session(db, deleted.hq.actor) as session:
        await delete_tenant(session, deleted.hq.actor, deleted.tenant.slug)
        await session.commit()
    with clock.frozen_clock(SENT + timedelta(minutes=10)):
        async with tenant_session(db, Actor.system(None, label="test")) as session:
            await fan_out(session, SCAN_TENANT_JOB, 600, rung_due)
            await session.commit()
    queued = await _queued(db, SCAN_TENANT_JOB, [world.tenant.id, deleted.tenant.id])
    assert len(queued[world.tenant.id]) == 1 and queued[deleted.tenant.id] == []


async def test_a_rung_is_due_until_it_has_fired(db: Database, world: World) -> None:
    with clock.frozen_clock(SENT) as frozen:
        assert not await _probe(db, world, rung_due)
        await make_order(db, world, world.stores[0], proposed_at=SENT)
        assert not await _probe(db, world, rung_due)
        frozen.advance(timedelta(days=4))  # past every rung of the default ladder
        assert await _probe(db, world, rung_due)
        async with tenant_session(db, system(world.tenant)) as session:
            assert (await reminder_scan(session))["queued"] == 3
            await session.commit()
        assert not await _probe(db, world, rung_due)


async def test_a_proposal_past_its_cutoff_is_due_for_expiry(db: Database, world: World) -> None:
    with clock.frozen_clock(SENT) as frozen:
        await make_order(
            db, world, world.stores[0], proposed_at=SENT, expires_at=SENT + timedelta(hours=6)
        )
        assert not await _probe(db, world, expiry_due)
        frozen.advance(timedelta(hours=6))
        assert await _probe(db, world, expiry_due)
        async with tenant_session(db, system(world.tenant)) as session:
            assert (await expiry_scan(session))["queued"] == 1


async def test_an_overdue_complaint_is_due_a_step_up_once_per_sla(
    db: Database, world: World
) -> None:
    with clock.frozen_clock(SENT) as frozen:
        await file_complaint(db, world.franchisees[0].actor, world.stores[0], Severity.CRITICAL)
        assert not await _probe(db, world, complaint_step_due)
        frozen.advance(timedelta(hours=8, minutes=1))  # past the critical SLA
        assert await _probe(db, world, complaint_step_due)
        async with tenant_session(db, system(world.tenant)) as session:
            assert await escalate_overdue(session) == {"escalated": 1}
            await session.commit()
        assert not await _probe(db, world, complaint_step_due)  # to region; HQ one SLA later
        frozen.advance(timedelta(hours=8))
        assert await _probe(db, world, complaint_step_due)


async def test_the_nightly_run_is_due_once_its_time_comes(db: Database, world: World) -> None:
    await set_policy(db, world, nightly_run_cron="0 2 * * *")
    # 01:30 in Shanghai: yesterday's 02:00 is too long ago, tonight's has not come.
    with clock.frozen_clock(datetime(2032, 3, 1, 17, 30, tzinfo=UTC)) as frozen:
        assert not await _probe(db, world, nightly_due)
        frozen.advance(timedelta(minutes=35))
        assert await _probe(db, world, nightly_due)
        async with tenant_session(db, system(world.tenant)) as session:
            assert "run_id" in await start_if_due(session)
            await session.commit()
        assert not await _probe(db, world, nightly_due)
    await set_policy(db, world, nightly_run_cron=None)
    with clock.frozen_clock(datetime(2032, 3, 2, 18, 5, tzinfo=UTC)):
        assert not await _probe(db, world, nightly_due)


async def test_the_simulated_carrier_has_work_while_a_shipment_is_under_way(
    db: Database, world: World
) -> None:
    assert not await _probe(db, world, has_under_way)
    await ship(db, world, world.stores[0])
    assert await _probe(db, world, has_under_way)
