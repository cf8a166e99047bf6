"""Order jobs: the periodic expiry scan (for the tenants with a proposal due) and one keyed job
per expiry."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs.periodic import fan_out, periodic
from domain.jobs.registry import job
from domain.orders import expiry

SCAN_EVERY = 300
SCAN_JOB = "orders.expiry_scan"
SCAN_TENANT_JOB = "orders.expiry_scan_tenant"


@job(SCAN_JOB, queue="low", exactly_once=False)
async def scan_all(session: AsyncSession) -> dict[str, Any]:
    """Platform job: queue this period's expiry scan for every tenant with a proposal due."""
    return {"tenants": await fan_out(session, SCAN_TENANT_JOB, SCAN_EVERY, expiry.has_due)}


@job(SCAN_TENANT_JOB, queue="low", exactly_once=False)
async def scan_tenant(session: AsyncSession) -> dict[str, Any]:
    """Queue the expiry of the tenant's proposals past their cut-off (each once)."""
    return await expiry.scan(session)


@job(expiry.EXPIRE_JOB, queue="default")
async def expire(session: AsyncSession, order_id: int) -> dict[str, Any]:
    """Expire one proposal, releasing its stock and telling the merchandiser."""
    return await expiry.expire(session, order_id)


periodic(SCAN_JOB, SCAN_EVERY)
