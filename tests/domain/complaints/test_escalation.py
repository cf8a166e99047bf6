"""A complaint's deadline comes from the tenant's SLA; overdue complaints climb to region, then HQ."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from domain import clock
from domain.complaints import service
from domain.complaints.escalation import escalate_overdue
from domain.complaints.models import Escalation
from domain.db import Database
from domain.notifications.models import Audience, Notification
from domain.passport.models import ContactKind, ContactLogEntry
from domain.severity import Severity
from domain.tenancy.session import tenant_session
from tests.domain.complaints.factories import complaint_row, file_complaint
from tests.factories import World, make_world, system
from tests.factories_service import notifications_of, set_service_policy

FILED = datetime(2031, 5, 6, 3, 0, tzinfo=UTC)


async def escalate(db: Database, world: World) -> dict[str, int]:
    """What the periodic scan does for the tenant."""
    async with tenant_session(db, system(world.tenant)) as session:
        result = await escalate_overdue(session)
        await session.commit()
        return result


async def escalations(db: Database, world: World, complaint_id: int) -> list[Notification]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(Notification)
            .where(Notification.kind == "complaint.escalated")
            .where(Notification.key.like(f"complaint:{complaint_id}:escalated:%"))
            .order_by(Notification.id)
        )
        return list(rows)


@pytest.mark.parametrize(
    ("severity", "hours"),
    [(Severity.CRITICAL, 8), (Severity.HIGH, 24), (Severity.MEDIUM, 72), (Severity.LOW, 120)],
)
async def test_deadline_is_the_default_sla_for_the_severity(
    db: Database, world: World, severity: Severity, hours: int
) -> None:
    with clock.frozen_clock(FILED):
        complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0], severity)
    assert complaint.due_at == FILED + timedelta(hours=hours)


async def test_deadline_follows_the_tenants_own_sla(db: Database, world: World) -> None:
    await set_service_policy(
        db, world, complaint_sla_hours={"low": 200, "medium": 48, "high": 6, "critical": 2}
    )
    with clock.frozen_clock(FILED):
        high = await file_complaint(db, world.franchisees[0].actor, world.stores[0], Severity.HIGH)
        low = await file_complaint(db, world.franchisees[0].actor, world.stores[0], Severity.LOW)
    assert high.due_at == FILED + timedelta(hours=6)
    assert low.due_at == FILED + timedelta(hours=200)


async def test_overdue_complaint_escalates_to_the_region_then_to_hq_one_sla_later(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    with clock.frozen_clock(FILED) as frozen:
        complaint = await file_complaint(db, world.franchisees[0].actor, store, Severity.HIGH)
        frozen.advance(timedelta(hours=23, minutes=59))
        assert await escalate(db, world) == {"escalated": 0}

        frozen.advance(timedelta(minutes=2))
        assert await escalate(db, world) == {"escalated": 1}
        row = await complaint_row(db, world, complaint.id)
        assert (row.escalation, row.escalated_at) == (Escalation.REGION, clock.now())
        [to_region] = await escalations(db, world, complaint.id)
        assert to_region.audience == Audience.REGIONAL_MANAGER
        assert to_region.recipient_user_id == world.managers[0].user.id
        assert await escalate(db, world) == {"escalated": 0}  # once per level

        frozen.advance(timedelta(hours=23))
        assert await escalate(db, world) == {"escalated": 0}  # HQ only one SLA period later
        frozen.advance(timedelta(hours=1, minutes=1))
        assert await escalate(db, world) == {"escalated": 1}
        row = await complaint_row(db, world, complaint.id)
        assert row.escalation == Escalation.HQ
        to_hq = (await escalations(db, world, complaint.id))[-1]
        assert (to_hq.audience, to_hq.recipient_user_id) == (Audience.HQ, world.hq.user.id)

        frozen.advance(timedelta(days=10))
        assert await escalate(db, world) == {"escalated": 0}  # HQ is the top


async def test_escalation_is_logged_in_the_store_passport(db: Database, world: World) -> None:
    store = world.stores[1]
    with clock.frozen_clock(FILED) as frozen:
        complaint = await file_complaint(db, world.franchisees[1].actor, store, Severity.CRITICAL)
        frozen.advance(timedelta(hours=9))
        await escalate(db, world)
    async with tenant_session(db, system(world.tenant)) as session:
        summaries = list(
            await session.scalars(
                select(ContactLogEntry.summary).where(
                    ContactLogEntry.store_id == store.id,
                    ContactLogEntry.channel == ContactKind.COMPLAINT,
                    ContactLogEntry.source == f"complaint:{complaint.id}",
                )
            )
        )
    assert any("escalated to regional manager" in s for s in summaries)


async def test_resolved_complaint_never_escalates(db: Database, world: World) -> None:
    store = world.stores[0]
    merchandiser = world.merchandisers[0].actor
    with clock.frozen_clock(FILED) as frozen:
        complaint = await file_complaint(db, world.franchisees[0].actor, store, Severity.CRITICAL)
        frozen.advance(timedelta(hours=2))
        async with tenant_session(db, merchandiser) as session:
            await service.resolve_complaint(
                session, merchandiser, complaint.id, "Sent the cartons."
            )
            await session.commit()
        frozen.advance(timedelta(days=3))
        assert await escalate(db, world) == {"escalated": 0}
    assert (await complaint_row(db, world, complaint.id)).escalation == Escalation.NONE
    kinds = [n.kind for n in await notifications_of(db, world, store)]
    assert "complaint.escalated" not in kinds


async def test_one_tenants_scan_leaves_other_tenants_alone(db: Database, world: World) -> None:
    other = await make_world(db, stores_per_merchandiser=1)
    with clock.frozen_clock(FILED) as frozen:
        theirs = await file_complaint(
            db, other.franchisees[0].actor, other.stores[0], Severity.HIGH
        )
        frozen.advance(timedelta(days=2))
        await escalate(db, world)
    assert (await complaint_row(db, other, theirs.id)).escalation == Escalation.NONE
