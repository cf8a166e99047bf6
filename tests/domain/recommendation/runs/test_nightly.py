"""The nightly run: the tenant's cron (in its time zone) starts one run per scheduled time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.recommendation.runs.models import RecommendationRun, RunStatus, RunTrigger
from domain.recommendation.runs.nightly import last_due, start_if_due
from domain.tenancy.session import tenant_session
from tests.domain.recommendation.runs.factories import run_now, set_policy
from tests.factories import World, system


async def _scan(db: Database, world: World) -> dict[str, str | int | None]:
    async with tenant_session(db, system(world.tenant)) as session:
        result = await start_if_due(session)
        await session.commit()
        return result


async def _nightly_runs(db: Database, world: World) -> list[RecommendationRun]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(RecommendationRun).where(RecommendationRun.trigger == RunTrigger.NIGHTLY)
        )
        return list(rows)


def test_the_schedule_is_read_in_the_tenant_time_zone() -> None:
    # 18:30 UTC is 02:30 the next day in Shanghai: 02:00 there has just passed.
    now = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    due = last_due("0 2 * * *", "Asia/Shanghai", now)
    assert due.isoformat() == "2026-11-24T02:00:00+08:00"
    assert last_due("0 2 * * *", "UTC", now).isoformat() == "2026-11-23T02:00:00+00:00"
    assert last_due("30 18 * * *", "UTC", now) == now  # due this very minute


async def test_the_nightly_run_starts_once_per_scheduled_time(db: Database, world: World) -> None:
    await set_policy(db, world, nightly_run_cron="0 2 * * *")
    # 01:30 in Shanghai: the last scheduled time (yesterday 02:00) is too long ago to catch up.
    with clock.frozen_clock(datetime(2026, 11, 23, 17, 30, tzinfo=UTC)) as frozen:
        assert "too long ago" in str((await _scan(db, world))["skipped"])
        assert await _nightly_runs(db, world) == []
        frozen.advance(timedelta(minutes=35))  # 02:05 in Shanghai
        started = await _scan(db, world)
        assert started["key"] == "nightly-20261124T0200"
        frozen.advance(timedelta(minutes=5))
        assert (await _scan(db, world))["skipped"] == "already started"
        runs = await _nightly_runs(db, world)
        assert len(runs) == 1
        run = runs[0]
        assert run.tenant_wide and run.stores_total == len(world.stores)
        assert run.status == RunStatus.QUEUED and run.created_at == clock.now() - timedelta(
            minutes=5
        )
        frozen.advance(timedelta(days=1))  # 02:10 the next night: a new scheduled time
        assert (await _scan(db, world))["key"] == "nightly-20261125T0200"
    assert len(await _nightly_runs(db, world)) == 2
    done = await run_now(db, world, run.id)
    assert done.status == RunStatus.SUCCEEDED


async def test_the_schedule_is_configurable_and_can_be_turned_off(
    db: Database, world: World
) -> None:
    await set_policy(db, world, nightly_run_cron="30 22 * * 0")  # Sundays 22:30, tenant time
    with clock.frozen_clock(datetime(2026, 11, 22, 14, 40, tzinfo=UTC)):  # Sun 22:40 Shanghai
        assert (await _scan(db, world))["key"] == "nightly-20261122T2230"
    await set_policy(db, world, nightly_run_cron=None)
    with clock.frozen_clock(datetime(2026, 11, 29, 14, 40, tzinfo=UTC)):
        assert (await _scan(db, world))["skipped"] == "no nightly schedule"
    assert len(await _nightly_runs(db, world)) == 1
