"""Benchmark: carrier webhooks end to end over HTTP, and the simulated carrier, on SQLite or PostgreSQL.

    .venv/bin/python bench/carrier_webhooks.py --database sqlite
    .venv/bin/python bench/carrier_webhooks.py --database postgresql

A fresh database is migrated and one tenant made with `--shipments` shipped orders (carrier
`sim`). Phase 1 posts the four events of every journey (picked up, in transit, out for
delivery, delivered: the last one also delivers the order through the order state machine)
as signed requests to `POST /webhooks/carriers/sim` of the in-process app, one at a time;
phase 2 posts them all again (every one a duplicate). Phase 3 drives another `--shipments`
shipments to delivery with the simulated carrier in one run. Reported: events per second and
the median and 95th percentile latency of a request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from benchdb import fresh_urls
from sqlalchemy import select

from api.app import create_app
from domain import clock, migrations
from domain.db import Database
from domain.orders.models import Order, OrderStatus
from domain.permissions import Actor
from domain.regions.models import Region, RegionProvince
from domain.settings import Settings
from domain.shipments.models import Shipment
from domain.shipments.simulator import simulate
from domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

PG_DATABASE = "peihuo_bench_carriers"
START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
JOURNEY = (("picked_up", 2), ("in_transit", 6), ("out_for_delivery", 40), ("delivered", 44))


async def tenant_with_shipments(db: Database, count: int, prefix: str, slug: str) -> list[Shipment]:
    """A tenant (made once) and `count` shipped orders with their shipments."""
    async with db.session() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
        if tenant_id is None:
            row = Tenant(slug=slug, name="Bench brand")
            session.add(row)
            await session.commit()
            tenant_id = row.id
    actor = Actor.system(tenant_id, label="bench")
    async with tenant_session(db, actor) as session:
        region = Region(
            code=f"R{prefix}",
            name="Bench region",
            provinces=[RegionProvince(province="Shanghai" if prefix == "a" else "Jiangsu")],
        )
        session.add(region)
        await session.flush()
        store = Store(
            code=f"S{prefix}",
            name="Bench store",
            region_id=region.id,
            province="Shanghai",
            city="Shanghai",
        )
        session.add(store)
        await session.flush()
        shipments = []
        for i in range(count):
            order = Order(
                store_id=store.id, number=f"PO-{prefix}-{i:05d}", status=OrderStatus.SHIPPED
            )
            session.add(order)
            await session.flush()
            shipment = Shipment(
                store_id=store.id,
                order_id=order.id,
                carrier="sim",
                tracking_number=f"BENCH{prefix}{i:07d}",
                parcels=1,
                shipped_at=START,
                estimated_delivery=(START + timedelta(days=2)).date(),
            )
            session.add(shipment)
            shipments.append(shipment)
        await session.commit()
    return shipments


async def post_all(
    http: httpx.AsyncClient, settings: Settings, slug: str, shipments: list[Shipment]
) -> list[float]:
    """Post every journey's events one request at a time; the latency of each request."""
    secret = settings.carrier_secrets["sim"].get_secret_value()
    latencies = []
    for step, (status, hours) in enumerate(JOURNEY):
        for shipment in shipments:
            body = json.dumps(
                {
                    "event_id": f"bench-{shipment.id}-{step}",
                    "tracking_number": shipment.tracking_number,
                    "status": status,
                    "occurred_at": (START + timedelta(hours=hours)).isoformat(),
                }
            ).encode()
            stamp = str(int(clock.now().timestamp()))
            headers = {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(secret, stamp, body)}
            began = time.perf_counter()
            response = await http.post(
                f"/webhooks/carriers/sim?tenant={slug}", content=body, headers=headers
            )
            latencies.append(time.perf_counter() - began)
            assert response.status_code == 200, response.text
    return latencies


def line(name: str, latencies: list[float]) -> str:
    total = sum(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return (
        f"{name}: {len(latencies)} events in {total:.2f} s = {len(latencies) / total:.0f} events/s; "
        f"median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )


async def run(app_url: str, admin_url: str, count: int) -> None:
    """The three phases on a migrated database."""
    settings = Settings(database_url=app_url, database_admin_url=admin_url)
    db = Database(app_url)
    with clock.frozen_clock(START + timedelta(days=3)):
        shipments = await tenant_with_shipments(db, count, "a", "bench")
        app = create_app(settings, db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            print(line("webhook, new events", await post_all(http, settings, "bench", shipments)))
            print(line("webhook, redelivered", await post_all(http, settings, "bench", shipments)))
        await tenant_with_shipments(db, count, "b", "bench")
        async with tenant_session(db, Actor.system(shipments[0].tenant_id)) as session:
            began = time.perf_counter()
            report = await simulate(session, settings)
            await session.commit()
            seconds = time.perf_counter() - began
        print(
            f"simulated carrier: {report.shipments} shipments, {report.posted} events, "
            f"{report.delivered} delivered in {seconds:.2f} s = {report.posted / seconds:.0f} events/s"
        )
    await db.dispose()


def main(database: str, count: int) -> None:
    """Migrate a fresh database (alembic runs its own event loop), then measure."""
    with tempfile.TemporaryDirectory() as folder:
        app_url, admin_url = fresh_urls(database, Path(folder), PG_DATABASE)
        migrations.upgrade(admin_url)
        asyncio.run(run(app_url, admin_url, count))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--shipments", type=int, default=250)
    arguments = parser.parse_args()
    main(arguments.database, arguments.shipments)
