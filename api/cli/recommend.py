"""`peihuo recommend --tenant SLUG [--region CODE] [--horizon-days 28] [--key KEY]`.

Runs a recommendation run in this process (no worker needed), with a progress bar per phase
and the stores written so far, then prints what it wrote. The run is the same as the one
`runRecommendations` queues: same key rules, same drafts, same audit entries.
"""

from __future__ import annotations

import asyncio

import typer
from sqlalchemy import select

from api.cli.progress import BarProgress, err
from api.cli.tenants import tenant_actor
from domain.db import Database
from domain.errors import DomainError
from domain.recommendation.runs.execute import execute_run
from domain.recommendation.runs.models import RecommendationRun, RunPhase
from domain.recommendation.runs.service import RunRequest, request_run
from domain.regions.models import Region
from domain.settings import Settings, get_settings
from domain.tenancy.session import tenant_session

_PHASE_NAMES = {
    RunPhase.LOAD: "loading stores and stock",
    RunPhase.FORECAST: "forecasting demand",
    RunPhase.ALLOCATE: "allocating HQ stock",
    RunPhase.PERSIST: "writing proposals",
}


class _Bar:
    """Turns the run's progress into bars: one per phase, stores done / total while writing."""

    def __init__(self, bar: BarProgress) -> None:
        self.bar = bar
        self.phase: RunPhase | None = None
        self.done = 0

    def __call__(self, run: RecommendationRun) -> None:
        if run.phase != self.phase and run.phase in _PHASE_NAMES:
            self.phase = run.phase
            total = run.stores_total if run.phase == RunPhase.PERSIST else None
            self.bar.phase(_PHASE_NAMES[run.phase], total)
            self.done = 0
        if run.phase == RunPhase.PERSIST:
            self.bar.advance(run.stores_done - self.done)
            self.done = run.stores_done


def _no(message: str) -> typer.Exit:
    err.print(f"[red]{message}[/]")
    return typer.Exit(1)


async def _recommend(
    settings: Settings, slug: str, region: str | None, horizon: int | None, key: str | None
) -> RecommendationRun:
    db = Database(settings.database_url)
    try:
        actor = await tenant_actor(db, slug, "cli:recommend")
        async with tenant_session(db, actor) as session:
            region_ids: list[int] = []
            if region is not None:
                found = await session.scalar(select(Region.id).where(Region.code == region))
                if found is None:
                    raise _no(f"no region {region!r} in tenant {slug}")
                region_ids = [int(found)]
            # Run here, not by a worker: the run is recorded without a job.
            request = RunRequest(region_ids=region_ids, horizon_days=horizon, key=key)
            run = await request_run(session, actor, request, enqueue=False)
            await session.commit()
            with BarProgress(err) as bar:
                return await execute_run(
                    session,
                    run.id,
                    listener=_Bar(bar),
                    batch_stores=settings.recommendation_batch_stores,
                )
    finally:
        await db.dispose()


def recommend(
    tenant: str = typer.Option(..., "--tenant", help="Slug of the tenant."),
    region: str | None = typer.Option(None, "--region", help="Only this region (its code)."),
    horizon_days: int | None = typer.Option(
        None, "--horizon-days", help="Days of demand to cover (default: the tenant's policy)."
    ),
    key: str | None = typer.Option(
        None, "--key", help="Run key: the same key again replaces that run's drafts."
    ),
) -> None:
    """Forecast, allocate HQ stock across the stores and write one draft order per store."""
    try:
        run = asyncio.run(_recommend(get_settings(), tenant, region, horizon_days, key))
    except DomainError as error:
        err.print(f"[red]{error.message}[/]")
        raise typer.Exit(1) from None
    timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in run.timings.items())
    err.print(
        f"[green]run {run.key}: {run.orders_written} proposals for {run.stores_total} stores "
        f"({run.orders_kept} kept as edited or sent), {run.units} units, cost {run.total_cost}, "
        f"expected margin {run.expected_margin}[/]",
        highlight=False,
    )
    err.print(f"timings: {timings}", highlight=False)
