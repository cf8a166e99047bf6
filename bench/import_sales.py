"""Benchmark: import a 100k-row POS sales file into the demo tenant, on SQLite or PostgreSQL.

    .venv/bin/python bench/import_sales.py --database sqlite
    .venv/bin/python bench/import_sales.py --database postgresql

A fresh database is migrated and the demo tenant seeded (all 300 stores and 150 styles, a
short history so that seeding stays quick); then a CSV of `--rows` daily sales of random
store × SKU pairs over the last week is written and imported twice through the same service
as `peihuo import sales`: once (mostly new rows), then again (every row replaces itself, as a
re-sent feed does). Wall and CPU seconds are reported for each phase.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from benchdb import drop_database, fresh_urls
from sqlalchemy import select

from domain import migrations
from domain.catalogue.models import Sku
from domain.db import Database
from domain.demo.seed import seed
from domain.demo.spec import taozi
from domain.imports.service import import_file
from domain.imports.tabular import write_table
from domain.permissions import Actor
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

PG_DATABASE = "peihuo_bench_import"
TODAY = date(2026, 11, 23)


def sales_file(
    path: Path, stores: list[str], skus: list[str], rows: int, seed_value: int = 7
) -> None:
    """`rows` distinct store × SKU × day rows over the last seven days of the history."""
    rng = np.random.default_rng(seed_value)
    days = [(TODAY - timedelta(days=d)).isoformat() for d in range(1, 8)]
    keys = rng.choice(len(stores) * len(skus) * len(days), size=rows, replace=False)
    cell, day = np.divmod(keys, len(days))
    store, sku = np.divmod(cell, len(skus))
    qty = rng.poisson(1.3, size=rows) + 1
    write_table(
        path,
        ["store_code", "sku_code", "day", "qty", "on_hand_close"],
        (
            (stores[s], skus[k], days[d], int(q), int(c))
            for s, k, d, q, c in zip(store, sku, day, qty, rng.integers(0, 9, rows), strict=True)
        ),
    )


async def timed_import(db: Database, actor: Actor, path: Path) -> tuple[float, float, str]:
    wall, cpu = time.perf_counter(), time.process_time()
    async with tenant_session(db, actor) as session:
        result = await import_file(session, actor, "sales", path)
        await session.commit()
    counts = f"{result.created:,} new, {result.updated:,} replaced"
    return time.perf_counter() - wall, time.process_time() - cpu, counts


async def run(database: str, app_url: str, rows: int, folder: Path) -> None:
    db = Database(app_url)
    try:
        report = await seed(db, taozi(TODAY).with_size(300, 150, 28))
        print(
            f"seeded the demo tenant: {report.counts['sales_rows']:,} sales rows in {report.seconds:.1f} s"
        )
        async with db.session() as session:
            tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == "taozi"))
        assert tenant_id is not None
        actor = Actor.system(tenant_id, label="bench")
        async with tenant_session(db, actor) as session:
            stores = sorted(await session.scalars(select(Store.code)))
            skus = sorted(await session.scalars(select(Sku.code)))
        path = folder / "sales.csv"
        started = time.perf_counter()
        sales_file(path, stores, skus, rows)
        print(
            f"wrote {rows:,} rows ({path.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s"
        )
        for label in ("first import", "same file again"):
            wall, cpu, counts = await timed_import(db, actor, path)
            print(
                f"{database} {label}: {wall:.1f} s wall, {cpu:.1f} s CPU, {rows / wall:,.0f} rows/s ({counts})"
            )
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app_url, admin_url = fresh_urls(args.database, Path(folder), PG_DATABASE)
        migrations.upgrade(admin_url)
        try:
            asyncio.run(run(args.database, app_url, args.rows, Path(folder)))
        finally:
            if args.database == "postgresql":
                drop_database(PG_DATABASE)


if __name__ == "__main__":
    main()
