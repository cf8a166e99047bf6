"""A store's thread: read state per participant, the other side notified, escalation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.messages import service
from domain.messages.models import Message, ThreadLevel
from domain.notifications.models import Audience, NotificationStatus
from domain.passport.models import ContactKind, ContactLogEntry
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.factories import Member, World, system
from tests.factories_service import (
    Mailbox,
    franchisee_email,
    notifications_of,
    run_jobs,
    set_service_policy,
)


def people(world: World, index: int) -> tuple[Member, Member, Member]:
    """(franchisee, merchandiser, regional manager) of store `index`."""
    store = world.stores[index]
    franchisee = next(f for f in world.franchisees if f.user.id == store.franchisee_id)
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    manager = next(m for m in world.managers if m.actor.region_id == store.region_id)
    return franchisee, merchandiser, manager


async def send(db: Database, member: Member, store_id: int, body: str) -> Message:
    async with tenant_session(db, member.actor) as session:
        message = await service.send_message(session, member.actor, store_id, body)
        await session.commit()
        return message


async def unread(db: Database, member: Member) -> int:
    async with tenant_session(db, member.actor) as session:
        return await service.total_unread(session, member.actor)


async def test_messages_notify_the_other_side_and_track_read_state(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[0]
    franchisee, merchandiser, _ = people(world, 0)
    await send(db, franchisee, store.id, "第二批毛衣什么时候到？")
    await run_jobs(service_settings)
    [mail] = mailbox.to(merchandiser.email)
    assert "新消息" in mail.subject and "第二批毛衣什么时候到？" in mail.body
    assert (await unread(db, merchandiser), await unread(db, franchisee)) == (1, 0)

    reply = await send(db, merchandiser, store.id, "周四发货。")
    await send(db, merchandiser, store.id, "单号稍后发您。")
    await run_jobs(service_settings)
    assert len(mailbox.to(franchisee_email(world, store))) == 2
    assert (await unread(db, merchandiser), await unread(db, franchisee)) == (0, 2)

    async with tenant_session(db, franchisee.actor) as session:
        await service.mark_read(session, franchisee.actor, store.id, reply.id)
        await session.commit()
        thread = await service.thread_of(session, world.stores[0])
        assert thread is not None
        assert await service.unread_counts(session, franchisee.user.id, [thread.id]) == {
            thread.id: 1
        }
        await service.mark_read(session, franchisee.actor, store.id)
        await session.commit()
    assert await unread(db, franchisee) == 0

    async with tenant_session(db, system(world.tenant)) as session:
        entries = list(
            await session.scalars(
                select(ContactLogEntry)
                .where(ContactLogEntry.store_id == store.id)
                .order_by(ContactLogEntry.id)
            )
        )
    assert [e.channel for e in entries] == [ContactKind.MESSAGE] * 3
    assert entries[0].user_id == franchisee.user.id and entries[0].summary.startswith(
        "franchisee: 第二批"
    )


async def test_messages_to_the_franchisee_respect_the_daily_cap(
    db: Database, world: World, service_settings: Settings
) -> None:
    await set_service_policy(db, world, notifications_per_day=1)
    store = world.stores[1]
    _, merchandiser, _ = people(world, 1)
    with clock.frozen_clock(datetime(2031, 5, 6, 3, 0, tzinfo=UTC)):
        await send(db, merchandiser, store.id, "one")
        await send(db, merchandiser, store.id, "two")
    notes = await notifications_of(db, world, store)
    assert [n.status for n in notes] == [NotificationStatus.SCHEDULED, NotificationStatus.DEFERRED]


async def test_only_the_stores_people_may_write(db: Database, world: World) -> None:
    store = world.stores[0]
    other_franchisee, _, _ = people(world, 1)
    _, other_merchandiser, _ = people(world, 2)
    for member in (other_franchisee, other_merchandiser):
        with pytest.raises(DomainError) as refused:
            await send(db, member, store.id, "hello")
        assert refused.value.code in {ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN}
    franchisee, _, _ = people(world, 0)
    with pytest.raises(DomainError) as empty:
        await send(db, franchisee, store.id, "   ")
    assert (empty.value.code, empty.value.errors[0].field) == (ErrorCode.REQUIRED, "body")


async def test_escalation_brings_the_regional_manager_into_the_thread(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[2]
    franchisee, merchandiser, manager = people(world, 2)
    await send(db, franchisee, store.id, "货又少了三件。")
    assert await unread(db, manager) == 0  # not in the thread yet
    async with tenant_session(db, franchisee.actor) as session:
        thread = await service.escalate_thread(session, franchisee.actor, store.id)
        await session.commit()
    assert thread.level == ThreadLevel.REGION
    await send(db, franchisee, store.id, "请大区经理看一下。")
    await run_jobs(service_settings)
    assert len(mailbox.to(manager.email)) == 2  # the escalation, then the new message
    assert len(mailbox.to(merchandiser.email)) == 2
    assert await unread(db, manager) == 2
    notes = await notifications_of(db, world, store)
    assert {n.audience for n in notes} == {Audience.MERCHANDISER, Audience.REGIONAL_MANAGER}


async def test_a_manager_who_writes_joins_the_thread(db: Database, world: World) -> None:
    store = world.stores[3]
    franchisee, _, manager = people(world, 3)
    await send(db, franchisee, store.id, "hello")
    await send(db, manager, store.id, "I am looking into it.")
    async with tenant_session(db, manager.actor) as session:
        thread = await service.thread_of(session, world.stores[3])
        assert thread is not None and thread.level == ThreadLevel.REGION
        threads = list(await session.scalars(service.inbox_statement(manager.actor)))
        assert [t.store_id for t in threads] == [store.id]
