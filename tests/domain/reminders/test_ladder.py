"""The reminder ladder on a controlled clock: reminder, then merchandiser, then regional manager."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.jobs.models import OutboxMessage
from domain.orders.models import Order, OrderStatus
from domain.passport.models import ContactKind, ContactLogEntry
from domain.reminders.jobs import SCAN_TENANT_JOB
from domain.reminders.models import ProposalReminder, Rung
from domain.reminders.service import scan
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.factories import World, system, unique
from tests.factories_service import (
    Mailbox,
    franchisee_email,
    make_order,
    quiet,
    run_jobs,
    set_service_policy,
)

SENT = datetime(2031, 3, 4, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


async def tick(db: Database, world: World, settings: Settings) -> None:
    """What the periodic scan does for this tenant: queue its scan job, then run the jobs."""
    async with db.session() as session:
        session.add(
            OutboxMessage(
                tenant_id=world.tenant.id, job=SCAN_TENANT_JOB, key=unique("scan-"), args={}
            )
        )
        await session.commit()
    await run_jobs(settings)


async def rungs_of(db: Database, world: World, order: Order) -> list[tuple[Rung, str | None]]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(ProposalReminder)
            .where(ProposalReminder.order_id == order.id)
            .order_by(ProposalReminder.id)
        )
        return [(r.rung, r.outcome) for r in rows]


async def contacts_of(db: Database, world: World, store_id: int) -> list[ContactLogEntry]:
    async with tenant_session(db, system(world.tenant)) as session:
        stmt = (
            select(ContactLogEntry)
            .where(ContactLogEntry.store_id == store_id)
            .order_by(ContactLogEntry.id)
        )
        return list(await session.scalars(stmt))


def emails(world: World, store_id: int) -> tuple[str, str, str]:
    """(franchisee, merchandiser, regional manager) addresses of a store."""
    store = next(s for s in world.stores if s.id == store_id)
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    manager = next(m for m in world.managers if m.actor.region_id == store.region_id)
    return franchisee_email(world, store), merchandiser.email, manager.email


async def test_ladder_fires_each_rung_at_its_hour_and_only_once(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[0]
    franchisee, merchandiser, manager = emails(world, store.id)
    with clock.frozen_clock(SENT) as frozen:
        order = await make_order(
            db, world, store, proposed_at=SENT, expires_at=SENT + timedelta(hours=120)
        )

        frozen.set(SENT + timedelta(hours=23))
        await tick(db, world, service_settings)
        assert await rungs_of(db, world, order) == []
        assert mailbox.to(franchisee) == []

        frozen.set(SENT + timedelta(hours=24, minutes=1))
        await tick(db, world, service_settings)
        [reminder] = mailbox.to(franchisee)
        assert reminder.subject == f"【{store.name}】提醒：配货单 {order.number} 尚未查看"
        assert "已等待 24 小时" in reminder.body
        await tick(db, world, service_settings)  # the next scan finds the rung done
        assert len(mailbox.to(franchisee)) == 1
        assert mailbox.to(merchandiser) == []

        frozen.set(SENT + timedelta(hours=47, minutes=59))
        await tick(db, world, service_settings)
        assert mailbox.to(merchandiser) == []

        frozen.set(SENT + timedelta(hours=48, minutes=1))
        await tick(db, world, service_settings)
        [escalation] = mailbox.to(merchandiser)
        assert "48 小时未确认" in escalation.subject
        assert mailbox.to(manager) == []

        frozen.set(SENT + timedelta(hours=72, minutes=1))
        await tick(db, world, service_settings)
        await tick(db, world, service_settings)
        [to_manager] = mailbox.to(manager)
        assert "升级至大区" in to_manager.subject

    assert [r for r, _ in await rungs_of(db, world, order)] == [
        Rung.REMINDER,
        Rung.MERCHANDISER,
        Rung.MANAGER,
    ]
    assert len(mailbox.to(franchisee)) == 1 and len(mailbox.to(merchandiser)) == 1
    kinds = [
        (c.channel, c.source.split(":")[0] if c.source else None)
        for c in await contacts_of(db, world, store.id)
    ]
    assert kinds == [
        (ContactKind.REMINDER, "notification"),
        (ContactKind.NOTE, "escalation"),
        (ContactKind.NOTE, "escalation"),
    ]


async def test_a_viewed_proposal_gets_the_unconfirmed_reminder(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[1]
    with clock.frozen_clock(SENT + timedelta(hours=25)):
        order = await make_order(db, world, store, status=OrderStatus.VIEWED, proposed_at=SENT)
        await tick(db, world, service_settings)
    [mail] = mailbox.to(franchisee_email(world, store))
    assert mail.subject == f"【{store.name}】提醒：配货单 {order.number} 尚未确认"


async def test_a_confirmed_order_is_not_chased(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[2]
    franchisee, merchandiser, _ = emails(world, store.id)
    with clock.frozen_clock(SENT + timedelta(hours=24, minutes=1)) as frozen:
        confirmed = await make_order(
            db, world, store, status=OrderStatus.CONFIRMED, proposed_at=SENT
        )
        pending = await make_order(db, world, store, proposed_at=SENT)
        await tick(db, world, service_settings)
        assert await rungs_of(db, world, confirmed) == []
        assert len(mailbox.to(franchisee)) == 1

        # Confirmed after the escalation was queued but before it fired: nobody is bothered.
        frozen.set(SENT + timedelta(hours=48, minutes=1))
        async with tenant_session(db, system(world.tenant)) as session:
            assert await scan(session) == {"queued": 1}
            await session.commit()
        async with tenant_session(db, system(world.tenant)) as session:
            row = await session.get(Order, pending.id)
            assert row is not None
            row.status = OrderStatus.CONFIRMED
            await session.commit()
        await run_jobs(service_settings)
    assert mailbox.to(merchandiser) == []
    assert (Rung.MERCHANDISER, "not sent: order is confirmed") in await rungs_of(db, world, pending)


async def test_a_reminder_due_at_night_reaches_the_franchisee_after_quiet_hours(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    await set_service_policy(db, world, reminder_after_hours=12)
    store = await quiet(db, world, world.stores[3], time(21, 0), time(9, 0))
    address = franchisee_email(world, store)
    with clock.frozen_clock(SENT + timedelta(hours=12, minutes=5)) as frozen:  # 22:05 in Shanghai
        await make_order(db, world, store, proposed_at=SENT)
        await tick(db, world, service_settings)
        assert mailbox.to(address) == []
        frozen.set(datetime(2031, 3, 5, 1, 0, 5, tzinfo=UTC))  # 09:00:05 in Shanghai
        await run_jobs(service_settings)
    assert len(mailbox.to(address)) == 1


async def test_rungs_after_the_cut_off_never_fire(
    db: Database, world: World, service_settings: Settings
) -> None:
    store = world.stores[4]
    with clock.frozen_clock(SENT + timedelta(hours=80)):
        order = await make_order(
            db, world, store, proposed_at=SENT, expires_at=SENT + timedelta(hours=60)
        )
        await tick(db, world, service_settings)
    assert [r for r, _ in await rungs_of(db, world, order)] == [Rung.REMINDER, Rung.MERCHANDISER]
