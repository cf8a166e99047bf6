"""The daily cap (in the store's day) with its next-morning digest, and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.jobs.models import OutboxMessage
from domain.notifications.models import Audience, DeliveryOutcome, NotificationStatus
from domain.orders.models import OrderStatus
from domain.settings import Settings
from tests.domain.notifications.test_delivery import order_event
from tests.factories import World
from tests.factories_service import (
    Mailbox,
    deliveries_of,
    franchisee_email,
    make_order,
    notifications_of,
    quiet,
    run_jobs,
    set_service_policy,
)

# 10:00 in Shanghai on a day in the future (tokens are not involved in these tests).
MORNING = datetime(2031, 3, 4, 2, 0, tzinfo=UTC)


async def test_over_the_cap_goes_in_the_next_mornings_digest(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    await set_service_policy(db, world, notifications_per_day=2)
    store = world.stores[0]
    address = franchisee_email(world, store)
    with clock.frozen_clock(MORNING) as frozen:
        orders = [await make_order(db, world, store) for _ in range(4)]
        for order in orders:
            await order_event(db, world, order, "proposed")
            frozen.advance(timedelta(minutes=10))
        await run_jobs(service_settings)
        assert len(mailbox.to(address)) == 2

        notes = await notifications_of(db, world, store)
        assert [n.status for n in notes] == [NotificationStatus.SENT] * 2 + [
            NotificationStatus.DEFERRED
        ] * 2
        deferred_logs = [
            d
            for d in await deliveries_of(db, world, store)
            if d.outcome == DeliveryOutcome.DEFERRED
        ]
        assert len(deferred_logs) == 2
        assert "over the daily cap of 2 for 2031-03-04" in (deferred_logs[0].error or "")
        async with db.session() as session:
            digest_job = await session.scalar(
                select(OutboxMessage).where(OutboxMessage.key == f"digest:{store.id}:2031-03-05")
            )
        assert digest_job is not None
        assert digest_job.not_before == datetime(2031, 3, 5, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai

        frozen.set(datetime(2031, 3, 5, 1, 0, 30, tzinfo=UTC))
        await run_jobs(service_settings)

    mails = mailbox.to(address)
    assert len(mails) == 3
    digest = mails[-1]
    assert digest.subject == f"【{store.name}】今日汇总：2 条通知"
    assert orders[2].number in digest.body and orders[3].number in digest.body
    notes = await notifications_of(db, world, store)
    assert [n.status for n in notes[:4]] == [NotificationStatus.SENT] * 2 + [
        NotificationStatus.DIGESTED
    ] * 2
    assert notes[4].kind == "digest" and notes[4].counted_on == datetime(2031, 3, 5).date()


async def test_staff_notifications_are_not_capped(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    await set_service_policy(db, world, notifications_per_day=1)
    store = world.stores[1]
    with clock.frozen_clock(MORNING):
        for _ in range(3):
            order = await make_order(db, world, store, status=OrderStatus.CONFIRMED)
            await order_event(db, world, order, "confirmed")
        await run_jobs(service_settings)
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    assert len(mailbox.to(merchandiser.email)) == 3
    notes = await notifications_of(db, world, store)
    assert all(
        n.audience == Audience.MERCHANDISER and n.urgent and n.counted_on is None for n in notes
    )


async def test_the_cap_counts_the_stores_own_day(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    await set_service_policy(db, world, notifications_per_day=1)
    store = world.stores[2]
    # 23:50 and 00:10 in Shanghai: the same UTC day, two store days.
    with clock.frozen_clock(datetime(2031, 3, 4, 15, 50, tzinfo=UTC)) as frozen:
        first = await make_order(db, world, store)
        await order_event(db, world, first, "proposed")
        await run_jobs(service_settings)
        frozen.set(datetime(2031, 3, 4, 16, 10, tzinfo=UTC))
        second = await make_order(db, world, store)
        await order_event(db, world, second, "proposed")
        await run_jobs(service_settings)
    notes = await notifications_of(db, world, store)
    assert [(n.status, n.counted_on.isoformat() if n.counted_on else None) for n in notes] == [
        (NotificationStatus.SENT, "2031-03-04"),
        (NotificationStatus.SENT, "2031-03-05"),
    ]
    assert len(mailbox.to(franchisee_email(world, store))) == 2


async def test_a_notification_due_in_quiet_hours_waits_for_their_end(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = await quiet(db, world, world.stores[3], time(22, 0), time(8, 0), "Asia/Shanghai")
    address = franchisee_email(world, store)
    late_evening = datetime(2031, 3, 4, 15, 0, tzinfo=UTC)  # 23:00 in Shanghai
    morning = datetime(2031, 3, 5, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
    with clock.frozen_clock(late_evening) as frozen:
        order = await make_order(db, world, store)
        await order_event(db, world, order, "proposed")
        await run_jobs(service_settings)
        assert mailbox.to(address) == []
        [note] = await notifications_of(db, world, store)
        assert note.status == NotificationStatus.SCHEDULED and note.send_after == morning
        assert note.counted_on is not None and note.counted_on.isoformat() == "2031-03-05"
        [delayed] = await deliveries_of(db, world, store)
        assert delayed.outcome == DeliveryOutcome.DELAYED and "2031-03-05 08:00" in (
            delayed.error or ""
        )

        frozen.set(morning - timedelta(minutes=1))
        await run_jobs(service_settings)
        assert mailbox.to(address) == []
        frozen.set(morning + timedelta(seconds=1))
        await run_jobs(service_settings)
    assert len(mailbox.to(address)) == 1


async def test_quiet_hours_follow_the_stores_time_zone_and_do_not_hold_staff(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    # Quiet 12:00-14:00 in Urumqi (UTC+6): 06:30 UTC is 12:30 there, but 14:30 in Shanghai.
    store = await quiet(db, world, world.stores[4], time(12, 0), time(14, 0), "Asia/Urumqi")
    with clock.frozen_clock(datetime(2031, 3, 4, 6, 30, tzinfo=UTC)):
        order = await make_order(db, world, store, status=OrderStatus.DELIVERED)
        await order_event(db, world, order, "delivered")
        await order_event(db, world, order, "shipment_exception")
        await run_jobs(service_settings)
    notes = {(n.kind, n.audience): n for n in await notifications_of(db, world, store)}
    assert notes[("order.delivered", Audience.FRANCHISEE)].send_after == datetime(
        2031, 3, 4, 8, 0, tzinfo=UTC
    )
    assert notes[("shipment.exception", Audience.MERCHANDISER)].status == NotificationStatus.SENT
    assert notes[("shipment.exception", Audience.FRANCHISEE)].status == NotificationStatus.SCHEDULED
