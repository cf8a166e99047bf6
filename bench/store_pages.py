"""Benchmark: a deep page of `stores` costs what the first page costs (keyset cursors).

    .venv/bin/python bench/store_pages.py --database postgresql
    .venv/bin/python bench/store_pages.py --database sqlite

A fresh database is migrated and one tenant made with `--stores` stores (default 20,000) and
an HQ admin. The admin walks `stores(first: 20)` page by page through the in-process app
(the GraphQL query, as a client sends it) to page `--page` (default 500), keeping the
cursors; then page 1 and page `--page` are fetched `--repeat` times each, alternately, and
the median and 95th percentile of a request are reported. For comparison, the same page is
read the way connections read it before keyset cursors: the store listing's statement with
OFFSET (the rows of the earlier pages counted and thrown away), in a tenant session.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from benchdb import drop_database, fresh_urls
from sqlalchemy import insert

from api.app import create_app
from domain import migrations
from domain.db import Database
from domain.identity.models import Membership, User
from domain.identity.tokens import issue_access_token
from domain.permissions import Actor, Role
from domain.regions.models import Region, RegionProvince
from domain.settings import Settings
from domain.stores.listing import StoreFilter, stores_statement
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

PG_DATABASE = "peihuo_bench_store_pages"
PAGE = 20
QUERY = """
query($first: Int, $after: String) {
  stores(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id code name budget tier region { code } } }
  }
}"""


async def tenant_with_stores(db: Database, count: int) -> Actor:
    """A tenant with `count` stores in one region, and its HQ admin."""
    async with db.session() as session:
        tenant = Tenant(slug="bench-pages", name="Bench brand")
        session.add(tenant)
        await session.commit()
    system = Actor.system(tenant.id, label="bench")
    async with tenant_session(db, system) as session:
        region = Region(code="R1", name="Bench", provinces=[RegionProvince(province="Shanghai")])
        user = User(email="hq@bench.example", name="HQ", password_hash="!")
        session.add_all([region, user])
        await session.flush()
        membership = Membership(user_id=user.id, role=Role.HQ_ADMIN, name="HQ")
        session.add(membership)
        await session.flush()
        rows = [
            {
                "tenant_id": tenant.id,
                "code": f"S{i:06d}",
                "name": f"Store {i}",
                "region_id": region.id,
                "province": "Shanghai",
                "city": "Shanghai",
            }
            for i in range(count)
        ]
        for start in range(0, count, 5000):
            await session.execute(insert(Store), rows[start : start + 5000])
        await session.commit()
    return Actor(
        tenant_id=tenant.id,
        role=Role.HQ_ADMIN,
        user_id=user.id,
        region_id=None,
        label=user.email,
        membership_id=membership.id,
    )


async def timed(call: Callable[[], Awaitable[object]], repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        began = time.perf_counter()
        await call()
        seconds.append(time.perf_counter() - began)
    return seconds


def line(name: str, seconds: list[float]) -> str:
    p95 = statistics.quantiles(seconds, n=20)[-1]
    return (
        f"{name}: median {statistics.median(seconds) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms ({len(seconds)} requests)"
    )


async def run(app_url: str, admin_url: str, count: int, page: int, repeat: int) -> None:
    settings = Settings(database_url=app_url, database_admin_url=admin_url)
    db = Database(app_url)
    hq = await tenant_with_stores(db, count)
    token = issue_access_token(settings, hq)
    app = create_app(settings, db)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:

        async def fetch(after: str | None) -> dict[str, object]:
            body = {"query": QUERY, "variables": {"first": PAGE, "after": after}}
            response = await http.post("/graphql", json=body, headers=headers)
            data = response.json()
            assert "errors" not in data, data
            return dict(data["data"]["stores"])

        cursors: list[str | None] = [None]
        began = time.perf_counter()
        for _ in range(page - 1):
            result = await fetch(cursors[-1])
            cursors.append(result["pageInfo"]["endCursor"])  # type: ignore[index]
        walk = time.perf_counter() - began
        deep = await fetch(cursors[page - 1])
        first_code = deep["edges"][0]["node"]["code"]  # type: ignore[index]
        assert first_code == f"S{(page - 1) * PAGE:06d}", first_code
        print(
            f"{count} stores; walked to page {page} in {walk:.1f} s ({walk / page * 1000:.1f} ms a page)"
        )
        first_times: list[float] = []
        deep_times: list[float] = []
        for _ in range(repeat):
            first_times += await timed(lambda: fetch(None), 1)
            deep_times += await timed(lambda: fetch(cursors[page - 1]), 1)
        print(line("page 1, GraphQL", first_times))
        print(line(f"page {page}, GraphQL (keyset cursor)", deep_times))

    statement = stores_statement(StoreFilter())

    async def offset_page(offset: int) -> None:
        async with tenant_session(db, hq) as session:
            rows = (await session.scalars(statement.offset(offset).limit(PAGE + 1))).all()
            assert len(rows) == PAGE + 1

    print(line("page 1, SQL with OFFSET 0", await timed(lambda: offset_page(0), repeat)))
    print(
        line(
            f"page {page}, SQL with OFFSET {(page - 1) * PAGE} (before keyset cursors)",
            await timed(lambda: offset_page((page - 1) * PAGE), repeat),
        )
    )
    await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--stores", type=int, default=20_000)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    if args.stores < args.page * PAGE + 1:
        parser.error("--stores must fill the pages up to --page, and one more")
    with tempfile.TemporaryDirectory() as folder:
        app_url, admin_url = fresh_urls(args.database, Path(folder), PG_DATABASE)
        try:
            migrations.upgrade(admin_url)
            asyncio.run(run(app_url, admin_url, args.stores, args.page, args.repeat))
        finally:
            if args.database == "postgresql":
                drop_database(PG_DATABASE)


if __name__ == "__main__":
    main()
