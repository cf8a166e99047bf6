"""Survey jobs: the invitation after delivery."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs import runner
from domain.jobs.registry import job
from domain.orders.states import Action, follow_up
from domain.surveys.service import request_survey

REQUEST_JOB = "surveys.request"


@job(REQUEST_JOB, queue="default")
async def request(
    session: AsyncSession, order_id: int, transition_id: int | None = None
) -> dict[str, Any]:
    """Invite the franchisee to rate the delivered order."""
    survey = await request_survey(session, runner.runtime().settings, order_id)
    if survey is None:
        return {"order_id": order_id, "skipped": "order is not delivered"}
    return {"order_id": order_id, "survey_id": survey.id}


follow_up(Action.DELIVER, REQUEST_JOB)
