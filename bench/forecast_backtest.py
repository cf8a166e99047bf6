"""Benchmark: the forecast's backtest on the demo tenant, and its speed at 2,000 × 3,000.

    .venv/bin/python bench/forecast_backtest.py                       # seeds a fresh demo
    .venv/bin/python bench/forecast_backtest.py --database-url URL    # a database already seeded
    .venv/bin/python bench/forecast_backtest.py --speed-only
    .venv/bin/python bench/forecast_backtest.py --database-url URL --oracle --skip-speed

Backtest: the demo tenant `taozi` (300 stores, 150 styles, 18 months of sales ending the day
before 2026-11-23) is seeded into a fresh SQLite file (unless a URL is given); its sales are
loaded as `peihuo forecast backtest` loads them, the last `--weeks` weeks are held out and
forecast from the days before, and the forecast and the baselines are scored (WAPE, bias) at
store × SKU, store × style and store × category. The model's knobs were tuned on the two
4-week folds before this holdout, never on it.

Oracle (`--oracle`): the demo's sales are generated (domain.demo), so the generator can say
what the true mean of each holdout cell was. The world is drawn again from the same spec
(`draw_world`), the sales simulation is run to the first holdout day and its shelves are
forked there; the original run goes on to the end and must reproduce every seeded row of the
active stores and SKUs (else the bench stops: it would not be the same world). Each fork
replays the holdout with fresh luck (`--replicates` of them): the mean of their units sold is
the true expected sales of each store × SKU given the stock the simulation had; the mean of
the Poisson means they drew from is the true expected demand. A third set of forks also
redraws the stores' daily traffic shocks (which nobody can know before the day), and the
per-cell median of the first set is the best point any forecast could give WAPE. These are
scored by the same code as the forecast.

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
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select

from domain import migrations
from domain.db import Database
from domain.demo.demand import SHOCK_SHAPE
from domain.demo.plan import draw_world
from domain.demo.sales import History as DemoHistory
from domain.demo.sales import Simulation
from domain.demo.seed import seeded_spec
from domain.demo.spec import DemoSpec, taozi
from domain.permissions import Actor
from domain.recommendation.forecast import History, forecast, load_history
from domain.recommendation.forecast.backtest import (
    BASELINES,
    LEVELS,
    Score,
    actual_units,
    at_levels,
    backtest,
    score,
)
from domain.recommendation.forecast.history import HISTORY_DAYS
from domain.recommendation.forecast.service import codes
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

TODAY = date(2026, 11, 23)


async def load(url: str, seed_first: bool) -> History:
    db = Database(url)
    try:
        if seed_first:
            from domain.demo.seed import seed

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


@dataclass
class Seeded:
    """What ties the database to the generator: the spec the demo was seeded with, and the
    codes of the history's stores and SKUs (the plan's names for them)."""

    spec: DemoSpec
    store_codes: list[str]
    sku_codes: list[str]


async def seeded(url: str, history: History) -> Seeded:
    """The seeded demo's spec (from its seed marker) and the history's store and SKU codes."""
    db = Database(url)
    try:
        found = await seeded_spec(db, "taozi")
        assert found is not None, "taozi in this database is not a seeded demo"
        spec = replace(
            taozi(date.fromisoformat(str(found["today"]))).with_size(
                int(found["stores"]), int(found["styles"]), int(found["history_days"])
            ),
            seed=int(found["seed"]),
        )
        async with db.session() as session:
            tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == "taozi"))
        assert tenant_id is not None
        async with tenant_session(db, Actor.system(tenant_id, label="bench")) as session:
            store_codes, sku_codes = await codes(session, history)
        return Seeded(spec, store_codes, sku_codes)
    finally:
        await db.dispose()


def run_backtest(history: History, weeks: int, extra: list[Score] | None = None) -> None:
    started = time.perf_counter()
    scores = backtest(history, weeks=weeks)
    seconds = time.perf_counter() - started
    print(f"backtest ({weeks} weeks held out) in {seconds:.1f} s")
    print("| level | method | WAPE | bias | vs best baseline |\n| --- | --- | --- | --- | --- |")
    everything = scores + (extra or [])
    for level in dict.fromkeys(s.level for s in everything):
        rows = [s for s in everything if s.level == level]
        best = min(s.wape for s in rows if s.method in BASELINES)
        for s in rows:
            change = f"{100 * (s.wape / best - 1):+.1f} %"
            print(f"| {level} | {s.method} | {s.wape:.3f} | {s.bias:+.3f} | {change} |")


@dataclass
class Replays:
    """Sums over the forks of the holdout, in the plan's store × SKU (or × style) cells."""

    sold: NDArray[np.float64]  # S × K units sold
    expected: NDArray[np.float64]  # S × P Poisson means drawn from (units asked for)
    draws: list[NDArray[np.uint16]]  # each fork's S × K units sold


def replay(
    start: Simulation, first: int, last: int, forks: int, seed: int, redraw_shocks: bool
) -> Replays:
    """Run days `first`..`last - 1` from the shelves of `start`, `forks` times with other luck
    (and, with `redraw_shocks`, other daily traffic shocks of the stores)."""
    n_stores, n_skus = start.on_hand.shape
    total = Replays(np.zeros((n_stores, n_skus)), np.zeros(start.carried.shape), [])
    for r in range(forks):
        rng = np.random.default_rng([seed, r, int(redraw_shocks)])
        twin = start.fork(rng)
        twin.expected = np.zeros(start.carried.shape)
        if redraw_shocks:
            shock = twin.model.shock.copy()
            shock[:, first:last] = rng.gamma(
                SHOCK_SHAPE, 1.0 / SHOCK_SHAPE, (n_stores, last - first)
            )
            twin.model = replace(twin.model, shock=shock)
        for t in range(first, last):
            twin.step(t)
        cs, ck, qty = (np.concatenate([p[i] for p in twin.parts]) for i in (0, 1, 3))
        sold = np.bincount(cs * n_skus + ck, weights=qty, minlength=n_stores * n_skus)
        total.sold += sold.reshape(n_stores, n_skus)
        total.expected += twin.expected
        total.draws.append(sold.reshape(n_stores, n_skus).astype(np.uint16))
    return total


def same_world(
    regenerated: DemoHistory,
    history: History,
    stores: NDArray[np.int64],
    skus: NDArray[np.int64],
    offset: int,
) -> int:
    """Check that the regenerated rows of the history's stores and SKUs are the seeded rows
    (store, SKU, day, units, out of stock); returns how many were compared."""
    s, k = stores[regenerated.store], skus[regenerated.sku]
    keep = (s >= 0) & (k >= 0)
    mine = np.stack([
        s[keep], k[keep], regenerated.day[keep] + offset, regenerated.qty[keep],
        ((regenerated.qty == 0) & (regenerated.on_hand_close == 0))[keep],
    ]).astype(np.int64)  # fmt: skip
    seeded = np.stack([
        history.row_store, history.row_sku, history.row_day, history.row_qty,
        history.row_censored,
    ]).astype(np.int64)  # fmt: skip
    mine = mine[:, np.lexsort(mine[::-1])]
    seeded = seeded[:, np.lexsort(seeded[::-1])]
    if mine.shape != seeded.shape or not np.array_equal(mine, seeded):
        raise SystemExit(
            f"the regenerated history ({mine.shape[1]:,} rows) is not the seeded one "
            f"({seeded.shape[1]:,} rows): another spec, seed or generator"
        )
    return int(seeded.shape[1])


def oracle(history: History, demo: Seeded, weeks: int, forks: int) -> list[Score]:
    """Draw the demo's world again, prove it is the seeded one, and score the true means (and
    medians) of the holdout by the backtest's own scoring."""
    started = time.perf_counter()
    spec = demo.spec
    if spec.today != history.end:
        raise SystemExit(f"the demo's history ends before {spec.today}, not {history.end}")
    store_codes, sku_codes = demo.store_codes, demo.sku_codes
    world = draw_world(spec)
    horizon = weeks * 7
    first, last = spec.history_days - horizon, spec.history_days
    offset = history.days - spec.history_days  # the loaded history may start earlier
    store_pos = {c: i for i, c in enumerate(store_codes)}
    sku_pos = {c: i for i, c in enumerate(sku_codes)}
    stores = np.array([store_pos.get(s.code, -1) for s in world.stores], dtype=np.int64)
    skus = np.array([sku_pos.get(k.code, -1) for k in world.catalogue.skus], dtype=np.int64)
    sim = Simulation(
        spec, world.stores, world.catalogue, world.model, world.carried, world.sales_rng
    )
    for t in range(first):
        sim.step(t)
    start = sim.fork(np.random.default_rng(0))
    for t in range(first, last):
        sim.step(t)
    compared = same_world(sim.finish(), history, stores, skus, offset)
    print(
        f"regenerated the demo: all {compared:,} seeded sales rows of the active stores and "
        f"SKUs match ({time.perf_counter() - started:.1f} s)"
    )
    started = time.perf_counter()
    luck = replay(start, first, last, forks, seed=1, redraw_shocks=False)
    shocks = replay(start, first, last, forks, seed=2, redraw_shocks=True)
    print(
        f"{2 * forks} forks of the {horizon}-day holdout in {time.perf_counter() - started:.1f} s"
    )

    rows, cols = np.nonzero(stores >= 0)[0], np.nonzero(skus >= 0)[0]

    def ours(plan_cells: NDArray[np.float64]) -> NDArray[np.float64]:
        """Plan store × SKU cells in the history's order (inactive stores and SKUs dropped)."""
        out = np.zeros((history.store_ids.size, history.sku_ids.size))
        out[np.ix_(stores[rows], skus[cols])] = plan_cells[np.ix_(rows, cols)]
        return out

    sku_style = world.catalogue.sku_style
    share = world.catalogue.sku_share
    share = share / np.bincount(sku_style, weights=share)[sku_style]
    demand = luck.expected[:, sku_style] * share[None, :] / forks
    train = history.before(history.end - timedelta(days=horizon))
    actual = actual_units(history, history.days - horizon, horizon)
    half = replay(start, first, last, forks // 2, seed=3, redraw_shocks=False)
    means = {
        "oracle (true mean): expected sales": luck.sold / forks,
        "oracle (true mean): expected demand": demand,
        "oracle (true mean): expected sales, traffic shocks unknown": shocks.sold / forks,
        f"oracle (true mean): expected sales, {forks // 2} forks": half.sold / (forks // 2),
    }
    scores: list[Score] = []
    for name, cells in means.items():
        scores.extend(score(name, train, ours(cells), actual))
    # The best point forecast WAPE can get: each cell's median of the forks' units, per level
    # (kept small: whole units at store × SKU, float32 above).
    draws: dict[str, list[NDArray[np.generic]]] = {level: [] for level in LEVELS}
    for d in luck.draws:
        by_level = at_levels(train, ours(d.astype(np.float64)))
        draws[LEVELS[0]].append(by_level[LEVELS[0]].astype(np.uint16))
        for level in LEVELS[1:]:
            draws[level].append(by_level[level].astype(np.float32))
    truth = at_levels(train, actual)
    for level in LEVELS:
        median = np.median(np.stack(draws.pop(level)), axis=0)
        a = truth[level]
        total = float(a.sum())
        scores.append(Score("oracle: median of expected sales", level,
                            float(np.abs(median - a).sum()) / total,
                            float((median - a).sum()) / total))  # fmt: skip
    return scores


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
    parser.add_argument(
        "--oracle", action="store_true", help="Also score the generator's true means."
    )
    parser.add_argument("--replicates", type=int, default=200, help="Oracle forks.")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    if not args.speed_only:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            if not args.database_url:
                migrations.upgrade(url)
            history = asyncio.run(load(url, seed_first=not args.database_url))
            demo = asyncio.run(seeded(url, history)) if args.oracle else None
        extra = oracle(history, demo, args.weeks, args.replicates) if demo else None
        run_backtest(history, args.weeks, extra)
        del history
    if not args.skip_speed:
        run_speed(2000, 3000, args.rows)


if __name__ == "__main__":
    main()
