"""The order event: something happened to an order (or its shipment) that someone may need to hear.

Orders and shipments queue it through the outbox under `ORDER_EVENT` with the arguments
`order_id`, `event` and `shipment_id`; notifications handles it (`domain.notifications.jobs`)
and registers, when the job catalogue loads, which events tell somebody (`announce`), so the
concepts that queue it need not know who listens.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs import outbox
from domain.jobs.registry import load_jobs

#: The job that tells whoever an order event concerns.
ORDER_EVENT = "notifications.order_event"

_HEARD: set[str] = set()


def announce(events: Iterable[str]) -> None:
    """Register order events somebody hears of (done by the handler's module at import time)."""
    _HEARD.update(events)


def heard(event: str) -> bool:
    """Whether some handler tells somebody of this event (the job catalogue is loaded first)."""
    load_jobs()
    return event in _HEARD


def emit(
    session: AsyncSession, event: str, *, key: str, order_id: int, shipment_id: int | None = None
) -> bool:
    """Queue the order event through the outbox if somebody hears of it; whether it was queued."""
    if not heard(event):
        return False
    outbox.enqueue(
        session,
        ORDER_EVENT,
        key=key,
        args={"order_id": order_id, "event": event, "shipment_id": shipment_id},
    )
    return True
