"""POST /webhooks/carriers/{carrier}: signed, fresh, idempotent, tolerant of disorder."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.shipments.models import Shipment, ShipmentStatus
from domain.signing import SIGNATURE_HEADER
from domain.surveys.models import Survey
from domain.tenancy.session import tenant_session
from tests.domain.shipments.factories import (
    SIM_SECRET,
    carrier_secret,
    event_body,
    events_of,
    make_shipment,
    order_row,
    ship,
    shipment_row,
    signed_headers,
)
from tests.factories import World, make_world, system
from tests.factories_service import Mailbox, franchisee_email, run_jobs, set_service_policy

S = ShipmentStatus


async def post(
    client: httpx.AsyncClient,
    world: World,
    body: bytes,
    headers: dict[str, str],
    carrier: str = "sim",
    tenant: str | None = None,
) -> httpx.Response:
    slug = world.tenant.slug if tenant is None else tenant
    return await client.post(
        f"/webhooks/carriers/{carrier}", params={"tenant": slug}, content=body, headers=headers
    )


async def deliver_event(
    client: httpx.AsyncClient,
    world: World,
    shipment: Shipment,
    status: ShipmentStatus,
    hours_ago: float,
    secret: str = SIM_SECRET,
    **extra: Any,
) -> httpx.Response:
    at = clock.now() - timedelta(hours=hours_ago)
    body = event_body(shipment, status, at, **extra)
    return await post(client, world, body, signed_headers(secret, body), shipment.carrier)


async def test_a_bad_signature_is_refused_with_401_and_nothing_changes(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    body = event_body(shipment, S.DELIVERED, clock.now())
    forged = signed_headers("not-the-carriers-secret", body)
    tampered = signed_headers(SIM_SECRET, body)
    for headers, sent in ((forged, body), (tampered, body.replace(b"delivered", b"exception"))):
        response = await post(client, world, sent, headers)
        assert response.status_code == 401
        assert response.json() == {
            "error": "UNAUTHENTICATED",
            "message": "signature does not match",
        }
    unsigned = await post(
        client, world, body, {k: v for k, v in forged.items() if k != SIGNATURE_HEADER}
    )
    assert unsigned.status_code == 401
    assert await events_of(db, world, shipment) == []
    assert (await shipment_row(db, world, shipment.id)).status == S.CREATED
    assert (await order_row(db, world, shipment.order_id)).status == OrderStatus.SHIPPED


async def test_a_stale_or_future_timestamp_is_refused(
    client: httpx.AsyncClient, db: Database, world: World, settings: Settings
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    body = event_body(shipment, S.IN_TRANSIT, clock.now())
    window = timedelta(seconds=settings.carrier_webhook_tolerance + 5)
    for at in (clock.now() - window, clock.now() + window):
        response = await post(client, world, body, signed_headers(SIM_SECRET, body, at=at))
        assert response.status_code == 401
        assert "replay window" in response.json()["message"]
    assert await events_of(db, world, shipment) == []


async def test_a_redelivered_event_is_acknowledged_and_ignored(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    body = event_body(shipment, S.PICKED_UP, clock.now(), event_id="SIM-42")
    first = await post(client, world, body, signed_headers(SIM_SECRET, body))
    again = await post(client, world, body, signed_headers(SIM_SECRET, body))
    assert (first.status_code, first.json()["result"]) == (200, "applied")
    assert (again.status_code, again.json()["result"]) == (200, "duplicate")
    assert again.json()["shipment"]["status"] == "picked_up"
    assert len(await events_of(db, world, shipment)) == 1


async def test_events_out_of_order_keep_the_newest_status(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    newer = await deliver_event(client, world, shipment, S.OUT_FOR_DELIVERY, 1)
    older = await deliver_event(client, world, shipment, S.IN_TRANSIT, 10)
    assert (newer.json()["result"], older.json()["result"]) == ("applied", "recorded")
    assert older.json()["shipment"]["status"] == "out_for_delivery"
    history = await events_of(db, world, shipment)
    assert [(e.status, e.applied) for e in history] == [
        (S.IN_TRANSIT, False),
        (S.OUT_FOR_DELIVERY, True),
    ]


async def test_refusals_say_why(client: httpx.AsyncClient, db: Database, world: World) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    body = event_body(shipment, S.IN_TRANSIT, clock.now())
    headers = signed_headers(SIM_SECRET, body)
    assert (await post(client, world, body, headers, carrier="dhl")).status_code == 404
    assert (await post(client, world, body, headers, tenant="")).status_code == 401
    assert (await post(client, world, body, headers, tenant="no-such-brand")).status_code == 401

    unknown = event_body(shipment, S.IN_TRANSIT, clock.now()).replace(
        shipment.tracking_number.encode(), b"NOSUCH123"
    )
    missing = await post(client, world, unknown, signed_headers(SIM_SECRET, unknown))
    assert (missing.status_code, missing.json()["error"]) == (404, "NOT_FOUND")

    broken = b'{"event_id": "x", "tracking_number": "' + shipment.tracking_number.encode() + b'"}'
    invalid = await post(client, world, broken, signed_headers(SIM_SECRET, broken))
    assert invalid.status_code == 400
    assert {f["field"] for f in invalid.json()["fields"]} == {"status", "occurred_at"}
    assert await events_of(db, world, shipment) == []


async def test_a_tenants_own_secret_replaces_the_default(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    own = await carrier_secret(db, world, "sim")
    with_default = await deliver_event(client, world, shipment, S.PICKED_UP, 2)
    with_own = await deliver_event(client, world, shipment, S.PICKED_UP, 2, secret=own)
    assert (with_default.status_code, with_own.status_code) == (401, 200)


async def test_a_carrier_without_a_secret_is_refused(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    shipment = await make_shipment(db, world, world.stores[0], carrier="zto")
    response = await deliver_event(client, world, shipment, S.PICKED_UP, 1)
    assert response.status_code == 401
    assert "no webhook secret" in response.json()["message"]


async def test_one_tenant_cannot_report_on_anothers_shipment(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    other = await make_world(db, stores_per_merchandiser=1)
    theirs = await make_shipment(db, other, other.stores[0])
    body = event_body(theirs, S.DELIVERED, clock.now())
    response = await post(client, world, body, signed_headers(SIM_SECRET, body))
    assert response.status_code == 404
    assert (await shipment_row(db, other, theirs.id)).status == S.CREATED


async def test_webhooks_take_a_shipment_to_delivered_and_the_store_hears_of_it(
    client: httpx.AsyncClient,
    db: Database,
    world: World,
    service_settings: Settings,
    mailbox: Mailbox,
) -> None:
    # A whole journey in one day would pass the daily cap of 5; days apart it would not.
    await set_service_policy(db, world, notifications_per_day=10)
    store = world.stores[3]
    shipment = await ship(db, world, store)
    for status, hours in ((S.PICKED_UP, 30), (S.IN_TRANSIT, 28), (S.OUT_FOR_DELIVERY, 3)):
        assert (await deliver_event(client, world, shipment, status, hours)).status_code == 200
    done = await deliver_event(
        client,
        world,
        shipment,
        S.DELIVERED,
        1,
        proof_of_delivery={"signed_by": "Zhang Wei", "photo_ref": "pod/77.jpg"},
    )
    assert done.json()["shipment"]["status"] == "delivered"
    await run_jobs(service_settings)

    order = await order_row(db, world, shipment.order_id)
    assert order.status == OrderStatus.DELIVERED
    subjects = [m.subject for m in mailbox.to(franchisee_email(world, store))]
    for expected in ("已发货", "运输中", "今日送达", "已送达", "请为配货单"):
        assert any(expected in s and order.number in s for s in subjects), expected
    async with tenant_session(db, system(world.tenant)) as session:
        assert await session.scalar(select(Survey.id).where(Survey.order_id == order.id))


async def test_the_same_event_delivered_twice_at_once_is_recorded_once(
    client: httpx.AsyncClient, db: Database, world: World
) -> None:
    shipment = await make_shipment(db, world, world.stores[0])
    body = event_body(shipment, S.IN_TRANSIT, clock.now(), event_id="SIM-RACE")
    headers = signed_headers(SIM_SECRET, body)
    responses = await asyncio.gather(*(post(client, world, body, headers) for _ in range(4)))
    assert [r.status_code for r in responses] == [200] * 4
    assert sorted(r.json()["result"] for r in responses) == ["applied"] + ["duplicate"] * 3
    assert len(await events_of(db, world, shipment)) == 1
