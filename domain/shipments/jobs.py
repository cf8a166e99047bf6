"""Shipment jobs: the pick list after confirmation, and the simulated carrier (periodic when enabled)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs import runner
from domain.jobs.periodic import fan_out, periodic
from domain.jobs.registry import job
from domain.orders.states import Action, follow_up
from domain.shipments.service import create_pick_list
from domain.shipments.simulator import has_under_way, simulate

PICK_LIST_JOB = "shipments.pick_list"
SIMULATE_JOB = "carriers.simulate"
SIMULATE_TENANT_JOB = "carriers.simulate_tenant"
SIMULATE_EVERY = 300


@job(PICK_LIST_JOB, queue="default")
async def pick_list(
    session: AsyncSession, order_id: int, transition_id: int | None = None
) -> dict[str, Any]:
    """Make the confirmed order's pick list for the warehouse."""
    made = await create_pick_list(session, order_id)
    if made is None:
        return {"order_id": order_id, "skipped": "order no longer waits for picking"}
    return {"order_id": order_id, "pick_list_id": made.id, "units": made.total_units}


@job(SIMULATE_JOB, queue="low", exactly_once=False)
async def simulate_all(session: AsyncSession) -> dict[str, Any]:
    """Platform job: queue this period's simulated-carrier run for every tenant with a simulated
    shipment under way, when enabled."""
    if not runner.runtime().settings.carrier_simulator:
        return {"skipped": "carrier_simulator is off"}
    return {"tenants": await fan_out(session, SIMULATE_TENANT_JOB, SIMULATE_EVERY, has_under_way)}


@job(SIMULATE_TENANT_JOB, queue="low", exactly_once=False)
async def simulate_tenant(session: AsyncSession) -> dict[str, Any]:
    """Post the due events of the tenant's simulated shipments (reruns post nothing twice)."""
    report = await simulate(session, runner.runtime().settings, runner.report_progress)
    return {"shipments": report.shipments, "posted": report.posted, "delivered": report.delivered}


follow_up(Action.CONFIRM, PICK_LIST_JOB)
periodic(SIMULATE_JOB, SIMULATE_EVERY)
