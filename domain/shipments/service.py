"""From confirmed order to goods on the road: the pick list, picking, the shipment, staff events.

Every order status change goes through the order state machine (domain.orders.transitions):
starting to pick moves the order to picking, shipping moves it to shipped (which consumes its
stock reservation), and the delivered event moves it to delivered (domain.shipments.progress).
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.access.stores import store_condition
from domain.audit.recorder import record
from domain.errors import Collector, DomainError, ErrorCode, Invalid, NotFound
from domain.orders.models import Order, OrderLine, OrderStatus, StockReservation
from domain.orders.states import Action
from domain.orders.transitions import transition
from domain.permissions import Actor, Permission, authorize
from domain.shipments.carriers import carrier
from domain.shipments.models import (
    EventSource,
    PickList,
    PickListLine,
    PickListStatus,
    Shipment,
    ShipmentStatus,
)
from domain.shipments.tracking import EventReport, Receipt, record_event
from domain.stores.models import Store
from domain.tenancy.local_time import local_day, store_zone

TRACKING_NUMBER = re.compile(r"^[A-Za-z0-9-]{6,40}$")
MAX_PARCELS = 500
MAX_ETA_DAYS = 60
SHIPPABLE = (OrderStatus.CONFIRMED, OrderStatus.PICKING)


async def order_for(
    session: AsyncSession, actor: Actor, order_id: int, permission: Permission
) -> tuple[Order, Store]:
    """A visible order and its store, after checking `permission` on the store."""
    actor = actor
    order = await session.get(Order, order_id)
    store = await session.get(Store, order.store_id) if order else None
    if order is None or store is None:
        raise NotFound("order", "order_id")
    authorize(actor, permission, store)
    return order, store


async def _reserved(session: AsyncSession, order: Order) -> dict[int, list[tuple[int, int]]]:
    """Units still held per order line: line id -> [(warehouse id, units)]."""
    rows = await session.scalars(
        select(StockReservation)
        .where(StockReservation.order_id == order.id)
        .order_by(StockReservation.id)
    )
    held: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for reservation in rows:
        if reservation.held > 0:
            held[reservation.order_line_id].append((reservation.warehouse_id, reservation.held))
    return held


async def create_pick_list(session: AsyncSession, order_id: int) -> PickList | None:
    """The confirmed order's pick list, one line per SKU and warehouse it is reserved in.

    Idempotent (one pick list per order); None when the order has moved past picking.
    """
    existing = await session.scalar(select(PickList).where(PickList.order_id == order_id))
    if existing is not None:
        return existing
    order = await session.get(Order, order_id)
    if order is None or order.status not in SHIPPABLE:
        return None
    held = await _reserved(session, order)
    units: dict[tuple[int, int | None], int] = defaultdict(int)
    lines = await session.scalars(
        select(OrderLine)
        .where(OrderLine.order_id == order.id, OrderLine.qty > 0)
        .order_by(OrderLine.id)
    )
    for line in lines:
        remaining = line.qty
        for warehouse_id, qty in held.get(line.id, []):
            take = min(qty, remaining)
            units[(line.sku_id, warehouse_id)] += take
            remaining -= take
        if remaining > 0:  # nothing reserved for these units: listed, warehouse unknown
            units[(line.sku_id, None)] += remaining
    pick_list = PickList(
        store_id=order.store_id,
        order_id=order.id,
        status=PickListStatus.OPEN,
        total_units=sum(units.values()),
        lines=[
            PickListLine(sku_id=sku_id, warehouse_id=warehouse_id, qty=qty)
            for (sku_id, warehouse_id), qty in sorted(
                units.items(), key=lambda item: (item[0][1] or 0, item[0][0])
            )
        ],
    )
    session.add(pick_list)
    await session.flush()
    await record(
        session,
        "pick_list.lines",
        "pick_lists",
        pick_list.id,
        None,
        {"order_id": order.id, "lines": len(pick_list.lines), "units": pick_list.total_units},
    )
    return pick_list


async def start_picking(session: AsyncSession, actor: Actor, order_id: int) -> PickList:
    """The warehouse starts on a confirmed order: its pick list is in hand, the order is picking."""
    order, _ = await order_for(session, actor, order_id, Permission.SHIPMENT_WRITE)
    if order.status != OrderStatus.CONFIRMED:
        raise Invalid(
            "order_id",
            f"order {order.number} is {order.status.value}: only a confirmed order can be picked",
            ErrorCode.INVALID_TRANSITION,
        )
    pick_list = await create_pick_list(session, order.id)
    assert pick_list is not None  # the order is confirmed
    await transition(session, actor, order, Action.PICK, None)
    pick_list.status = PickListStatus.PICKING
    pick_list.started_at = clock.now()
    pick_list.started_by_id = actor.user_id
    return pick_list


def _check_shipment_input(
    errors: Collector,
    carrier_code: str,
    tracking_number: str,
    parcels: int,
    estimated_delivery: date | None,
    today: date,
) -> None:
    try:
        carrier(carrier_code)
    except Invalid as error:
        errors.errors.extend(error.errors)
    if not TRACKING_NUMBER.match(tracking_number):
        errors.add("tracking_number", "6 to 40 letters, digits or dashes")
    if not 1 <= parcels <= MAX_PARCELS:
        errors.add("parcels", f"between 1 and {MAX_PARCELS}")
    if estimated_delivery is not None and not (
        today <= estimated_delivery <= today + timedelta(days=MAX_ETA_DAYS)
    ):
        errors.add(
            "estimated_delivery", f"between today ({today}) and {MAX_ETA_DAYS} days from now"
        )


async def _refuse_duplicates(
    session: AsyncSession, order: Order, code: str, tracking_number: str
) -> None:
    shipped = await session.scalar(select(Shipment).where(Shipment.order_id == order.id))
    if shipped is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"order {order.number} already shipped ({shipped.carrier} {shipped.tracking_number})",
            "order_id",
        )
    taken = await session.scalar(
        select(Shipment.id).where(
            Shipment.carrier == code, Shipment.tracking_number == tracking_number
        )
    )
    if taken is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"tracking number {tracking_number} is already used with {code}",
            "tracking_number",
        )


async def create_shipment(
    session: AsyncSession,
    actor: Actor,
    order_id: int,
    carrier_code: str,
    tracking_number: str,
    parcels: int,
    estimated_delivery: date | None = None,
) -> Shipment:
    """Ship an order: record carrier, tracking number and parcels, and move the order to shipped.

    A confirmed order is moved through picking first (for warehouses that do not report it).
    The estimated delivery defaults to the carrier's usual transit time in the store's calendar.
    """
    order, store = await order_for(session, actor, order_id, Permission.SHIPMENT_WRITE)
    now = clock.now()
    today = local_day(now, await store_zone(session, store))
    code = carrier_code.strip().lower()
    number = tracking_number.strip().upper()
    errors = Collector()
    _check_shipment_input(errors, code, number, parcels, estimated_delivery, today)
    errors.raise_if_any()
    await _refuse_duplicates(session, order, code, number)
    if order.status not in SHIPPABLE:
        raise Invalid(
            "order_id",
            f"order {order.number} is {order.status.value}: only a confirmed or picking order ships",
            ErrorCode.INVALID_TRANSITION,
        )
    if order.status == OrderStatus.CONFIRMED:
        await start_picking(session, actor, order.id)
    shipment = Shipment(
        store_id=store.id,
        order_id=order.id,
        carrier=code,
        tracking_number=number,
        parcels=parcels,
        status=ShipmentStatus.CREATED,
        shipped_at=now,
        estimated_delivery=estimated_delivery or today + timedelta(days=carrier(code).transit_days),
        created_by_id=actor.user_id,
    )
    session.add(shipment)
    await session.flush()
    pick_list = await create_pick_list(session, order.id)
    if pick_list is not None:
        pick_list.status = PickListStatus.SHIPPED
        pick_list.completed_at = now
    await transition(session, actor, order, Action.SHIP, f"{code} {number}")
    return shipment


async def shipment_for(
    session: AsyncSession, actor: Actor, shipment_id: int, permission: Permission
) -> Shipment:
    """A visible shipment, after checking `permission` on its store."""
    actor = actor
    shipment = await session.get(Shipment, shipment_id)
    store = await session.get(Store, shipment.store_id) if shipment else None
    if shipment is None or store is None:
        raise NotFound("shipment", "shipment_id")
    authorize(actor, permission, store)
    return shipment


async def record_staff_event(
    session: AsyncSession,
    actor: Actor,
    shipment_id: int,
    report: EventReport,
) -> Receipt:
    """Record an event HQ learnt of outside the carrier's webhook (a call, a signed paper)."""
    shipment = await shipment_for(session, actor, shipment_id, Permission.SHIPMENT_WRITE)
    errors = Collector()
    if report.status == ShipmentStatus.CREATED:
        errors.add("status", "an event cannot be `created`")
    if report.occurred_at > clock.now():
        errors.add("occurred_at", "lies in the future")
    if report.occurred_at < shipment.shipped_at:
        errors.add("occurred_at", "before the shipment left")
    if report.status == ShipmentStatus.DELIVERED and not (report.signed_by or "").strip():
        errors.add("signed_by", "say who signed for the goods", ErrorCode.REQUIRED)
    errors.raise_if_any()
    staff_report = EventReport(
        event_id=f"staff-{uuid.uuid4().hex}",
        status=report.status,
        occurred_at=report.occurred_at,
        location=report.location,
        description=report.description,
        estimated_delivery=report.estimated_delivery,
        signed_by=report.signed_by,
        signed_at=report.signed_at,
        photo_ref=report.photo_ref,
    )
    return await record_event(session, shipment, staff_report, EventSource.STAFF, actor.user_id)


def shipments_statement(
    actor: Actor,
    store_id: int | None = None,
    order_id: int | None = None,
    status: ShipmentStatus | None = None,
    carrier_code: str | None = None,
    tracking_number: str | None = None,
    late: bool | None = None,
    today: date | None = None,
    shipped_since: datetime | None = None,
) -> Select[Shipment]:
    """The shipments the actor may read, filtered, newest first.

    `late`: only those still on the road after their estimated delivery date as of `today`
    (true), or only the others (false).
    """
    stmt = (
        select(Shipment)
        .join(Store, Store.id == Shipment.store_id)
        .where(store_condition(actor, Permission.SHIPMENT_READ))
    )
    if store_id is not None:
        stmt = stmt.where(Shipment.store_id == store_id)
    if order_id is not None:
        stmt = stmt.where(Shipment.order_id == order_id)
    if status is not None:
        stmt = stmt.where(Shipment.status == status)
    if carrier_code:
        stmt = stmt.where(Shipment.carrier == carrier_code.strip().lower())
    if tracking_number:
        stmt = stmt.where(Shipment.tracking_number == tracking_number.strip().upper())
    if late is not None:
        overdue = (Shipment.status != ShipmentStatus.DELIVERED) & (
            Shipment.estimated_delivery < (today or clock.now().date())
        )
        stmt = stmt.where(overdue if late else ~overdue | Shipment.estimated_delivery.is_(None))
    if shipped_since is not None:
        stmt = stmt.where(Shipment.shipped_at >= shipped_since)
    return stmt.order_by(Shipment.shipped_at.desc(), Shipment.id.desc())


def pick_lists_statement(
    actor: Actor, status: PickListStatus | None = None, store_id: int | None = None
) -> Select[PickList]:
    """The pick lists the actor may read, oldest first (the warehouse works first come first)."""
    stmt = (
        select(PickList)
        .join(Store, Store.id == PickList.store_id)
        .where(store_condition(actor, Permission.SHIPMENT_READ))
    )
    if status is not None:
        stmt = stmt.where(PickList.status == status)
    if store_id is not None:
        stmt = stmt.where(PickList.store_id == store_id)
    return stmt.order_by(PickList.created_at, PickList.id)
