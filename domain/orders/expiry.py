"""Proposals still unanswered at the warehouse cut-off expire (`expires_at`, set when sent).

A periodic scan, fanned out per tenant, queues one keyed job per due order
(`order:<id>:expire`); the job expires the order unless it moved on meanwhile. The expiry
goes through the transition table like any move: stock released, merchandiser told.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.db.binding import session_actor
from domain.jobs import outbox
from domain.orders.models import Order
from domain.orders.states import PENDING, Action
from domain.orders.transitions import lock, transition

EXPIRE_JOB = "orders.expire"


def _past_cutoff() -> ColumnElement[bool]:
    """Proposals still waiting at their cut-off."""
    return and_(
        Order.status.in_(PENDING), Order.expires_at.is_not(None), Order.expires_at <= clock.now()
    )


async def has_due(session: AsyncSession) -> bool:
    """Whether the session's tenant has a proposal to expire (the periodic scan's probe)."""
    return await session.scalar(select(Order.id).where(_past_cutoff()).limit(1)) is not None


async def scan(session: AsyncSession) -> dict[str, int]:
    """Queue the expiry of every proposal of the session's tenant past its cut-off."""
    due = await session.scalars(select(Order.id).where(_past_cutoff()))
    queued = 0
    for order_id in due:
        queued += await outbox.enqueue_once(
            session, EXPIRE_JOB, f"order:{order_id}:expire", {"order_id": order_id}
        )
    return {"queued": queued}


async def expire(session: AsyncSession, order_id: int) -> dict[str, Any]:
    """Expire one proposal if it is still waiting and past its cut-off (the system's move)."""
    order = await lock(session, order_id)
    if order is None:
        return {"skipped": "no such order"}
    if order.status not in PENDING:
        return {"skipped": f"order is {order.status.value}"}
    if order.expires_at is None or order.expires_at > clock.now():
        return {"skipped": "not due"}
    cutoff = order.expires_at
    await transition(
        session,
        session_actor(session),
        order,
        Action.EXPIRE,
        reason=f"unconfirmed at the warehouse cut-off ({cutoff.isoformat(timespec='minutes')})",
    )
    return {"expired": order.number}
