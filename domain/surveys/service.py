"""Surveys after delivery: invite the franchisee, take one answer per order, summarise for staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.access.stores import store_condition
from domain.errors import Collector, DomainError, ErrorCode, Invalid, NotFound
from domain.links import survey_link
from domain.notifications.events import order_facts
from domain.notifications.models import Audience
from domain.notifications.service import notify
from domain.orders.models import Order, OrderStatus
from domain.passport.history import log_contact
from domain.passport.models import ContactKind
from domain.permissions import Actor, Permission, authorize
from domain.settings import Settings
from domain.shipments.models import Shipment
from domain.stores.models import Store
from domain.surveys.models import FACTORS, HIGHEST, LOWEST, SCORES, Survey
from domain.text import free_text_problem

MAX_COMMENT = 2000
LOW_RATING = 2  # an overall score at or below this tells the merchandiser at once
MIN_ANSWERS_FOR_WEIGHTS = 10
# The API's names of the scores, as the notification text names them (error paths use the
# domain's own names; the API spells them in one place).
FIELDS = {
    "overall": "overall",
    "pick_accuracy": "pickAccuracy",
    "timeliness": "timeliness",
    "goods_quality": "goodsQuality",
    "value_for_money": "valueForMoney",
}


@dataclass(frozen=True)
class SurveyAnswer:
    """A franchisee's ratings (1 to 5) and comment."""

    overall: int
    pick_accuracy: int
    timeliness: int
    goods_quality: int
    value_for_money: int
    comment: str | None = None


@dataclass(frozen=True)
class SurveySummary:
    """How a set of surveys came back."""

    requested: int
    answered: int
    averages: dict[str, float | None]
    low_ratings: int
    # Estimated effect of one point of each factor on the overall score (least squares);
    # None until enough answers.
    factor_weights: dict[str, float] | None

    @property
    def response_rate(self) -> float | None:
        """Share of requested surveys that were answered."""
        return self.answered / self.requested if self.requested else None


async def _shipment_id(session: AsyncSession, order: Order) -> int | None:
    return await session.scalar(select(Shipment.id).where(Shipment.order_id == order.id))


async def request_survey(session: AsyncSession, settings: Settings, order_id: int) -> Survey | None:
    """After delivery: the order's survey, and an invitation to the franchisee with the link.

    Idempotent (one survey per order); None when the order is not delivered.
    """
    existing = await session.scalar(select(Survey).where(Survey.order_id == order_id))
    if existing is not None:
        return existing
    order = await session.get(Order, order_id)
    if order is None or order.status != OrderStatus.DELIVERED:
        return None
    store = await session.get(Store, order.store_id)
    assert store is not None
    shipment_id = await _shipment_id(session, order)
    survey = Survey(
        store_id=order.store_id,
        order_id=order.id,
        shipment_id=shipment_id,
        requested_at=clock.now(),
    )
    session.add(survey)
    await session.flush()
    facts = await order_facts(session, order, store, shipment_id)
    facts["link"] = survey_link(settings, survey.tenant_id, survey.id)
    await notify(
        session,
        store,
        Audience.FRANCHISEE,
        "survey.requested",
        facts,
        f"survey:{survey.id}:requested",
    )
    return survey


def _check(answer: SurveyAnswer) -> str | None:
    errors = Collector()
    for name in SCORES:
        value = getattr(answer, name)
        if not LOWEST <= value <= HIGHEST:
            errors.add(name, f"a score from {LOWEST} to {HIGHEST}")
    comment = (answer.comment or "").strip()
    if len(comment) > MAX_COMMENT:
        errors.add("comment", f"at most {MAX_COMMENT} characters")
    elif problem := free_text_problem(comment):
        errors.add("comment", f"the comment {problem}")
    errors.raise_if_any()
    return comment or None


async def answer_survey(
    session: AsyncSession, actor: Actor, order_id: int, answer: SurveyAnswer
) -> Survey:
    """The franchisee rates a delivered order, once; a low rating alerts the merchandiser."""
    actor = actor
    order = await session.get(Order, order_id)
    store = await session.get(Store, order.store_id) if order else None
    if order is None or store is None:
        raise NotFound("order", "order_id")
    authorize(actor, Permission.SURVEY_ANSWER, store)
    comment = _check(answer)
    if order.status != OrderStatus.DELIVERED:
        raise Invalid(
            "order_id",
            f"order {order.number} is {order.status.value}: it can be rated once delivered",
            ErrorCode.INVALID_TRANSITION,
        )
    survey = await session.scalar(
        select(Survey).where(Survey.order_id == order.id).with_for_update()
    )
    if survey is None:  # delivered before surveys were sent, or the invitation is still queued
        survey = Survey(
            store_id=store.id,
            order_id=order.id,
            shipment_id=await _shipment_id(session, order),
            requested_at=clock.now(),
        )
        session.add(survey)
    elif survey.answered_at is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"order {order.number} was already rated on {survey.answered_at.date().isoformat()}; "
            "each order is rated once",
            "order_id",
        )
    for name in SCORES:
        setattr(survey, name, getattr(answer, name))
    survey.comment = comment
    survey.answered_at = clock.now()
    survey.answered_by_id = actor.user_id
    await session.flush()
    await _tell(session, actor, store, order, survey)
    return survey


async def _tell(
    session: AsyncSession, actor: Actor, store: Store, order: Order, survey: Survey
) -> None:
    scores = ", ".join(f"{FIELDS[n]} {getattr(survey, n)}" for n in FACTORS)
    summary = f"Rated order {order.number} {survey.overall}/5 ({scores})"
    if survey.comment:
        summary += f": {survey.comment}"
    await log_contact(
        session, actor, store, ContactKind.NOTE, summary, source=f"survey:{survey.id}"
    )
    if survey.overall is not None and survey.overall <= LOW_RATING:
        facts = await order_facts(session, order, store, survey.shipment_id)
        facts.update(overall=survey.overall, scores=scores, comment=survey.comment or "")
        await notify(
            session,
            store,
            Audience.MERCHANDISER,
            "survey.low_rating",
            facts,
            f"survey:{survey.id}:low",
        )


def surveys_statement(
    actor: Actor,
    store_id: int | None = None,
    order_id: int | None = None,
    answered: bool | None = None,
    max_overall: int | None = None,
) -> Select[Survey]:
    """The surveys the actor may read, filtered; latest answers first, then pending ones."""
    stmt = (
        select(Survey)
        .join(Store, Store.id == Survey.store_id)
        .where(store_condition(actor, Permission.SURVEY_READ))
    )
    if store_id is not None:
        stmt = stmt.where(Survey.store_id == store_id)
    if order_id is not None:
        stmt = stmt.where(Survey.order_id == order_id)
    if answered is not None:
        stmt = stmt.where(
            Survey.answered_at.is_not(None) if answered else Survey.answered_at.is_(None)
        )
    if max_overall is not None:
        stmt = stmt.where(Survey.overall <= max_overall)
    pending_last = case((Survey.answered_at.is_(None), 1), else_=0)
    return stmt.order_by(
        pending_last, Survey.answered_at.desc(), Survey.requested_at.desc(), Survey.id.desc()
    )


def _weights(rows: list[Any]) -> dict[str, float] | None:
    """Least-squares effect of each factor on the overall score (with an intercept)."""
    if len(rows) < MIN_ANSWERS_FOR_WEIGHTS:
        return None
    data = np.array(rows, dtype=float)
    overall, factors = data[:, 0], data[:, 1:]
    design = np.column_stack([np.ones(len(rows)), factors])
    coefficients, *_ = np.linalg.lstsq(design, overall, rcond=None)
    return {name: round(float(c), 3) for name, c in zip(FACTORS, coefficients[1:], strict=True)}


async def survey_summary(
    session: AsyncSession,
    actor: Actor,
    store_id: int | None = None,
    region_id: int | None = None,
    since: datetime | None = None,
) -> SurveySummary:
    """Counts, average scores and factor weights of the surveys the actor may read."""
    authorize(actor, Permission.SURVEY_READ, region_id=region_id)
    where = [store_condition(actor, Permission.SURVEY_READ)]
    if store_id is not None:
        where.append(Survey.store_id == store_id)
    if region_id is not None:
        where.append(Store.region_id == region_id)
    if since is not None:
        where.append(Survey.requested_at >= since)
    base = select(Survey).join(Store, Store.id == Survey.store_id).where(*where).subquery()
    totals = (
        await session.execute(
            select(
                func.count(base.c.id),
                func.count(base.c.answered_at),
                func.sum(case((base.c.overall <= LOW_RATING, 1), else_=0)),
                *(func.avg(base.c[name]) for name in SCORES),
            )
        )
    ).one()
    answers = (
        await session.execute(
            select(*(base.c[name] for name in SCORES)).where(base.c.answered_at.is_not(None))
        )
    ).all()
    return SurveySummary(
        requested=int(totals[0]),
        answered=int(totals[1]),
        low_ratings=int(totals[2] or 0),
        averages={
            name: round(float(v), 2) if v is not None else None
            for name, v in zip(SCORES, totals[3:], strict=True)
        },
        factor_weights=_weights([tuple(row) for row in answers]),
    )
