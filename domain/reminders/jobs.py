"""Reminder jobs: the periodic scan (for the tenants with a rung due) and one keyed job per rung."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs.periodic import fan_out, periodic
from domain.jobs.registry import job
from domain.reminders import service

SCAN_EVERY = 300
SCAN_JOB = "reminders.scan"
SCAN_TENANT_JOB = "reminders.scan_tenant"


@job(SCAN_JOB, queue="low", exactly_once=False)
async def scan_all(session: AsyncSession) -> dict[str, Any]:
    """Platform job: queue this period's ladder scan for every tenant with a rung due."""
    return {"tenants": await fan_out(session, SCAN_TENANT_JOB, SCAN_EVERY, service.has_due)}


@job(SCAN_TENANT_JOB, queue="low", exactly_once=False)
async def scan_tenant(session: AsyncSession) -> dict[str, Any]:
    """Queue the tenant's due rungs (idempotent: each rung is a unique row)."""
    return await service.scan(session)


@job(service.FIRE_JOB, queue="default")
async def fire(session: AsyncSession, reminder_id: int) -> dict[str, Any]:
    """Send one rung of the ladder."""
    return await service.fire(session, reminder_id)


periodic(SCAN_JOB, SCAN_EVERY)
