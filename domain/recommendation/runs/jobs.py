"""Recommendation jobs: one keyed job per run (retried when a worker dies), and the nightly scan."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import DomainError
from domain.jobs import runner
from domain.jobs.periodic import fan_out, periodic
from domain.jobs.registry import job
from domain.recommendation.runs.execute import execute_run
from domain.recommendation.runs.nightly import fail_stale, has_due, start_if_due
from domain.recommendation.runs.service import RUN_JOB

NIGHTLY_EVERY = 300
NIGHTLY_JOB = "recommendations.nightly"
NIGHTLY_TENANT_JOB = "recommendations.nightly_tenant"


@job(RUN_JOB, queue="low", timeout=3600)
async def run(session: AsyncSession, run_id: int) -> dict[str, Any]:
    """Run one recommendation run; a refusal (bad scope, no data) fails it without retries."""
    try:
        batch = runner.runtime().settings.recommendation_batch_stores
        done = await execute_run(session, run_id, batch_stores=batch)
    except DomainError as error:
        return {"run_id": run_id, "failed": error.message}
    return {
        "run_id": run_id,
        "orders": done.orders_written,
        "kept": done.orders_kept,
        "units": done.units,
        "timings": done.timings,
    }


@job(NIGHTLY_JOB, queue="low", exactly_once=False)
async def nightly_all(session: AsyncSession) -> dict[str, Any]:
    """Platform job: queue the nightly scan of every tenant whose scheduled run is due (or has a
    run whose worker is gone)."""
    return {"tenants": await fan_out(session, NIGHTLY_TENANT_JOB, NIGHTLY_EVERY, has_due)}


@job(NIGHTLY_TENANT_JOB, queue="low", exactly_once=False)
async def nightly_tenant(session: AsyncSession) -> dict[str, Any]:
    """Fail runs whose worker is gone for good, and start the tenant's scheduled run when due
    (keyed by its scheduled time: once)."""
    stale = await fail_stale(session)
    return {**await start_if_due(session), "stale_failed": stale}


periodic(NIGHTLY_JOB, NIGHTLY_EVERY)
