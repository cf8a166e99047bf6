"""Benchmark: recommendation runs end to end (load, forecast, allocate, persist) on real tenants.

    .venv/bin/python bench/recommendation_runs.py                       # SQLite
    .venv/bin/python bench/recommendation_runs.py --database postgresql
    .venv/bin/python bench/recommendation_runs.py --skip-large          # the demo tenant only

A fresh database is migrated and seeded with the demo tenant (taozi: 300 stores, 150 styles,
about 2,000 SKUs, 18 months of daily sales) and a generated large tenant (by default 2,000
stores and 225 styles, about 3,000 SKUs, with `--large-days` of history so that seeding stays
within minutes). Each tenant is then run twice through `execute_run`, the function the rq job
calls: a first run (every store gets a new draft) and the same key again (every draft is
replaced). Each run happens in a child process of its own, so its CPU time and peak memory are
its own, not the seeding's. Phase timings are the run's own (`RecommendationRun.timings`).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from benchdb import fresh_urls

from domain import clock, migrations
from domain.db import Database
from domain.demo.seed import seed
from domain.demo.spec import DemoSpec, taozi
from domain.permissions import Actor
from domain.recommendation.runs.execute import execute_run
from domain.recommendation.runs.service import RunRequest, request_run
from domain.tenancy.service import tenant_by_slug
from domain.tenancy.session import tenant_session

PG_DATABASE = "peihuo_bench_runs"
TODAY = date(2026, 11, 23)
#: 02:00 in Shanghai on TODAY: when a nightly run would start.
NIGHT = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)


def large_spec(stores: int, styles: int, days: int) -> DemoSpec:
    """A generated tenant as large as asked (the demo's generator, another slug)."""
    return dataclasses.replace(
        taozi(TODAY).with_size(stores, styles, days), slug="bench-large", name="Bench large"
    )


async def seed_tenants(admin_url: str, specs: list[DemoSpec]) -> dict[str, float]:
    """Seed each tenant (as the table owner, like `peihuo demo`); seconds per tenant."""
    db = Database(admin_url)
    seconds: dict[str, float] = {}
    try:
        for spec in specs:
            start = time.perf_counter()
            with clock.frozen_clock(NIGHT):
                await seed(db, spec)
            seconds[spec.slug] = round(time.perf_counter() - start, 1)
    finally:
        await db.dispose()
    return seconds


async def one_run(app_url: str, slug: str, key: str) -> dict[str, Any]:
    """Ask for a run of every store of `slug` and execute it here; its figures."""
    db = Database(app_url)
    try:
        tenant = await tenant_by_slug(db, slug)
        assert tenant is not None, slug
        actor = Actor.system(tenant.id, label="bench")
        with clock.frozen_clock(NIGHT):
            async with tenant_session(db, actor) as session:
                run = await request_run(session, actor, RunRequest(key=key), enqueue=False)
                await session.commit()
                start = time.perf_counter()
                done = await execute_run(session, run.id)
                wall = time.perf_counter() - start
    finally:
        await db.dispose()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "tenant": slug,
        "key": key,
        "attempt": done.attempts,
        "stores": done.stores_total,
        "skus": done.details.get("skus"),
        "demand_rows": done.details.get("demand_rows"),
        "orders": done.orders_written,
        "lines": done.lines_written,
        "units": done.units,
        "timings": done.timings,
        "solver": done.details.get("solver_timings"),
        "objective": done.details.get("objective"),
        "weighted_objective": done.details.get("weighted_objective"),
        "upper_bound": done.details.get("upper_bound"),
        "wall": round(wall, 2),
        "cpu": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": peak_rss_mib(),
    }


def peak_rss_mib() -> int:
    """This process's peak resident memory (VmHWM: getrusage's maxrss would include the
    parent's peak, which a child inherits across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return -1


def run_in_child(app_url: str, slug: str, key: str) -> dict[str, Any]:
    """`one_run` in a fresh process (its own CPU time and peak memory)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", app_url, slug, key],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def row(result: dict[str, Any], note: str) -> str:
    t = result["timings"]
    return (
        f"| {result['tenant']} ({note}) | {result['stores']:,} × {result['skus']:,} | "
        f"{result['demand_rows']:,} | {result['orders']:,} | {result['lines']:,} | "
        f"{t['load']:.1f} | {t['forecast']:.1f} | {t['allocate']:.1f} | {t['persist']:.1f} | "
        f"{t['total']:.1f} | {result['cpu']:.1f} | {result['peak_rss_mib']:,} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--large-stores", type=int, default=2000)
    parser.add_argument("--large-styles", type=int, default=225)
    parser.add_argument("--large-days", type=int, default=120)
    parser.add_argument("--child", nargs=3, metavar=("URL", "SLUG", "KEY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(one_run(*args.child))))
        return
    with tempfile.TemporaryDirectory(prefix="peihuo-bench-runs-") as folder:
        app_url, admin_url = fresh_urls(args.database, Path(folder), PG_DATABASE)
        migrations.upgrade(admin_url)
        specs = [taozi(TODAY)]
        if not args.skip_large:
            specs.append(large_spec(args.large_stores, args.large_styles, args.large_days))
        seeded = asyncio.run(seed_tenants(admin_url, specs))
        print(f"seeded (s): {seeded}", file=sys.stderr)
        print(f"load average before the runs: {os.getloadavg()}", file=sys.stderr)
        results = []
        for spec in specs:
            for key, note in (("bench-1", "first run"), ("bench-1", "same key again")):
                result = run_in_child(app_url, spec.slug, key)
                results.append((result, note))
                print(json.dumps(result), file=sys.stderr)
        print(f"load average after the runs: {os.getloadavg()}", file=sys.stderr)
        for result, note in results:
            print(row(result, note))


if __name__ == "__main__":
    main()
