"""The simulated carrier: drives the demo's shipments forward in time, like a real carrier would.

For every shipment with the simulated carrier (`sim`) that is not delivered yet, it plans the
journey once, deterministically from the shipment (pickup a few hours after handover, departure
scan, arrival scan in the store's city the evening before, out for delivery in the morning,
delivered before the afternoon; now and then a delay at a transit hub that costs a day), and
posts each event that is due by `domain.clock.now()` as a signed webhook body through the very
service the carrier webhook uses. Event ids are fixed per shipment, so a rerun posts nothing new.

The demo can hurry it (`peihuo carrier simulate --until 'in 3 days'`, or `--fast` for every
event): events due by `until` are played now. A carrier cannot report the future, so a hurried
event happens now (its journey's order kept, milliseconds apart), and its text says it was
hurried.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.errors import DomainError, ErrorCode
from domain.notifications.channels import sign
from domain.notifications.service import tenant_of
from domain.notifications.timing import local_day, zone_of
from domain.settings import Settings
from domain.shipments.carriers import CARRIERS, SIMULATED, webhook_secret
from domain.shipments.models import EventSource, Shipment, ShipmentStatus, TrackingEvent
from domain.shipments.tracking import Outcome, receive
from domain.stores.models import Store

S = ShipmentStatus
DELAYS = (
    "Delayed at the transit hub by bad weather",
    "Missed the connecting line-haul truck",
    "Held at the sorting centre: label unreadable, relabelled",
)


@dataclass(frozen=True)
class PlannedEvent:
    """One event of a simulated journey."""

    number: int
    status: ShipmentStatus
    at: datetime
    location: str
    description: str
    estimated_delivery: date | None = None
    proof: dict[str, Any] | None = None


@dataclass
class SimulationReport:
    """What one run of the simulated carrier did."""

    shipments: int = 0
    posted: int = 0
    delivered: int = 0
    hurried: int = 0  # events played ahead of their time (`until` later than now)
    outcomes: dict[str, int] = field(default_factory=dict)


def _local(day: date, hour: float, zone: ZoneInfo) -> datetime:
    moment = datetime.combine(day, time(0), zone) + timedelta(hours=hour)
    return moment.astimezone(UTC)


def plan(
    shipment: Shipment, store: Store, zone: ZoneInfo, exception_rate: float
) -> list[PlannedEvent]:
    """The journey of one shipment, the same every time it is asked for."""
    rng = random.Random(f"{shipment.id}:{shipment.tracking_number}")
    transit_days = CARRIERS[SIMULATED].transit_days + (1 if rng.random() < 0.3 else 0)
    delayed = rng.random() < exception_rate
    pickup = shipment.shipped_at + timedelta(hours=rng.uniform(1, 4))
    departure = pickup + timedelta(hours=rng.uniform(2, 6))
    due = local_day(shipment.shipped_at, zone) + timedelta(days=transit_days)
    events = [
        (S.PICKED_UP, pickup, "HQ warehouse", "Picked up from the warehouse", None),
        (S.IN_TRANSIT, departure, "Origin sorting centre", "Departed the origin hub", due),
    ]
    if delayed:
        held = departure + timedelta(hours=rng.uniform(6, 20))
        due += timedelta(days=1)
        events += [
            (S.EXCEPTION, held, "Transit hub", rng.choice(DELAYS), due),
            (
                S.IN_TRANSIT,
                held + timedelta(hours=rng.uniform(8, 14)),
                "Transit hub",
                "Back on its way",
                due,
            ),
        ]
    city = f"{store.city} sorting centre"
    arrival = max(_local(due - timedelta(days=1), rng.uniform(19, 23), zone), events[-1][1])
    out = max(_local(due, rng.uniform(8, 10), zone), arrival + timedelta(hours=1))
    delivered = out + timedelta(hours=rng.uniform(1.5, 6))
    events += [
        (S.IN_TRANSIT, arrival, city, f"Arrived in {store.city}", None),
        (S.OUT_FOR_DELIVERY, out, store.city, "Out for delivery", None),
    ]
    planned = [
        PlannedEvent(n, status, at, where, text, eta)
        for n, (status, at, where, text, eta) in enumerate(events, start=1)
    ]
    proof = {
        "signed_by": store.franchisee_name or f"{store.name} staff",
        "signed_at": delivered.isoformat(),
        "photo_ref": f"pod/{SIMULATED}/{shipment.tracking_number}.jpg",
    }
    planned.append(
        PlannedEvent(
            len(planned) + 1,
            S.DELIVERED,
            delivered,
            store.address or store.city,
            "Delivered and signed for",
            proof=proof,
        )
    )
    return planned


def event_id(shipment: Shipment, event: PlannedEvent) -> str:
    """The simulated carrier's id of a planned event (fixed, so reposting is a duplicate)."""
    return f"sim-{shipment.id}-{event.number}"


def body(shipment: Shipment, event: PlannedEvent) -> bytes:
    """The webhook body the simulated carrier sends for an event."""
    payload: dict[str, Any] = {
        "event_id": event_id(shipment, event),
        "tracking_number": shipment.tracking_number,
        "status": event.status.value,
        "occurred_at": event.at.isoformat(),
        "location": event.location,
        "description": event.description,
    }
    if event.estimated_delivery is not None:
        payload["estimated_delivery"] = event.estimated_delivery.isoformat()
    if event.proof is not None:
        payload["proof_of_delivery"] = event.proof
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


async def has_under_way(session: AsyncSession) -> bool:
    """Whether the session's tenant has a simulated shipment not delivered yet (the periodic
    run's probe)."""
    under_way = select(Shipment.id).where(
        Shipment.carrier == SIMULATED, Shipment.status != S.DELIVERED
    )
    return await session.scalar(under_way.limit(1)) is not None


def hurry(events: list[PlannedEvent], now: datetime) -> list[PlannedEvent]:
    """Events due after now, moved to now (in their order, a millisecond apart, ending now)."""
    last = len(events) - 1
    hurried = []
    for n, event in enumerate(events):
        at = now - timedelta(milliseconds=last - n)
        proof = None if event.proof is None else {**event.proof, "signed_at": at.isoformat()}
        text = f"{event.description} (hurried by the demo)"
        hurried.append(replace(event, at=at, proof=proof, description=text))
    return hurried


async def simulate(
    session: AsyncSession,
    settings: Settings,
    on_progress: Callable[[int, int], None] | None = None,
    until: datetime | None = None,
) -> SimulationReport:
    """Post every event of the tenant's undelivered simulated shipments due by `until` (default:
    now; a later time plays the events due by then now, see `hurry`). The caller commits."""
    secret = await webhook_secret(session, settings, SIMULATED)
    if secret is None:
        raise DomainError(
            ErrorCode.INVALID, f"no webhook secret for carrier {SIMULATED!r}", "carrier"
        )
    shipments = list(
        await session.scalars(
            select(Shipment)
            .where(Shipment.carrier == SIMULATED, Shipment.status != S.DELIVERED)
            .order_by(Shipment.id)
        )
    )
    seen = set(
        await session.scalars(
            select(TrackingEvent.event_id).where(
                TrackingEvent.shipment_id.in_([s.id for s in shipments]),
                TrackingEvent.carrier == SIMULATED,
            )
        )
    )
    report = SimulationReport(shipments=len(shipments))
    now = clock.now()
    until = max(until or now, now)
    for done, shipment in enumerate(shipments, start=1):
        store = await session.get(Store, shipment.store_id)
        assert store is not None
        zone = zone_of(store, await tenant_of(session, store))
        journey = plan(shipment, store, zone, settings.carrier_simulator_exception_rate)
        due = [e for e in journey if e.at <= until and event_id(shipment, e) not in seen]
        early = [e for e in due if e.at > now]
        report.hurried += len(early)
        for event in [e for e in due if e.at <= now] + hurry(early, now):
            raw = body(shipment, event)
            stamp = str(int(now.timestamp()))
            receipt = await receive(
                session,
                settings,
                SIMULATED,
                raw,
                stamp,
                sign(secret, stamp, raw),
                EventSource.SIMULATOR,
            )
            report.posted += 1
            report.outcomes[receipt.outcome.value] = (
                report.outcomes.get(receipt.outcome.value, 0) + 1
            )
            if receipt.outcome == Outcome.APPLIED and receipt.shipment.status == S.DELIVERED:
                report.delivered += 1
        if on_progress is not None:
            on_progress(done, len(shipments))
    return report
