"""The nightly run: each tenant's `allocation.nightly_run_cron` (tenant time) starts a run of
every store, once per scheduled time.

A periodic scan (every few minutes, fanned out per tenant) asks each tenant whether a
scheduled time has passed that has no run yet; the run's key is that time
(`nightly-20261124T0200`), so two scans, two workers or a restart never start it twice. A
time missed by more than `CATCH_UP` (the workers were down all night) is skipped rather
than run late into the day.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from croniter import croniter  # type: ignore[import-untyped]
from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.db.binding import session_actor, session_tenant
from domain.errors import DomainError
from domain.recommendation.runs.models import RecommendationRun, RunStatus, RunTrigger
from domain.recommendation.runs.service import RunRequest, request_run
from domain.tenancy.models import Tenant

#: How late a scheduled run may still start.
CATCH_UP = timedelta(hours=6)
#: A running run silent this long has lost its worker for good (the job's timeout is an hour,
#: and rq retries an abandoned job well within this).
STALE_AFTER = timedelta(hours=3)


def last_due(cron: str, time_zone: str, now: datetime) -> datetime:
    """The latest time at or before `now` the cron expression names (evaluated in `time_zone`)."""
    local = now.astimezone(ZoneInfo(time_zone))
    # croniter steps back from an instant strictly after `now`, so `now` itself can be due.
    previous: datetime = croniter(cron, local + timedelta(seconds=1)).get_prev(datetime)
    return previous


def nightly_key(due: datetime) -> str:
    """The run key of a scheduled time (tenant-local wall time: what the tenant set)."""
    return f"nightly-{due:%Y%m%dT%H%M}"


def valid_cron(cron: str) -> bool:
    """Whether `cron` is a five-field cron expression croniter understands."""
    return len(cron.split()) == 5 and bool(croniter.is_valid(cron))


def _stale() -> ColumnElement[bool]:
    """Runs under way with no sign of life for `STALE_AFTER`."""
    return and_(
        RecommendationRun.status == RunStatus.RUNNING,
        RecommendationRun.heartbeat_at < clock.now() - STALE_AFTER,
    )


def scheduled_key(tenant: Tenant, now: datetime) -> tuple[str | None, str]:
    """The run key of the tenant's latest scheduled time, or None and why there is none to
    start (no schedule, an invalid one, or a time missed by more than `CATCH_UP`)."""
    cron = tenant.policies.allocation.nightly_run_cron
    if not cron:
        return None, "no nightly schedule"
    if not valid_cron(cron):
        return None, f"invalid schedule {cron!r}"
    due = last_due(cron, tenant.time_zone, now)
    if now - due > CATCH_UP:
        return None, f"last scheduled time {due.isoformat()} is too long ago"
    return nightly_key(due), ""


async def has_due(session: AsyncSession) -> bool:
    """Whether the session's tenant has a scheduled run to start or a lost run to fail (the
    periodic scan's probe)."""
    if await session.scalar(select(RecommendationRun.id).where(_stale()).limit(1)) is not None:
        return True
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    key, _ = scheduled_key(tenant, clock.now())
    if key is None:
        return False
    started = select(RecommendationRun.id).where(RecommendationRun.key == key).limit(1)
    return await session.scalar(started) is None


async def fail_stale(session: AsyncSession) -> int:
    """Mark failed the runs whose worker died for good (no sign of life for `STALE_AFTER`),
    so nobody waits on them; asking again with the same key runs them again."""
    now = clock.now()
    stale = list(await session.scalars(select(RecommendationRun).where(_stale())))
    for run in stale:
        assert run.heartbeat_at is not None
        run.status = RunStatus.FAILED
        run.finished_at = now
        run.error = (
            f"attempt {run.attempts}: no sign of life since {run.heartbeat_at.isoformat()} "
            "(its worker was lost); ask again with the same key to run it again"
        )
        await record(
            session,
            "recommendation_run.fail",
            "recommendation_runs",
            run.id,
            after={"key": run.key, "attempt": run.attempts, "error": run.error},
        )
    return len(stale)


async def start_if_due(session: AsyncSession) -> dict[str, str | int | None]:
    """Start the session's tenant's scheduled run if its time has come and it has no run yet."""
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    key, why_not = scheduled_key(tenant, clock.now())
    if key is None:
        return {"skipped": why_not}
    if await session.scalar(select(RecommendationRun.id).where(RecommendationRun.key == key)):
        return {"skipped": "already started", "key": key}
    try:
        run = await request_run(
            session,
            session_actor(session),
            RunRequest(key=key, trigger=RunTrigger.NIGHTLY),
        )
    except DomainError as error:  # e.g. a tenant without stores yet
        return {"skipped": error.message, "key": key}
    return {"run_id": run.id, "key": key}
