"""Benchmark: the forecast's backtest on the demo tenant, and its speed at 2,000 × 3,000.

    .venv/bin/python bench/forecast_backtest.py                       # seeds a fresh demo
    .venv/bin/python bench/forecast_backtest.py --database-url URL    # a database already seeded
    .venv/bin/python bench/forecast_backtest.py --speed-only

Backtest: the demo tenant `taozi` (300 stores, 150 styles, 18 months of sales ending the day
before 2026-11-23) is seeded into a fresh SQLite file (unless a URL is given); its sales are
loaded as `peihuo forecast backtest` loads them, the last `--weeks` weeks are held out and
forecast from the days before, and the forecast and both baselines are scored (WAPE, bias) at
store × SKU, store × style and store × category. The model's knobs were tuned on the two
4-week folds before this holdout, never on it.

Speed: a generated history of 2,000 stores × 3,000 SKUs over 730 days (about 15 million sales
rows) is forecast three times; wall time and peak memory are reported.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import select

from domain import migrations
from domain.db import Database
from domain.permissions import Actor
from domain.recommendation.forecast import History, forecast, load_history
from domain.recommendation.forecast.backtest import backtest
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

TODAY = date(2026, 11, 23)
HISTORY_DAYS = 730


async def load(url: str, seed_first: bool) -> History:
    db = Database(url)
    try:
        if seed_first:
            from domain.demo.seed import seed
            from domain.demo.spec import taozi

            report = await seed(db, taozi(TODAY))
            print(
                f"seeded taozi: {report.counts['sales_rows']:,} sales rows in {report.seconds:.1f} s"
            )
        async with db.session() as session:
            tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == "taozi"))
        assert tenant_id is not None, "no demo tenant taozi in this database"
        started = time.perf_counter()
        async with tenant_session(db, Actor.system(tenant_id, label="bench")) as session:
            history = await load_history(session, store_ids=None, end=TODAY, days=HISTORY_DAYS)
        print(
            f"loaded {history.row_qty.size:,} sales rows ({history.store_ids.size} stores × "
            f"{history.sku_ids.size} SKUs, {history.days} days) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        return history
    finally:
        await db.dispose()


def run_backtest(history: History, weeks: int) -> None:
    started = time.perf_counter()
    scores = backtest(history, weeks=weeks)
    seconds = time.perf_counter() - started
    print(f"backtest ({weeks} weeks held out) in {seconds:.1f} s")
    print("| level | method | WAPE | bias |\n| --- | --- | --- | --- |")
    for s in scores:
        print(f"| {s.level} | {s.method} | {s.wape:.3f} | {s.bias:+.3f} |")


def generated(stores: int, skus: int, days: int, rows: int, seed: int = 0) -> History:
    """A random history of the given size (pooling structure, openings, launches, stock-outs)."""
    rng = np.random.default_rng(seed)
    styles = skus // 12
    sku_style = np.sort(rng.integers(0, styles, skus))
    styles = int(sku_style.max()) + 1
    recent = days - rng.exponential(days / 3, rows).astype(np.int64)  # more rows lately
    return History(
        end=TODAY,
        days=days,
        store_ids=np.arange(1, stores + 1, dtype=np.int64),
        store_region=rng.integers(0, 8, stores),
        region_ids=np.arange(1, 9, dtype=np.int64),
        store_province=rng.integers(0, 30, stores),
        store_tier=rng.integers(0, 3, stores),
        store_area=rng.uniform(50, 200, stores),
        store_open=rng.integers(-500, days, stores),
        sku_ids=np.arange(1, skus + 1, dtype=np.int64),
        sku_style=sku_style,
        style_ids=np.arange(1, styles + 1, dtype=np.int64),
        style_category=rng.integers(0, 12, styles),
        style_launch=rng.integers(-300, days, styles),
        categories=tuple(f"category {i}" for i in range(12)),
        row_store=rng.integers(0, stores, rows).astype(np.int32),
        row_sku=rng.integers(0, skus, rows).astype(np.int32),
        row_day=np.clip(recent, 0, days - 1).astype(np.int32),
        row_qty=(rng.poisson(0.6, rows) + 1).astype(np.int32),
        row_censored=rng.random(rows) < 0.04,
    )


def run_speed(stores: int, skus: int, rows: int) -> None:
    history = generated(stores, skus, HISTORY_DAYS, rows)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = forecast(history, horizon_days=28)
        times.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(
        f"forecast {stores:,} stores × {skus:,} SKUs ({rows:,} rows, {HISTORY_DAYS} days): "
        f"median {statistics.median(times):.2f} s of {', '.join(f'{t:.2f}' for t in times)}; "
        f"peak RSS {peak:.2f} GiB; {result.mean.sum():,.0f} units forecast"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="A database where taozi is already seeded.")
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument("--rows", type=int, default=15_000_000)
    args = parser.parse_args()
    if not args.speed_only:
        if args.database_url:
            history = asyncio.run(load(args.database_url, seed_first=False))
        else:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
                migrations.upgrade(url)
                history = asyncio.run(load(url, seed_first=True))
        run_backtest(history, args.weeks)
        del history
    run_speed(2000, 3000, args.rows)


if __name__ == "__main__":
    main()
