"""Asking for recommendation runs and reading them: scope, permissions, keys, visibility.

A run is asked for over regions, over stores, or (neither) over everything the asker may run:
the tenant for HQ, their region for a regional manager, their own stores for a merchandiser.
Each region and store is checked with the one permission check; a store the asker cannot see
is NOT_FOUND. The run is keyed: asking again with the same key returns the same run (queued
again when it had finished, so its drafts are replaced store by store, never duplicated).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, false, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.access.reach import Reach
from domain.audit.recorder import record
from domain.db.binding import session_tenant
from domain.errors import Collector, DomainError, ErrorCode, Forbidden, Invalid, NotFound
from domain.jobs import outbox
from domain.permissions import Actor, Permission, authorize, reach
from domain.recommendation.runs.models import RecommendationRun, RunPhase, RunStatus, RunTrigger
from domain.recommendation.runs.network import scope_stores
from domain.regions.models import Region
from domain.stores.models import Store
from domain.tenancy.models import Tenant

RUN_JOB = "recommendations.run"
MIN_HORIZON, MAX_HORIZON = 7, 180
MAX_KEY = 120
MAX_SCOPE = 5000
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")


@dataclass(frozen=True)
class RunRequest:
    """What is asked: regions or stores (or neither: everything the asker may run)."""

    region_ids: Sequence[int] = ()
    store_ids: Sequence[int] = ()
    horizon_days: int | None = None
    key: str | None = None
    trigger: RunTrigger = RunTrigger.MANUAL
    field_prefix: dict[str, str] = field(
        default_factory=lambda: {"regions": "region_ids", "stores": "store_ids"}
    )


async def request_run(
    session: AsyncSession, actor: Actor, request: RunRequest, enqueue: bool = True
) -> RecommendationRun:
    """Queue a run (or return the run of the same key); the job starts after the commit.

    Without `enqueue` the run is only recorded, for a caller that runs it itself (the CLI).
    """
    authorize(actor, Permission.RECOMMENDATION_RUN)
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    errors = Collector()
    horizon = request.horizon_days or tenant.policies.allocation.horizon_days
    if not MIN_HORIZON <= horizon <= MAX_HORIZON:
        errors.add("horizon_days", f"the horizon must be {MIN_HORIZON} to {MAX_HORIZON} days")
    key = _key(request, errors)
    if request.region_ids and request.store_ids:
        errors.add(None, "give regionIds or storeIds, not both")
    errors.raise_if_any()
    region_ids, store_ids, tenant_wide = await _scope(session, actor, request)
    stores = await scope_stores(session, region_ids, store_ids)
    if not stores:
        name = "store_ids" if store_ids else "region_ids" if region_ids else None
        raise Invalid(name, "there is no active store to recommend for in this scope")
    existing = await session.scalar(select(RecommendationRun).where(RecommendationRun.key == key))
    if existing is not None:
        return await _again(session, existing, region_ids, store_ids, horizon, enqueue)
    regions = {s.region_id for s in stores}
    run = RecommendationRun(
        key=key,
        trigger=request.trigger,
        horizon_days=horizon,
        requested_region_ids=sorted(region_ids),
        requested_store_ids=sorted(store_ids),
        region_id=next(iter(regions)) if len(regions) == 1 else None,
        tenant_wide=tenant_wide,
        requested_by_id=actor.user_id,
        requested_by=actor.label or actor.role.value,
        stores_total=len(stores),
        created_at=clock.now(),
    )
    try:
        async with session.begin_nested():
            session.add(run)
            await session.flush()
    except IntegrityError:
        # The same key was asked at the same moment by someone else: that run is the one.
        raced = await session.scalar(select(RecommendationRun).where(RecommendationRun.key == key))
        if raced is None:
            raise
        return raced
    await record(
        session,
        "recommendation_run.request",
        "recommendation_runs",
        run.id,
        after={
            "key": key,
            "trigger": run.trigger.value,
            "horizon_days": horizon,
            "region_ids": run.requested_region_ids,
            "store_ids": run.requested_store_ids,
            "stores": len(stores),
        },
    )
    if enqueue:
        _enqueue(session, run)
    return run


def _key(request: RunRequest, errors: Collector) -> str:
    if request.key is None:
        token = secrets.token_hex(4)
        return f"{request.trigger.value}-{clock.now():%Y%m%dT%H%M%S}-{token}"
    key = request.key.strip()
    if not key:
        errors.add("key", "the key cannot be empty", ErrorCode.REQUIRED)
    elif len(key) > MAX_KEY:
        errors.add("key", f"at most {MAX_KEY} characters")
    elif not _KEY.match(key):
        errors.add("key", "letters, digits and . _ : - only, starting with a letter or digit")
    return key


async def _scope(
    session: AsyncSession, actor: Actor, request: RunRequest
) -> tuple[list[int], list[int], bool]:
    """(region ids, store ids, tenant-wide) the actor may run, or raise naming the field."""
    prefix = request.field_prefix
    if len(request.region_ids) > MAX_SCOPE or len(request.store_ids) > MAX_SCOPE:
        raise Invalid(None, f"at most {MAX_SCOPE} regions or stores")
    regions = set(await session.scalars(select(Region.id).where(Region.id.in_(request.region_ids))))
    for i, region_id in enumerate(request.region_ids):
        if region_id not in regions:
            raise NotFound("region", f"{prefix['regions']}.{i}")
        authorize(actor, Permission.RECOMMENDATION_RUN, region_id=region_id)
    stores = {
        s.id: s for s in await session.scalars(select(Store).where(Store.id.in_(request.store_ids)))
    }
    for i, store_id in enumerate(request.store_ids):
        store = stores.get(store_id)
        if store is None:
            raise NotFound("store", f"{prefix['stores']}.{i}")
        authorize(actor, Permission.RECOMMENDATION_RUN, store)
    if request.region_ids or request.store_ids:
        return sorted(set(request.region_ids)), sorted(set(request.store_ids)), False
    granted = reach(actor, Permission.RECOMMENDATION_RUN)
    if granted == Reach.TENANT:
        return [], [], True
    if granted == Reach.REGION and actor.region_id is not None:
        return [actor.region_id], [], False
    if granted == Reach.ASSIGNED and actor.user_id is not None:
        mine = await session.scalars(
            select(Store.id).where(Store.merchandiser_id == actor.user_id).order_by(Store.id)
        )
        return [], list(mine), False
    raise Forbidden("say which stores to recommend for")


async def _again(
    session: AsyncSession,
    run: RecommendationRun,
    region_ids: list[int],
    store_ids: list[int],
    horizon: int,
    enqueue: bool,
) -> RecommendationRun:
    """The run of a key asked again: the same run, queued again if it had finished."""
    if (
        run.requested_region_ids != region_ids
        or run.requested_store_ids != store_ids
        or run.horizon_days != horizon
    ):
        raise DomainError(
            ErrorCode.CONFLICT,
            f"key {run.key} belongs to a run of another scope or horizon: use a new key",
            "key",
        )
    if run.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        return run
    run.status = RunStatus.QUEUED
    run.phase = RunPhase.WAITING
    run.requests += 1
    run.error = None
    await record(
        session,
        "recommendation_run.requeue",
        "recommendation_runs",
        run.id,
        after={"key": run.key, "request": run.requests},
    )
    if enqueue:
        _enqueue(session, run)
    return run


def _enqueue(session: AsyncSession, run: RecommendationRun) -> None:
    outbox.enqueue(
        session, RUN_JOB, key=f"recommendation-run:{run.id}:{run.requests}", args={"run_id": run.id}
    )


async def rerun_store(
    session: AsyncSession, actor: Actor, store_id: int, horizon_days: int | None = None
) -> RecommendationRun:
    """A new run for one store (a merchandiser's rerun); its draft supersedes the untouched one."""
    return await request_run(
        session,
        actor,
        RunRequest(
            store_ids=[store_id],
            horizon_days=horizon_days,
            trigger=RunTrigger.STORE,
            field_prefix={"regions": "region_ids", "stores": "store_id"},
        ),
    )


# --- reading ----------------------------------------------------------------------------------


def visibility(actor: Actor) -> ColumnElement[bool]:
    """Which runs the actor sees: HQ every run; region staff their region's and tenant-wide ones.

    Franchisees see none: runs are staff tools (a franchisee sees the reasons on their proposal).
    """
    granted = reach(actor, Permission.RECOMMENDATION_READ)
    if granted == Reach.TENANT:
        return true()
    if granted == Reach.REGION and actor.region_id is not None:
        return or_(
            RecommendationRun.region_id == actor.region_id, RecommendationRun.tenant_wide.is_(True)
        )
    return false()


def runs_statement(actor: Actor, statuses: Sequence[RunStatus] = ()) -> Select[RecommendationRun]:
    """The runs the actor sees, newest first."""
    stmt = select(RecommendationRun).where(visibility(actor))
    if statuses:
        stmt = stmt.where(RecommendationRun.status.in_(list(statuses)))
    return stmt.order_by(RecommendationRun.created_at.desc(), RecommendationRun.id.desc())


async def visible_run(session: AsyncSession, actor: Actor, run_id: int) -> RecommendationRun:
    """A run the actor may read (NOT_FOUND otherwise)."""
    authorize(actor, Permission.RECOMMENDATION_READ)
    run = await session.scalar(
        select(RecommendationRun).where(RecommendationRun.id == run_id, visibility(actor))
    )
    if run is None:
        raise NotFound("recommendation run")
    return run
