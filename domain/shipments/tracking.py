"""Carrier events: verify the signed webhook, record the event once, move the shipment forward.

A carrier POSTs one JSON event per request, signed like our own webhooks
(domain.notifications.channels: `X-Peihuo-Timestamp` and
`X-Peihuo-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">`) with the tenant's secret
for that carrier. The body:

    {"event_id": "...", "tracking_number": "...", "status": "in_transit",
     "occurred_at": "2026-11-23T08:00:00+08:00", "location": "...", "description": "...",
     "estimated_delivery": "2026-11-25",
     "proof_of_delivery": {"signed_by": "...", "signed_at": "...", "photo_ref": "..."}}

Events are idempotent by (carrier, event_id): a redelivery changes nothing. Carriers do not
promise order, so the newest event (by `occurred_at`) decides where a shipment is: an older
one arriving late joins the history (`applied = False`) without moving the shipment back.
Delivered is final.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.errors import Collector, DomainError, ErrorCode, FieldError, Invalid, NotFound
from domain.settings import Settings
from domain.shipments import progress
from domain.shipments.carriers import webhook_secret
from domain.shipments.models import EventSource, Shipment, ShipmentStatus, TrackingEvent
from domain.signing import fresh, verify_signature

MAX_BODY = 64 * 1024
# How far in the future an event may claim to have happened (carrier clocks drift a little).
FUTURE_SKEW = timedelta(minutes=15)
# Ties on `occurred_at` go to the later stage.
RANK = {
    ShipmentStatus.CREATED: 0,
    ShipmentStatus.PICKED_UP: 1,
    ShipmentStatus.IN_TRANSIT: 2,
    ShipmentStatus.EXCEPTION: 3,
    ShipmentStatus.OUT_FOR_DELIVERY: 4,
    ShipmentStatus.DELIVERED: 5,
}


class Outcome(StrEnum):
    """What recording an event did."""

    APPLIED = "applied"  # the shipment moved (or stayed, with fresher details)
    RECORDED = "recorded"  # history only: older than what the shipment already knows
    DUPLICATE = "duplicate"  # this event id was already recorded; nothing changed


class Proof(BaseModel):
    """Proof of delivery in a carrier event."""

    model_config = ConfigDict(extra="ignore")

    signed_by: str = Field(min_length=1, max_length=200)
    signed_at: AwareDatetime | None = None
    photo_ref: str | None = Field(default=None, max_length=500)


class CarrierEventBody(BaseModel):
    """The JSON body of a carrier webhook (unknown fields are ignored)."""

    model_config = ConfigDict(extra="ignore")

    event_id: str = Field(min_length=1, max_length=100)
    tracking_number: str = Field(min_length=1, max_length=40)
    status: ShipmentStatus
    occurred_at: AwareDatetime
    location: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    estimated_delivery: date | None = None
    proof_of_delivery: Proof | None = None


@dataclass(frozen=True)
class EventReport:
    """One event about a shipment, whoever reports it."""

    event_id: str
    status: ShipmentStatus
    occurred_at: datetime
    location: str | None = None
    description: str | None = None
    estimated_delivery: date | None = None
    signed_by: str | None = None
    signed_at: datetime | None = None
    photo_ref: str | None = None


@dataclass(frozen=True)
class Receipt:
    """The outcome of one event for one shipment."""

    outcome: Outcome
    shipment: Shipment
    event: TrackingEvent


class Unauthenticated(DomainError):
    """The request is not signed by the carrier, or is outside the replay window."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.UNAUTHENTICATED, message, None)


def parse(body: bytes) -> tuple[str, EventReport]:
    """(tracking number, event) from a webhook body; INVALID naming each bad field."""
    try:
        raw = json.loads(body)
    except ValueError:
        raise Invalid(None, "body must be JSON") from None
    if not isinstance(raw, dict):
        raise Invalid(None, "body must be a JSON object")
    try:
        parsed = CarrierEventBody.model_validate(raw)
    except ValidationError as error:
        problems = [
            FieldError(ErrorCode.INVALID, p["msg"], ".".join(str(x) for x in p["loc"]) or None)
            for p in error.errors()
        ]
        raise DomainError.many(problems) from None
    errors = Collector()
    if parsed.status == ShipmentStatus.CREATED:
        errors.add("status", "a carrier event cannot be `created`")
    if parsed.occurred_at > clock.now() + FUTURE_SKEW:
        errors.add("occurred_at", "lies in the future")
    errors.raise_if_any()
    proof = parsed.proof_of_delivery
    return parsed.tracking_number.strip(), EventReport(
        event_id=parsed.event_id,
        status=parsed.status,
        occurred_at=parsed.occurred_at,
        location=parsed.location,
        description=parsed.description,
        estimated_delivery=parsed.estimated_delivery,
        signed_by=proof.signed_by if proof else None,
        signed_at=proof.signed_at if proof else None,
        photo_ref=proof.photo_ref if proof else None,
    )


async def shipment_by_tracking(
    session: AsyncSession, carrier: str, tracking_number: str
) -> Shipment | None:
    """The shipment a carrier knows by `tracking_number`, locked for the event (PostgreSQL)."""
    return await session.scalar(
        select(Shipment)
        .where(Shipment.carrier == carrier, Shipment.tracking_number == tracking_number)
        .with_for_update()
    )


async def receive(
    session: AsyncSession,
    settings: Settings,
    carrier: str,
    body: bytes,
    timestamp: str,
    signature: str,
    source: EventSource = EventSource.CARRIER,
) -> Receipt:
    """Verify and record one signed carrier event for the session's tenant (the webhook's work).

    Raises UNAUTHENTICATED (bad signature, stale timestamp, carrier not set up), INVALID (bad
    body) or NOT_FOUND (unknown tracking number); nothing is changed then.
    """
    secret = await webhook_secret(session, settings, carrier)
    if secret is None:
        raise Unauthenticated(f"no webhook secret is configured for carrier {carrier!r}")
    now = clock.now().timestamp()
    tolerance = settings.carrier_webhook_tolerance
    if not fresh(timestamp, tolerance, now):
        raise Unauthenticated(f"timestamp missing or outside the {tolerance} s replay window")
    if not verify_signature(secret, timestamp, body, signature, tolerance, now):
        raise Unauthenticated("signature does not match")
    if len(body) > MAX_BODY:
        raise DomainError(ErrorCode.INVALID, f"body larger than {MAX_BODY} bytes")
    tracking_number, report = parse(body)
    shipment = await shipment_by_tracking(session, carrier, tracking_number)
    if shipment is None:
        raise NotFound(f"shipment with tracking number {tracking_number!r}", "tracking_number")
    return await record_event(session, shipment, report, source)


def is_newer(shipment: Shipment, report: EventReport) -> bool:
    """Whether an event is newer than the one that put the shipment where it is."""
    last = shipment.last_event_at
    if last is None or report.occurred_at > last:
        return True
    return report.occurred_at == last and RANK[report.status] > RANK[shipment.status]


async def record_event(
    session: AsyncSession,
    shipment: Shipment,
    report: EventReport,
    source: EventSource,
    recorded_by_id: int | None = None,
) -> Receipt:
    """Record an event in the shipment's history once; move the shipment if it is the newest."""
    existing = await session.scalar(
        select(TrackingEvent).where(
            TrackingEvent.carrier == shipment.carrier, TrackingEvent.event_id == report.event_id
        )
    )
    if existing is not None:
        return Receipt(Outcome.DUPLICATE, shipment, existing)
    applies = shipment.status != ShipmentStatus.DELIVERED and is_newer(shipment, report)
    event = TrackingEvent(
        store_id=shipment.store_id,
        shipment_id=shipment.id,
        carrier=shipment.carrier,
        event_id=report.event_id,
        status=report.status,
        occurred_at=report.occurred_at,
        received_at=clock.now(),
        location=report.location,
        description=report.description,
        estimated_delivery=report.estimated_delivery,
        signed_by=report.signed_by,
        signed_at=report.signed_at,
        photo_ref=report.photo_ref,
        applied=applies,
        source=source,
        recorded_by_id=recorded_by_id,
    )
    session.add(event)
    await session.flush()
    if not applies:
        return Receipt(Outcome.RECORDED, shipment, event)
    await progress.advance(session, shipment, event)
    return Receipt(Outcome.APPLIED, shipment, event)
