"""The one function that moves an order from one status to another.

`transition` asks the move's rule (`domain.orders.rules`: the table in
`domain.orders.states.TRANSITIONS`, the permission on the order's store, the move's roles, and
for a send the units and HQ approval) whether the actor may make it, runs the move's
effect on stock, and writes — in the caller's transaction — the new status and its times, the
`OrderTransition` row, an audit entry, and the outbox rows: the notification of the event and
every follow-up job registered for the action. Nothing reaches Redis before the commit. On
PostgreSQL a confirmation reserves the stock after writing the rest (in a savepoint), so that
the stock rows all stores share stay locked for as few round trips as can be.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from domain import clock, order_events
from domain.audit.recorder import record
from domain.errors import DomainError, ErrorCode, Invalid, NotFound
from domain.jobs import outbox
from domain.jobs.registry import load_jobs
from domain.orders import approvals, reservations, rules
from domain.orders.models import Order, OrderStatus, OrderTransition
from domain.orders.rules import OrderAction
from domain.orders.states import FOLLOW_UPS, Action, Move, move
from domain.permissions import Actor
from domain.tenancy.models import Tenant
from domain.text import free_text_problem

MAX_REASON = 2000


async def lock(session: AsyncSession, order_id: int) -> Order | None:
    """Read an order with its lines and hold its row until the transaction ends.

    On PostgreSQL the row is locked (FOR UPDATE), so two people acting on one order at once
    are served one after the other, the second seeing what the first did.
    """
    stmt = (
        select(Order)
        .where(Order.id == order_id)
        .options(selectinload(Order.lines))
        .with_for_update(of=Order)
        .execution_options(populate_existing=True)
    )
    return await session.scalar(stmt)


async def transition(
    session: AsyncSession,
    actor: Actor,
    order: Order,
    action: Action,
    reason: str | None = None,
) -> OrderTransition:
    """Apply `action` to `order`, or raise and change nothing.

    INVALID_TRANSITION when the table has no such move from the current status, FORBIDDEN
    when the actor may not make it, REQUIRED when the move needs a reason and none is given;
    a confirmation short of stock raises INSUFFICIENT_STOCK naming the SKUs.
    """
    # The follow-ups' job modules, imported before any lock is taken: a first import (half a
    # second) under the order's and the stock rows' locks held every other confirmation up.
    load_jobs()
    locked = await lock(session, order.id)
    if locked is None:
        raise NotFound("order")
    order = locked
    step, text = await _check(session, actor, order, action, reason)
    if action != Action.CONFIRM or session.get_bind().dialect.name != "postgresql":
        await _effect(session, actor, order, action)
        return await _write(session, actor, order, action, step, text)
    # A confirmation takes HQ's stock last: every other store's confirmation of the same SKUs
    # waits for those rows until this one commits, so the move's own rows are written before
    # and only the reservation's (two statements and their rows) after. In a savepoint, so
    # that a shortage still changes nothing. PostgreSQL only: SQLite locks no rows, and its
    # driver would commit at the savepoint's release when nothing was written before it.
    async with session.begin_nested():
        row = await _write(session, actor, order, action, step, text)
        await _effect(session, actor, order, action)
    return row


async def _write(
    session: AsyncSession,
    actor: Actor,
    order: Order,
    action: Action,
    step: Move,
    text: str | None,
) -> OrderTransition:
    """The move's rows: the order's new status and times, the transition, its audit entry and
    its outbox rows (the notification and the follow-up jobs)."""
    before = order.status
    _stamp(order, actor, step.to, text)
    if action == Action.SEND:
        await _start_clock(session, order)
    row = OrderTransition(
        store_id=order.store_id,
        order_id=order.id,
        from_status=before,
        to_status=step.to,
        action=action.value,
        actor_user_id=actor.user_id,
        actor=actor.label or actor.role.value,
        reason=text,
        at=clock.now(),
    )
    session.add(row)
    await flush(session, order)
    await record(
        session,
        f"order.{action.value}",
        "orders",
        order.id,
        before={"status": before.value},
        after={"status": step.to.value, "reason": text, "transition_id": row.id},
    )
    _enqueue(session, order, action, step.to, row)
    return row


async def _check(
    session: AsyncSession, actor: Actor, order: Order, action: Action, reason: str | None
) -> tuple[Move, str | None]:
    """The move and its cleaned reason, once the rules (domain.orders.rules) allow it."""
    await rules.check(session, actor, order, OrderAction(action.value))
    step = move(order.status, action)
    assert step is not None  # the rule refuses a move the table does not have
    text = (reason or "").strip() or None
    if step.reason_required and text is None:
        raise Invalid(
            "reason", f"a reason is required to {action.value} an order", ErrorCode.REQUIRED
        )
    if text is not None and len(text) > MAX_REASON:
        raise Invalid("reason", f"at most {MAX_REASON} characters")
    if text is not None and (problem := free_text_problem(text)):
        raise Invalid("reason", f"the reason {problem}")
    return step, text


async def flush(session: AsyncSession, order: Order) -> None:
    """Write the order's changes; CONFLICT if someone changed it meanwhile (its version moved).

    PostgreSQL's row lock (`lock`) serves concurrent writers one after the other; SQLite has no
    row locks, and there the version check is what refuses the second writer.
    """
    try:
        await session.flush()
    except StaleDataError:
        raise DomainError(
            ErrorCode.CONFLICT, f"order {order.number} was changed meanwhile: reload it and retry"
        ) from None


async def _effect(session: AsyncSession, actor: Actor, order: Order, action: Action) -> None:
    """What a move does to HQ stock (before anything else is written, so a refusal is clean;
    a confirmation's last, in a savepoint)."""
    if action == Action.CONFIRM:
        await reservations.reserve(session, order)
    elif action in (Action.CANCEL, Action.EXPIRE):
        await reservations.release(session, order)
        await approvals.withdraw(session, actor, order, f"order {action.value}")
    elif action == Action.SHIP:
        # Whatever a shipment has not consumed line by line leaves now (release a shortfall first).
        await reservations.consume(session, order)


def _stamp(order: Order, actor: Actor, to: OrderStatus, reason: str | None) -> None:
    now = clock.now()
    order.status = to
    if to == OrderStatus.PROPOSED:
        order.proposed_at = now
        for line in order.lines:
            line.proposed_qty = line.qty
    elif to == OrderStatus.VIEWED:
        order.viewed_at = now
    elif to == OrderStatus.CONFIRMED:
        order.confirmed_at = now
        order.confirmed_by_id = actor.user_id
    elif to == OrderStatus.SHIPPED:
        order.shipped_at = now
    elif to == OrderStatus.DELIVERED:
        order.delivered_at = now
        order.closed_at = now
    elif to in (OrderStatus.REJECTED, OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        order.closed_at = now
        order.close_reason = reason


async def _start_clock(session: AsyncSession, order: Order) -> None:
    """A sent proposal expires at the warehouse cut-off, counted from now."""
    tenant = await session.scalar(select(Tenant).where(Tenant.id == order.tenant_id))
    assert tenant is not None
    hours = tenant.policies.service.warehouse_cutoff_hours
    order.expires_at = clock.now() + timedelta(hours=hours)


def _enqueue(
    session: AsyncSession, order: Order, action: Action, to: OrderStatus, row: OrderTransition
) -> None:
    event = to.value
    order_events.emit(session, event, key=f"order:{order.id}:event:{event}", order_id=order.id)
    for job in FOLLOW_UPS[action]:
        outbox.enqueue(
            session,
            job,
            key=f"order:{order.id}:{action.value}:{job}",
            args={"order_id": order.id, "transition_id": row.id},
        )
