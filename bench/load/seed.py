"""The load suite's tenant: a fresh PostgreSQL database, migrated, with a world of
regions, staff, franchisees and stores (tests.factories), each store with proposals waiting for
its franchisee. Every proposal asks for every SKU (a few units each) and HQ holds enough of each
for the whole run, so each confirmation reserves stock on the same few rows as every other
store's: confirmations contend as a season's opening does. Writes what the locustfile needs
(tenant, people, order ids) to a JSON file.

    .venv/bin/python bench/load/seed.py OUT.json [--stores-per-merchandiser 10] [--proposals 20]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdb import fresh_urls  # noqa: E402
from sqlalchemy import update  # noqa: E402

from api.graphql.relay import global_id  # noqa: E402
from domain import clock, migrations  # noqa: E402
from domain.db import Database  # noqa: E402
from domain.db.engine import refresh_statistics  # noqa: E402
from domain.orders.models import Order, OrderLine, OrderStatus  # noqa: E402
from domain.stock.models import WarehouseStock  # noqa: E402
from domain.stores.models import Store  # noqa: E402
from domain.tenancy.session import tenant_session  # noqa: E402
from tests.factories import PASSWORD, World, make_world, system  # noqa: E402

PG_DATABASE = "peihuo_bench_load"
UNITS = 2  # per SKU and proposal
_numbers = itertools.count(1)


async def _proposals(db: Database, world: World, store: Store, count: int) -> list[int]:
    """`count` proposals of `store`, each with a line of every SKU."""
    now = clock.now()
    cost, retail = Decimal("90.00"), Decimal("199.00")
    lines = len(world.skus)
    async with tenant_session(db, system(world.tenant)) as session:
        orders = [
            Order(
                store_id=store.id,
                number=f"PO-LOAD-{next(_numbers):06d}",
                status=OrderStatus.PROPOSED,
                merchandiser_id=store.merchandiser_id,
                budget=Decimal("5000.00"),
                total_cost=cost * UNITS * lines,
                total_retail=retail * UNITS * lines,
                total_units=UNITS * lines,
                proposed_at=now,
                created_at=now,
                lines=[
                    OrderLine(
                        sku_id=sku.id,
                        recommended_qty=UNITS,
                        qty=UNITS,
                        unit_cost=cost,
                        retail_price=retail,
                    )
                    for sku in world.skus
                ],
            )
            for _ in range(count)
        ]
        session.add_all(orders)
        await session.commit()
        return [order.id for order in orders]


async def seed(app_url: str, stores_per_merchandiser: int, proposals: int) -> dict[str, object]:
    db = Database(app_url)
    try:
        world = await make_world(db, stores_per_merchandiser=stores_per_merchandiser)
        async with tenant_session(db, system(world.tenant)) as session:
            # Enough for every proposal of every store, so that no confirmation runs short.
            need = UNITS * proposals * len(world.stores)
            await session.execute(update(WarehouseStock).values(on_hand=need, reserved=0))
            await session.commit()
        by_store = {
            store.id: [
                str(global_id("Order", order_id))
                for order_id in await _proposals(db, world, store, proposals)
            ]
            for store in world.stores
        }
        franchisees = []
        for member in world.franchisees:
            stores = [s for s in world.stores if s.franchisee_id == member.user.id]
            orders = [o for s in stores for o in by_store.get(s.id, [])]
            franchisees.append({"email": member.email, "orders": orders})
        return {
            "tenant": world.tenant.slug,
            "password": PASSWORD,
            "hq": [world.hq.email],
            "merchandisers": [m.email for m in world.merchandisers],
            "franchisees": franchisees,
        }
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--stores-per-merchandiser", type=int, default=10)
    parser.add_argument("--proposals", type=int, default=20, help="proposals per store")
    args = parser.parse_args()
    app_url, admin_url = fresh_urls("postgresql", args.out.parent, PG_DATABASE)
    migrations.upgrade(admin_url)
    people = asyncio.run(seed(app_url, args.stores_per_merchandiser, args.proposals))
    asyncio.run(refresh_statistics(admin_url))
    people["database_url"], people["admin_url"] = app_url, admin_url
    args.out.write_text(json.dumps(people, indent=1))
    print(f"seeded {len(people['franchisees'])} franchisees into {PG_DATABASE}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
