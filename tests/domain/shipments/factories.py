"""Shipment factories: orders confirmed through the order state machine, shipments as stored."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.orders.models import Order, OrderStatus
from domain.permissions import Actor
from domain.settings import Settings
from domain.shipments import service
from domain.shipments.carriers import SIMULATED, set_webhook_secret
from domain.shipments.models import Shipment, ShipmentStatus, TrackingEvent
from domain.shipments.tracking import Receipt, receive
from domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import order_in
from tests.factories import World, system, unique
from tests.factories_service import make_order

# The simulated carrier's secret in the default settings.
SIM_SECRET = Settings().carrier_secrets[SIMULATED].get_secret_value()

_tracking = itertools.count(1)


def tracking_number() -> str:
    """A tracking number nobody else uses."""
    return f"PH{next(_tracking):06d}{unique('')[-6:].upper()}"


async def make_shipment(
    db: Database,
    world: World,
    store: Store,
    carrier: str = SIMULATED,
    status: ShipmentStatus = ShipmentStatus.CREATED,
    shipped_at: datetime | None = None,
    order: Order | None = None,
) -> Shipment:
    """A shipped order of `store` and its shipment row, as the shipment service leaves them."""
    shipped_at = shipped_at or clock.now()
    order = order or await make_order(db, world, store, status=OrderStatus.SHIPPED)
    async with tenant_session(db, system(world.tenant)) as session:
        shipment = Shipment(
            store_id=store.id,
            order_id=order.id,
            carrier=carrier,
            tracking_number=tracking_number(),
            parcels=1,
            status=status,
            shipped_at=shipped_at,
            estimated_delivery=(shipped_at + timedelta(days=2)).date(),
        )
        session.add(shipment)
        await session.commit()
        return shipment


async def shipment_row(db: Database, world: World, shipment_id: int) -> Shipment:
    """A shipment as stored now."""
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Shipment, shipment_id)
        assert row is not None
        return row


async def ship(
    db: Database,
    world: World,
    store: Store,
    actor: Actor | None = None,
    carrier: str = SIMULATED,
    parcels: int = 2,
    estimated_delivery: date | None = None,
) -> Shipment:
    """A new order of `store` confirmed by its franchisee, then shipped through the service."""
    order = await order_in(db, world, store, OrderStatus.CONFIRMED)
    actor = actor or world.hq.actor
    async with tenant_session(db, actor) as session:
        shipment = await service.create_shipment(
            session, actor, order.id, carrier, tracking_number(), parcels, estimated_delivery
        )
        await session.commit()
        return shipment


def signed_headers(
    secret: str, body: bytes, at: datetime | None = None, tenant: str | None = None
) -> dict[str, str]:
    """The headers a carrier sends with `body` (signed `at`, default now)."""
    stamp = str(int((at or clock.now()).timestamp()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: sign(secret, stamp, body),
    }
    if tenant:
        headers["X-Peihuo-Tenant"] = tenant
    return headers


def event_body(
    shipment: Shipment,
    status: ShipmentStatus,
    at: datetime,
    event_id: str | None = None,
    **extra: Any,
) -> bytes:
    """A carrier's JSON body for one event of `shipment`."""
    payload = {
        "event_id": event_id or unique("evt-"),
        "tracking_number": shipment.tracking_number,
        "status": status.value,
        "occurred_at": at.isoformat(),
        **extra,
    }
    return json.dumps(payload).encode()


async def report(
    db: Database,
    world: World,
    settings: Settings,
    shipment: Shipment,
    status: ShipmentStatus,
    at: datetime,
    event_id: str | None = None,
    secret: str = SIM_SECRET,
    **extra: Any,
) -> Receipt:
    """Post one signed event through the webhook's service, as the carrier would, and commit."""
    body = event_body(shipment, status, at, event_id, **extra)
    headers = signed_headers(secret, body)
    async with tenant_session(db, Actor.system(world.tenant.id, label="carrier:test")) as session:
        receipt = await receive(
            session,
            settings,
            shipment.carrier,
            body,
            headers[TIMESTAMP_HEADER],
            headers[SIGNATURE_HEADER],
        )
        await session.commit()
        return receipt


async def events_of(db: Database, world: World, shipment: Shipment) -> list[TrackingEvent]:
    """A shipment's tracking history, oldest first."""
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id == shipment.id)
            .order_by(TrackingEvent.occurred_at, TrackingEvent.id)
        )
        return list(rows)


async def order_row(db: Database, world: World, order_id: int) -> Order:
    """An order as stored now."""
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Order, order_id)
        assert row is not None
        return row


async def carrier_secret(
    db: Database, world: World, carrier: str, secret: str | None = None
) -> str:
    """Give the world's tenant its own webhook secret for `carrier` (generated unless given)."""
    async with tenant_session(db, world.hq.actor) as session:
        value = await set_webhook_secret(session, world.hq.actor, carrier, secret)
        await session.commit()
        return value
