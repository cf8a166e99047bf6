"""Order events to notifications: which event tells whom, with which template and facts."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.models import Audience
from domain.notifications.service import notify, tenant_of
from domain.notifications.timing import local_text
from domain.orders.models import Order, OrderApproval, OrderStatus, OrderTransition
from domain.shipments.models import Shipment, ShipmentStatus
from domain.stores.models import Store
from domain.tenancy.local_time import zone_of

log = logging.getLogger(__name__)

F, M, HQ = Audience.FRANCHISEE, Audience.MERCHANDISER, Audience.HQ

# event -> (template kind, who is told). The franchisee hears of proposals, shipping, delivery
# and surveys; the merchandiser of the franchisee's answers, expiry and HQ's decisions; HQ of
# approval requests. `viewed` and `picking` tell nobody: the funnel and the worklist show them.
ROUTES: dict[str, tuple[str, tuple[Audience, ...]]] = {
    "proposed": ("order.proposed", (F,)),
    "viewed": ("", ()),
    "confirmed": ("order.confirmed", (M,)),
    "rejected": ("order.rejected", (M,)),
    "expired": ("order.expired", (M,)),
    "cancelled": ("order.cancelled", (F,)),
    "picking": ("", ()),
    "shipped": ("order.shipped", (F,)),
    "delivered": ("order.delivered", (F,)),
    "shipment_in_transit": ("shipment.in_transit", (F,)),
    "shipment_out_for_delivery": ("shipment.out_for_delivery", (F,)),
    "shipment_delivered": ("shipment.delivered", (F,)),
    "shipment_exception": ("shipment.exception", (F, M)),
    "survey_requested": ("survey.requested", (F,)),
    "approval_requested": ("approval.requested", (HQ,)),
    "approval_decided": ("approval.decided", (M,)),
}
ORDER_EVENTS = frozenset(ROUTES)


_APPROVAL_EVENTS = frozenset({"approval_requested", "approval_decided"})
_DECISIONS = {
    "zh-CN": {"approved": "已批准", "refused": "未批准", "withdrawn": "已撤回"},
    "en": {"approved": "approved", "refused": "refused", "withdrawn": "withdrawn"},
}


def _approval_text(approval: OrderApproval, event: str, locale: str) -> str:
    """What an approval notification says: the justification, or the decision and why."""
    if event == "approval_requested":
        return approval.justification or ""
    words = _DECISIONS.get(locale, _DECISIONS["en"])
    decision = words.get(approval.status.value, approval.status.value)
    return f"{decision}. {approval.decision_reason}" if approval.decision_reason else decision


def money(amount: Decimal, currency: str) -> str:
    """An amount as a franchisee reads it."""
    return f"¥{amount:,.2f}" if currency == "CNY" else f"{currency} {amount:,.2f}"


async def _last_reason(session: AsyncSession, order: Order) -> str:
    reason = await session.scalar(
        select(OrderTransition.reason)
        .where(OrderTransition.order_id == order.id)
        .order_by(OrderTransition.at.desc(), OrderTransition.id.desc())
        .limit(1)
    )
    return reason or order.close_reason or ""


async def _shipment(
    session: AsyncSession, order: Order, shipment_id: int | None
) -> Shipment | None:
    """The shipment an event is about: the one named, else the order's (one per order)."""
    if shipment_id is not None:
        return await session.get(Shipment, shipment_id)
    if order.status not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        return None
    return await session.scalar(select(Shipment).where(Shipment.order_id == order.id))


async def order_facts(
    session: AsyncSession, order: Order, store: Store, shipment_id: int | None
) -> dict[str, Any]:
    """The placeholders an order template may use, in the store's currency and time zone."""
    tenant = await tenant_of(session, store)
    zone = zone_of(store, tenant)
    shipment = await _shipment(session, order, shipment_id)
    eta = shipment.estimated_delivery if shipment else None
    return {
        "order": order.number,
        "units": order.total_units,
        "total": money(order.total_cost, tenant.currency),
        "budget": money(order.budget, tenant.currency),
        "expires": local_text(order.expires_at, zone),
        "status": order.status.value,
        "reason": shipment.exception_reason
        if shipment and shipment.status == ShipmentStatus.EXCEPTION
        else await _last_reason(session, order),
        "tracking": f"{shipment.carrier.upper()} {shipment.tracking_number}" if shipment else "",
        "eta": eta.isoformat() if eta else "",
    }


async def notify_order_event(
    session: AsyncSession, order_id: int, event: str, shipment_id: int | None = None
) -> dict[str, Any]:
    """Tell the people an order event concerns, once per event, order, shipment and person."""
    route = ROUTES.get(event)
    if route is None:
        log.warning("unknown order event %r for order %s: nobody told", event, order_id)
        return {"ignored": event}
    kind, audiences = route
    order = await session.get(Order, order_id)
    if order is None or not audiences:
        return {"order_id": order_id, "event": event, "notified": 0}
    store = await session.get(Store, order.store_id)
    assert store is not None
    if event == "cancelled" and order.proposed_at is None:
        return {"order_id": order_id, "event": event, "notified": 0}  # the franchisee never saw it
    facts = await order_facts(session, order, store, shipment_id)
    key = f"order:{order.id}:{event}:{shipment_id or 0}"
    if event in _APPROVAL_EVENTS:
        approval = await session.scalar(
            select(OrderApproval)
            .where(OrderApproval.order_id == order.id)
            .order_by(OrderApproval.id.desc())
            .limit(1)
        )
        if approval is not None:
            # One notification per request and step: an order may go to HQ more than once.
            key += f":approval:{approval.id}"
            facts["reason"] = _approval_text(
                approval, event, (await tenant_of(session, store)).locale
            )
    sent = []
    for audience in audiences:
        sent += await notify(session, store, audience, kind, facts, f"{key}:{audience.value}")
    return {"order_id": order_id, "event": event, "notified": len(sent)}
