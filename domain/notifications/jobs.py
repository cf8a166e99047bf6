"""Notification jobs: thin handlers that call the notification services."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs import runner
from domain.jobs.registry import job
from domain.notifications import delivery, events
from domain.notifications.service import DELIVER_JOB, DIGEST_JOB
from domain.order_events import ORDER_EVENT, announce

# Tell the concepts that queue order events which of them somebody hears of.
announce(event for event, (_, audiences) in events.ROUTES.items() if audiences)


@job(ORDER_EVENT, queue="default")
async def order_event(
    session: AsyncSession, order_id: int, event: str, shipment_id: int | None = None
) -> dict[str, Any]:
    """Tell whoever an order event concerns (franchisee, merchandiser or HQ) through their channel."""
    return await events.notify_order_event(session, order_id, event, shipment_id)


# One attempt per job: a failed attempt schedules the next one through the outbox, so every
# attempt is in the delivery log and the backoff survives a worker restart.
@job(DELIVER_JOB, queue="high", timeout=120, retries=(10, 60))
async def deliver(session: AsyncSession, notification_id: int, attempt: int = 1) -> dict[str, Any]:
    """Make one delivery attempt of a notification."""
    return await delivery.deliver(session, runner.runtime().settings, notification_id, attempt)


@job(DIGEST_JOB, queue="default")
async def digest(session: AsyncSession, store_id: int, day: str) -> dict[str, Any]:
    """Send a store's digest of the notifications the daily cap held back."""
    return await delivery.send_digest(session, store_id, date.fromisoformat(day))
