"""The load suite's tenant: a fresh PostgreSQL database, migrated, with a world of regions,
staff, franchisees and stores (tests.factories), each store with proposals waiting for its
franchisee. Writes what the locustfile needs (tenant, people, order ids) to a JSON file.

    .venv/bin/python bench/load/seed.py OUT.json [--stores-per-merchandiser 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdb import fresh_urls  # noqa: E402

from api.graphql.relay import global_id  # noqa: E402
from domain import migrations  # noqa: E402
from domain.db import Database  # noqa: E402
from domain.db.engine import refresh_statistics  # noqa: E402
from domain.orders.models import OrderStatus  # noqa: E402
from tests.factories import PASSWORD, make_world  # noqa: E402
from tests.factories_service import make_order  # noqa: E402

PG_DATABASE = "peihuo_bench_load"


async def seed(app_url: str, stores_per_merchandiser: int, proposals: int) -> dict[str, object]:
    db = Database(app_url)
    try:
        world = await make_world(db, stores_per_merchandiser=stores_per_merchandiser)
        by_store: dict[int, list[str]] = {}
        for store in world.stores:
            for _ in range(proposals):
                order = await make_order(db, world, store, status=OrderStatus.PROPOSED)
                by_store.setdefault(store.id, []).append(str(global_id("Order", order.id)))
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
