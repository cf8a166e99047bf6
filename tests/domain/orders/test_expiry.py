"""Proposals unanswered at the warehouse cut-off expire, once, on a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.jobs.models import OutboxMessage
from domain.orders.jobs import SCAN_TENANT_JOB
from domain.orders.models import Order, OrderStatus, OrderTransition
from domain.orders.states import Action
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import act, cast, order_in, stock
from tests.factories import World, system, unique
from tests.factories_service import Mailbox, run_jobs, set_service_policy

SENT = datetime(2031, 5, 6, 1, 0, tzinfo=UTC)
S = OrderStatus


async def tick(db: Database, world: World, settings: Settings) -> None:
    """What the periodic scan does for this tenant: queue its scan job, then run the jobs."""
    async with db.session() as session:
        session.add(
            OutboxMessage(
                tenant_id=world.tenant.id, job=SCAN_TENANT_JOB, key=unique("expiry-"), args={}
            )
        )
        await session.commit()
    await run_jobs(settings)


async def _status(db: Database, world: World, order: Order) -> OrderStatus:
    async with tenant_session(db, system(world.tenant)) as session:
        again = await session.get(Order, order.id)
        assert again is not None
        return again.status


async def test_an_unconfirmed_proposal_expires_at_the_cutoff_and_only_once(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    await set_service_policy(db, world, warehouse_cutoff_hours=48)
    store = world.stores[0]
    people = cast(world, store)
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    a, b = world.skus[:2]
    with clock.frozen_clock(SENT) as frozen:
        waiting = await order_in(db, world, store, S.VIEWED, [(a, 3), (b, 2)])
        confirmed = await order_in(db, world, store, S.CONFIRMED, [(a, 4)])
        assert waiting.expires_at == SENT + timedelta(hours=48)

        frozen.set(SENT + timedelta(hours=47, minutes=59))
        await tick(db, world, service_settings)
        assert await _status(db, world, waiting) == S.VIEWED

        frozen.set(SENT + timedelta(hours=48, minutes=1))
        await tick(db, world, service_settings)
        await tick(db, world, service_settings)

    assert await _status(db, world, waiting) == S.EXPIRED
    assert await _status(db, world, confirmed) == S.CONFIRMED
    async with tenant_session(db, system(world.tenant)) as session:
        [expiry] = await session.scalars(
            select(OrderTransition).where(
                OrderTransition.order_id == waiting.id, OrderTransition.action == "expire"
            )
        )
    assert (expiry.from_status, expiry.actor) == (S.VIEWED, "job:orders.expire")
    assert expiry.reason == "unconfirmed at the warehouse cut-off (2031-05-08T01:00+00:00)"
    mails = [m for m in mailbox.to(merchandiser.email) if waiting.number in m.subject]
    assert len(mails) == 1
    # The expired proposal held nothing; the confirmed order keeps what it holds.
    assert await stock(db, world, a) == (100, 4)
    assert await stock(db, world, b) == (100, 0)
    with pytest.raises(DomainError) as late:
        await act(db, people.franchisee, waiting, Action.CONFIRM)
    assert late.value.code == ErrorCode.INVALID_TRANSITION
    assert late.value.message == f"order {waiting.number} is expired: it cannot be confirmed"


async def test_a_proposal_answered_before_its_expiry_job_runs_is_left_alone(
    db: Database, world: World, service_settings: Settings
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    with clock.frozen_clock(SENT) as frozen:
        order = await order_in(db, world, store, S.PROPOSED)
        frozen.set(SENT + timedelta(hours=121))
        async with db.session() as session:  # the scan queued it, the worker is late
            session.add(
                OutboxMessage(
                    tenant_id=world.tenant.id,
                    job="orders.expire",
                    key=f"order:{order.id}:expire",
                    args={"order_id": order.id},
                )
            )
            await session.commit()
        await act(db, people.hq, order, Action.CONFIRM)
        await run_jobs(service_settings)
    assert await _status(db, world, order) == S.CONFIRMED
