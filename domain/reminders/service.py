"""The reminder ladder, per tenant policy (hours counted from when the proposal was sent):

- `reminder_after_hours`: a reminder to the franchisee (held past the store's quiet hours and
  counted against its daily cap, like every franchisee notification);
- `escalate_merchandiser_after_hours`: an escalation to the store's merchandiser;
- `escalate_manager_after_hours`: an escalation to the region's manager.

A periodic scan finds the rungs that are due and queues one keyed job per order and rung
(`reminder:<order>:<rung>`), recorded as a `ProposalReminder` row, so a rung fires exactly once.
Expiry at the warehouse cut-off is the orders concept's job; a rung due after expiry never fires.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.db.binding import session_actor, session_tenant
from domain.identity.models import Membership
from domain.jobs import outbox
from domain.notifications.events import order_facts
from domain.notifications.models import Audience
from domain.notifications.service import notify
from domain.orders.models import Order, OrderStatus
from domain.passport.history import log_contact
from domain.passport.models import ContactKind
from domain.reminders.models import ProposalReminder, Rung
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.policies import ServicePolicy

FIRE_JOB = "reminders.fire"
PENDING = (OrderStatus.PROPOSED, OrderStatus.VIEWED)


def ladder(policy: ServicePolicy) -> list[tuple[Rung, timedelta]]:
    """Each rung and how long after sending it comes."""
    return [
        (Rung.REMINDER, timedelta(hours=policy.reminder_after_hours)),
        (Rung.MERCHANDISER, timedelta(hours=policy.escalate_merchandiser_after_hours)),
        (Rung.MANAGER, timedelta(hours=policy.escalate_manager_after_hours)),
    ]


def _unfired(rung: Rung, after: timedelta, now: datetime) -> ColumnElement[bool]:
    """Pending orders whose `rung` has come (`after` since sending) and not fired yet."""
    fired = select(ProposalReminder.id).where(
        ProposalReminder.order_id == Order.id, ProposalReminder.rung == rung
    )
    return and_(Order.status.in_(PENDING), Order.proposed_at <= now - after, ~fired.exists())


async def _due(session: AsyncSession) -> ColumnElement[bool]:
    """Orders with a rung of the tenant's ladder due and not fired (the scan's candidates)."""
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    now = clock.now()
    return or_(*(_unfired(rung, after, now) for rung, after in ladder(tenant.policies.service)))


async def has_due(session: AsyncSession) -> bool:
    """Whether the session's tenant has a rung to fire (the periodic scan's probe)."""
    return await session.scalar(select(Order.id).where(await _due(session)).limit(1)) is not None


async def scan(session: AsyncSession) -> dict[str, int]:
    """Queue every rung that is due for the session's tenant and has not fired yet."""
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    rungs = ladder(tenant.policies.service)
    now = clock.now()
    orders = list(await session.scalars(select(Order).where(await _due(session))))
    if not orders:
        return {"queued": 0}
    done = await session.execute(
        select(ProposalReminder.order_id, ProposalReminder.rung).where(
            ProposalReminder.order_id.in_([o.id for o in orders])
        )
    )
    fired = {(order_id, rung) for order_id, rung in done}
    queued = 0
    for order in orders:
        assert order.proposed_at is not None
        for rung, after in rungs:
            due = order.proposed_at + after
            if due > now or (order.id, rung) in fired:
                continue
            if order.expires_at is not None and due >= order.expires_at:
                continue
            reminder = ProposalReminder(
                store_id=order.store_id, order_id=order.id, rung=rung, due_at=due
            )
            session.add(reminder)
            await session.flush()
            outbox.enqueue(
                session,
                FIRE_JOB,
                key=f"reminder:{order.id}:{rung.value}",
                args={"reminder_id": reminder.id},
            )
            queued += 1
    return {"queued": queued}


async def _merchandiser_name(session: AsyncSession, store: Store) -> str:
    if store.merchandiser_id is None:
        return ""
    name = await session.scalar(
        select(Membership.name).where(Membership.user_id == store.merchandiser_id)
    )
    return name or ""


async def fire(session: AsyncSession, reminder_id: int) -> dict[str, Any]:
    """Send one rung: the reminder or the escalation, unless the order has moved on."""
    reminder = await session.get(ProposalReminder, reminder_id)
    if reminder is None or reminder.fired_at is not None:
        return {"skipped": "already fired"}
    order = await session.get(Order, reminder.order_id)
    store = await session.get(Store, reminder.store_id)
    assert order is not None and store is not None and order.proposed_at is not None
    now = clock.now()
    reminder.fired_at = now
    if order.status not in PENDING:
        reminder.outcome = f"not sent: order is {order.status.value}"
        return {"skipped": reminder.outcome}
    facts = await order_facts(session, order, store, None)
    facts["hours"] = int((now - order.proposed_at).total_seconds() // 3600)
    facts["merchandiser"] = await _merchandiser_name(session, store)
    key = f"reminder:{order.id}:{reminder.rung.value}"
    if reminder.rung == Rung.REMINDER:
        kind = (
            "reminder.unviewed" if order.status == OrderStatus.PROPOSED else "reminder.unconfirmed"
        )
        # Logged in the passport when it actually reaches the franchisee.
        sent = await notify(
            session, store, Audience.FRANCHISEE, kind, facts, key, ContactKind.REMINDER
        )
        reminder.outcome = f"reminded the franchisee ({len(sent)})"
    else:
        audience = (
            Audience.MERCHANDISER
            if reminder.rung == Rung.MERCHANDISER
            else Audience.REGIONAL_MANAGER
        )
        sent = await notify(
            session, store, audience, f"escalation.{reminder.rung.value}", facts, key
        )
        reminder.outcome = f"escalated to the {audience.value.replace('_', ' ')} ({len(sent)})"
        summary = (
            f"Order {order.number} unconfirmed after {facts['hours']} h "
            f"({order.status.value}): escalated to the {audience.value.replace('_', ' ')}"
        )
        await log_contact(
            session,
            session_actor(session),
            store,
            ContactKind.NOTE,
            summary,
            source=f"escalation:{reminder.id}",
        )
    return {"reminder": reminder.id, "rung": reminder.rung.value, "notified": len(sent)}
