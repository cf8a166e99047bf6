"""Running a run: load, forecast, allocate, persist, with progress and timings in the run's row.

The same function serves the rq job (`domain.recommendation.runs.jobs`), the CLI and the
benchmark. It commits as it goes: once when it starts, after every batch of stores (the
drafts and the progress together) and when it ends, so anyone reading the run sees how far
it is, and a worker killed midway leaves only whole batches behind, which the retried job
replaces (see `persist`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.db.binding import session_actor, session_tenant
from domain.errors import DomainError, ErrorCode
from domain.observability import metrics
from domain.orders.service import DraftRequest
from domain.recommendation.allocation import AllocationPlan, AllocationProblem
from domain.recommendation.forecast import forecast, load_history
from domain.recommendation.forecast.history import HISTORY_DAYS
from domain.recommendation.holdout import allocate_with_holdout, holdout_mask
from domain.recommendation.policies import ShapingNotes, shape_with_notes
from domain.recommendation.runs.explain import LineFacts, recent_sales, season_peaks
from domain.recommendation.runs.models import RecommendationRun, RunPhase, RunStatus
from domain.recommendation.runs.network import Network, load_network, scope_stores
from domain.recommendation.runs.persist import Written, write_batch
from domain.recommendation.runs.problem import align_forecast, build_problem, proposals_by_store
from domain.tenancy.models import Tenant

#: Stores written per transaction when the caller does not say (Settings'
#: recommendation_batch_stores): small enough that progress moves and a killed worker loses
#: little, large enough that 2,000 stores are not 2,000 commits.
BATCH_STORES = 50

#: Called after each step with the run as it stands (the CLI draws its progress bar from it).
Listener = Callable[[RecommendationRun], None]


class RunNotFound(DomainError):
    """The run the job names does not exist (in the job's tenant)."""

    def __init__(self, run_id: int) -> None:
        super().__init__(ErrorCode.NOT_FOUND, f"recommendation run {run_id} not found", "run_id")


@dataclass
class _Timer:
    timings: dict[str, float]

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = round(elapsed, 3)
            metrics.RUN_PHASE_SECONDS.labels(name).observe(elapsed)


async def execute_run(
    session: AsyncSession,
    run_id: int,
    listener: Listener | None = None,
    batch_stores: int | None = None,
) -> RecommendationRun:
    """Run the run `run_id` to the end (again, if it ran before), committing as it goes.

    Raises on failure after recording the error on the run (the job's retry runs it again).
    """
    run = await session.get(RecommendationRun, run_id)
    if run is None:
        raise RunNotFound(run_id)
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    try:
        batch = batch_stores or BATCH_STORES
        return await _execute(session, run, tenant, listener or (lambda _: None), batch)
    except Exception as error:
        await _fail(session, run_id, error)
        raise


async def _execute(
    session: AsyncSession,
    run: RecommendationRun,
    tenant: Tenant,
    listener: Listener,
    batch_stores: int,
) -> RecommendationRun:
    timer = _Timer({})
    await _start(session, run, listener)
    with timer.phase("load"):
        stores = await scope_stores(session, run.requested_region_ids, run.requested_store_ids)
        network = await load_network(session, stores)
        run.stores_total = len(stores)
        await _step(session, run, RunPhase.FORECAST, timer, listener)
    with timer.phase("forecast"):
        today = _today(tenant)
        history = await load_history(
            session,
            store_ids=[s.id for s in stores],
            end=today,
            days=HISTORY_DAYS,
        )
        predicted = forecast(history, horizon_days=run.horizon_days, start=today)
        facts = LineFacts(recent_sales(history), season_peaks(history, today.month))
        demand = align_forecast(network, predicted)
        await _step(session, run, RunPhase.ALLOCATE, timer, listener)
    with timer.phase("allocate"):
        problem = build_problem(network, demand)
        shaped = await shape_with_notes(
            session, problem, stores=network.stores, skus=network.skus, policies=tenant.policies
        )
        problem = shaped.problem
        # the run's control group, seeded by its key (a retry draws the same stores)
        holdout = holdout_mask(
            [s.id for s in network.stores],
            tenant.policies.allocation.holdout_fraction,
            seed=run.key,
        )
        plan = allocate_with_holdout(problem, holdout)
        run.details = _details(problem, plan, holdout)
        await _step(session, run, RunPhase.PERSIST, timer, listener)
    with timer.phase("persist"):
        written = await _persist(
            session,
            run,
            network,
            (problem, shaped.notes, plan, holdout, facts),
            listener,
            batch_stores,
        )
    await _finish(session, run, written, plan, timer, listener)
    return run


def _today(tenant: Tenant) -> date:
    """Today in the tenant's time zone (a run the night of the 23rd plans from the 23rd)."""
    return clock.now().astimezone(ZoneInfo(tenant.time_zone)).date()


def _details(
    problem: AllocationProblem, plan: AllocationPlan, holdout: np.ndarray
) -> dict[str, Any]:
    bound = plan.upper_bound
    return {
        "demand_rows": problem.n_rows,
        "skus": problem.n_skus,
        "method": plan.method,
        "objective": round(plan.objective, 2),
        "weighted_objective": round(plan.weighted_objective, 2),
        "upper_bound": round(bound, 2) if np.isfinite(bound) else None,
        "holdout_stores": int(holdout.sum()),
        "solver_timings": {k: round(v, 3) for k, v in plan.timings.items()},
    }


async def _persist(
    session: AsyncSession,
    run: RecommendationRun,
    network: Network,
    solved: tuple[AllocationProblem, ShapingNotes, AllocationPlan, np.ndarray, LineFacts],
    listener: Listener,
    batch_stores: int,
) -> Written:
    actor = session_actor(session)
    problem, notes, plan, holdout, facts = solved
    lines = proposals_by_store(network, problem, notes, plan, holdout, facts)
    proposals = [
        DraftRequest(store.id, lines[i], bool(holdout[i])) for i, store in enumerate(network.stores)
    ]
    total = Written()
    for start in range(0, len(proposals), max(batch_stores, 1)):
        batch = proposals[start : start + batch_stores]
        total.add(await write_batch(session, actor, run.id, batch))
        run.stores_done = start + len(batch)
        run.heartbeat_at = clock.now()
        await session.commit()
        # The drafts are written; let them go, so 2,000 stores' lines do not pile up in memory.
        session.expunge_all()
        session.add(run)
        listener(run)
    return total


async def _start(session: AsyncSession, run: RecommendationRun, listener: Listener) -> None:
    run.status = RunStatus.RUNNING
    run.phase = RunPhase.LOAD
    run.attempts += 1
    run.started_at = clock.now()
    run.heartbeat_at = run.started_at
    run.finished_at = None
    run.stores_done = 0
    run.error = None
    run.timings = {}
    await session.commit()
    listener(run)


async def _step(
    session: AsyncSession,
    run: RecommendationRun,
    phase: RunPhase,
    timer: _Timer,
    listener: Listener,
) -> None:
    run.phase = phase
    run.timings = dict(timer.timings)
    run.heartbeat_at = clock.now()
    await session.commit()
    listener(run)


async def _finish(
    session: AsyncSession,
    run: RecommendationRun,
    written: Written,
    plan: AllocationPlan,
    timer: _Timer,
    listener: Listener,
) -> None:
    run.status = RunStatus.SUCCEEDED
    run.phase = RunPhase.DONE
    run.finished_at = clock.now()
    run.timings = dict(timer.timings) | {"total": round(sum(timer.timings.values()), 3)}
    run.orders_written = written.orders
    run.orders_kept = written.kept
    run.lines_written = written.lines
    run.units = written.units
    run.total_cost = written.cost
    run.expected_margin = Decimal(str(round(plan.objective, 2)))
    run.holdout_stores = int(run.details.get("holdout_stores", 0))
    await record(
        session,
        "recommendation_run.finish",
        "recommendation_runs",
        run.id,
        after={
            "key": run.key,
            "attempt": run.attempts,
            "orders": written.orders,
            "kept": written.kept,
            "superseded": written.superseded,
            "lines": written.lines,
            "units": written.units,
            "cost": written.cost,
            "timings": run.timings,
        },
    )
    await session.commit()
    listener(run)


async def _fail(session: AsyncSession, run_id: int, error: Exception) -> None:
    """Record the failure on the run in a clean transaction (the work of the attempt is undone)."""
    await session.rollback()
    run = await session.get(RecommendationRun, run_id, populate_existing=True)
    if run is None:
        return
    run.status = RunStatus.FAILED
    run.finished_at = clock.now()
    message = (
        error.message if isinstance(error, DomainError) else f"{type(error).__name__}: {error}"
    )
    run.error = f"attempt {run.attempts}: {message}"[:2000]
    await record(
        session,
        "recommendation_run.fail",
        "recommendation_runs",
        run.id,
        after={
            "key": run.key,
            "attempt": run.attempts,
            "stores_done": run.stores_done,
            "error": run.error,
        },
    )
    await session.commit()
