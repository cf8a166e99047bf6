"""What the newest tracking event does: move the shipment, tell the store, deliver the order."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain import order_events
from domain.db.binding import session_actor
from domain.orders.models import Order, OrderStatus
from domain.orders.states import Action
from domain.orders.transitions import transition
from domain.shipments.models import Shipment, ShipmentStatus, TrackingEvent

# Which entries into a status tell the store (domain.notifications.events routes them).
TOLD = {
    ShipmentStatus.IN_TRANSIT: "shipment_in_transit",
    ShipmentStatus.OUT_FOR_DELIVERY: "shipment_out_for_delivery",
    ShipmentStatus.DELIVERED: "shipment_delivered",
    ShipmentStatus.EXCEPTION: "shipment_exception",
}
DEFAULT_EXCEPTION = "the carrier reported a problem"


async def advance(session: AsyncSession, shipment: Shipment, event: TrackingEvent) -> None:
    """Put the shipment where its newest event says; side effects when the status changes."""
    before = shipment.status
    shipment.status = event.status
    shipment.last_event_at = event.occurred_at
    if event.estimated_delivery is not None:
        shipment.estimated_delivery = event.estimated_delivery
    if event.status == ShipmentStatus.EXCEPTION:
        shipment.exception_reason = event.description or DEFAULT_EXCEPTION
    else:
        shipment.exception_reason = None
    if event.status == ShipmentStatus.DELIVERED:
        shipment.delivered_at = event.occurred_at
        shipment.signed_by = event.signed_by
        shipment.signed_at = event.signed_at or event.occurred_at
        shipment.photo_ref = event.photo_ref
        await _deliver_order(session, shipment)
    if event.status != before and event.status in TOLD:
        order_events.emit(
            session,
            TOLD[event.status],
            key=f"shipment:{shipment.id}:{event.status.value}:{event.id}",
            order_id=shipment.order_id,
            shipment_id=shipment.id,
        )


async def _deliver_order(session: AsyncSession, shipment: Shipment) -> None:
    """The order is delivered with its shipment (through the order state machine)."""
    order = await session.get(Order, shipment.order_id)
    assert order is not None  # the shipment's order is in the same tenant and store
    if order.status == OrderStatus.SHIPPED:
        reason = f"delivered by {shipment.carrier} {shipment.tracking_number}"
        await transition(session, session_actor(session), order, Action.DELIVER, reason)
