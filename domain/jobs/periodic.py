"""Periodic scans: a platform job every few minutes queues a concept's per-tenant scan, but only
for the tenants that have something due now.

Each concept registers its platform job with `periodic` and gives `fan_out` a probe: a cheap
query, run in the tenant's own session (its criteria and row-level security), that answers
whether the tenant's scan would find anything. A brand with thousands of quiet stores costs
one probe per tenant and period, not a queue of scans that each find nothing. The scheduler
beat (domain.jobs.beat) fires each platform job once per period across every process.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.db.binding import ACTOR_KEY, TENANT_KEY
from domain.jobs.models import OutboxMessage
from domain.permissions import Actor
from domain.tenancy.models import Tenant

#: Whether the tenant the session is bound to has something due for a scan.
Probe = Callable[[AsyncSession], Awaitable[bool]]

# Platform-wide periodic jobs: (job name, every N seconds).
PERIODIC: list[tuple[str, int]] = []


def periodic(job_name: str, every_seconds: int) -> None:
    """Run job `job_name` (platform-level, tenant None) every `every_seconds` seconds."""
    if (job_name, every_seconds) not in PERIODIC:
        PERIODIC.append((job_name, every_seconds))


def bucket(at: datetime, seconds: int) -> str:
    """`at` floored to a multiple of `seconds` (a periodic run's identity)."""
    return datetime.fromtimestamp(int(at.timestamp()) // seconds * seconds, at.tzinfo).strftime(
        "%Y%m%dT%H%M%S"
    )


async def fan_out(session: AsyncSession, job: str, every_seconds: int, due: Probe) -> int:
    """From a platform job: queue `job` once for this period for each tenant that `due` says
    has something to do (keyed by tenant and period, so a second beat adds nothing); deleted
    tenants are skipped.
    Returns how many tenants were queued."""
    period = bucket(clock.now(), every_seconds)
    # A deleted tenant (waiting for its purge) gets no scans: nothing of it is sent any more.
    live = select(Tenant.id).where(Tenant.deleted_at.is_(None))
    tenant_ids = list(await session.scalars(live.order_by(Tenant.id)))
    keys = {tid: f"{job}:{tid}:{period}" for tid in tenant_ids}
    taken = set(
        await session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(keys.values())))
    )
    queued = 0
    for tid, key in keys.items():
        if key in taken or not await _probe(session, tid, due, job):
            continue
        # A platform session has no tenant of its own, so the row names the tenant it is for.
        session.add(OutboxMessage(tenant_id=tid, job=job, key=key, args={}))
        queued += 1
    return queued


async def _probe(session: AsyncSession, tenant_id: int, due: Probe, job: str) -> bool:
    """Ask `due` in a session of the tenant's own, on the platform session's engine."""
    actor = Actor.system(tenant_id, label=f"probe:{job}")
    async with AsyncSession(
        session.bind, info={TENANT_KEY: tenant_id, ACTOR_KEY: actor}, expire_on_commit=False
    ) as probe:
        return await due(probe)
