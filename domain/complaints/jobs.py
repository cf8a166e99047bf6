"""Complaint jobs: the periodic overdue scan, fanned out to the tenants with a step due."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.complaints.escalation import escalate_overdue, has_due
from domain.jobs.periodic import fan_out, periodic
from domain.jobs.registry import job

SCAN_EVERY = 300
SCAN_JOB = "complaints.scan"
SCAN_TENANT_JOB = "complaints.scan_tenant"


@job(SCAN_JOB, queue="low", exactly_once=False)
async def scan_all(session: AsyncSession) -> dict[str, Any]:
    """Platform job: queue this period's overdue scan for every tenant with a step due."""
    return {"tenants": await fan_out(session, SCAN_TENANT_JOB, SCAN_EVERY, has_due)}


@job(SCAN_TENANT_JOB, queue="low", exactly_once=False)
async def scan_tenant(session: AsyncSession) -> dict[str, Any]:
    """Escalate the tenant's overdue complaints (idempotent: each level is reached once)."""
    return await escalate_overdue(session)


periodic(SCAN_JOB, SCAN_EVERY)
