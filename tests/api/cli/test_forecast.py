"""`peihuo forecast` and `peihuo forecast backtest` on a small tenant with a sales history."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from domain.db import Database
from domain.sales.models import DailySale
from domain.tenancy.session import tenant_session
from tests.api.cli.conftest import Invoke
from tests.factories import World, system

END = date(2026, 11, 23)
DAYS = 120


async def sell(db: Database, world: World, end: date = END, days: int = DAYS) -> None:
    """Four months (or `days`) of Poisson sales: the first store sells twice what the others
    do."""
    rng = np.random.default_rng(3)
    rows = []
    for s, store in enumerate(world.stores):
        for k, sku in enumerate(world.skus):
            rate = (2.0 if s == 0 else 1.0) * (0.6 if k % 3 == 1 else 0.3)
            for back in range(1, days + 1):
                qty = int(rng.poisson(rate))
                if qty:
                    day = end - timedelta(days=back)
                    rows.append({"store_id": store.id, "sku_id": sku.id, "day": day, "qty": qty})
    async with tenant_session(db, system(world.tenant)) as session:
        await session.execute(
            insert(DailySale), [{"tenant_id": world.tenant.id, **r} for r in rows]
        )
        await session.commit()


async def test_forecast_prints_stores_and_one_store_s_skus(
    peihuo: Invoke, db: Database, world: World
) -> None:
    await sell(db, world)
    slug, end = world.tenant.slug, END.isoformat()
    result = await peihuo("forecast", "--tenant", slug, "--end", end)
    assert result.exit_code == 0, result.output
    assert "Expected units, 28 days from 2026-11-23" in result.stdout
    lines = [line for line in result.stdout.splitlines() if world.stores[0].code in line]
    assert lines, result.stdout
    first = world.stores[0].code
    result = await peihuo("forecast", "--tenant", slug, "--end", end, "--store", first)
    assert result.exit_code == 0, result.output
    assert f"Store {first}" in result.stdout
    assert world.skus[1].code in result.stdout


async def test_forecast_writes_every_store_and_sku_to_csv(
    peihuo: Invoke, db: Database, world: World, tmp_path: Path
) -> None:
    await sell(db, world)
    path = tmp_path / "forecast.csv"
    result = await peihuo(
        "forecast", "--tenant", world.tenant.slug, "--end", END.isoformat(),
        "--horizon-days", "14", "-o", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(world.stores) * len(world.skus)
    assert {r["horizon_days"] for r in rows} == {"14"}
    by_store: dict[str, float] = {}
    for r in rows:
        by_store[r["store_code"]] = by_store.get(r["store_code"], 0.0) + float(r["expected_units"])
    first = by_store.pop(world.stores[0].code)
    others = sum(by_store.values()) / len(by_store)
    # The others sell 2.4 units a day; the first twice that (pooling pulls it towards them).
    assert 14 * 2.4 * 0.8 < others < 14 * 2.4 * 1.2
    assert 1.4 * others < first < 2.2 * others


async def test_backtest_reports_the_forecast_and_the_baselines(
    peihuo: Invoke, db: Database, world: World
) -> None:
    await sell(db, world)
    result = await peihuo(
        "forecast", "backtest", "--tenant", world.tenant.slug, "--end", END.isoformat()
    )
    assert result.exit_code == 0, result.output
    for text in ("seasonal naive", "moving average", "store × SKU", "store × category"):
        assert text in result.stdout
    assert "lower than the best baseline" in result.stdout
    assert "(last year" not in result.stdout  # four months: no last year to repeat


async def test_backtest_repeats_last_year_s_weeks_when_there_is_a_year(
    peihuo: Invoke, db: Database, world: World
) -> None:
    await sell(db, world, days=460)  # a year, the holdout and 8 weeks before last year's
    result = await peihuo(
        "forecast", "backtest", "--tenant", world.tenant.slug, "--end", END.isoformat()
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("(last year") == 2 * 3  # as it was and × YoY, at each level


async def test_unknown_tenant_and_store_are_refused(peihuo: Invoke, world: World) -> None:
    result = await peihuo("forecast", "--tenant", "no-such-tenant")
    assert result.exit_code == 2
    assert "no tenant 'no-such-tenant'" in result.stderr
    result = await peihuo("forecast", "--tenant", world.tenant.slug, "--store", "NOPE")
    assert result.exit_code == 2
    assert "store: no active store 'NOPE'" in result.stderr
    result = await peihuo("forecast")
    assert result.exit_code == 2
