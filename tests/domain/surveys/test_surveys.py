"""Surveys: an invitation after delivery, one answer per order by the store's franchisee, a summary."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.notifications.models import Audience
from domain.orders.models import Order, OrderStatus
from domain.passport.models import ContactLogEntry
from domain.permissions import Actor
from domain.settings import Settings
from domain.surveys.models import Survey
from domain.surveys.service import (
    SurveyAnswer,
    answer_survey,
    request_survey,
    survey_summary,
)
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import cast, order_in
from tests.factories import World, system
from tests.factories_service import Mailbox, franchisee_email, notifications_of, run_jobs

GOOD = SurveyAnswer(5, 4, 5, 4, 4, "Great pick, thank you.")


async def answer(db: Database, actor: Actor, order: Order, given: SurveyAnswer = GOOD) -> Survey:
    async with tenant_session(db, actor) as session:
        survey = await answer_survey(session, actor, order.id, given)
        await session.commit()
        return survey


async def survey_of(db: Database, world: World, order: Order) -> Survey | None:
    async with tenant_session(db, system(world.tenant)) as session:
        return await session.scalar(select(Survey).where(Survey.order_id == order.id))


async def test_delivery_invites_the_franchisee_once_with_a_link(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.DELIVERED)
    await run_jobs(service_settings)  # the delivery's follow-up job
    async with tenant_session(db, system(world.tenant)) as session:
        again = await request_survey(session, service_settings, order.id)
        await session.commit()
    await run_jobs(service_settings)

    survey = await survey_of(db, world, order)
    assert survey is not None and again is not None and again.id == survey.id
    invitations = [
        m for m in mailbox.to(franchisee_email(world, store)) if "请为配货单" in m.subject
    ]
    assert len(invitations) == 1
    assert f"{service_settings.site_url}/surveys/" in invitations[0].body


async def test_no_survey_before_delivery(db: Database, world: World, settings: Settings) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.CONFIRMED)
    async with tenant_session(db, system(world.tenant)) as session:
        assert await request_survey(session, settings, order.id) is None
    with pytest.raises(DomainError) as refused:
        await answer(db, world.franchisees[0].actor, order)
    assert (refused.value.code, refused.value.errors[0].field) == (
        ErrorCode.INVALID_TRANSITION,
        "order_id",
    )


async def test_the_franchisee_answers_once_and_a_second_answer_is_refused(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.DELIVERED)
    franchisee = world.franchisees[0].actor
    with clock.frozen_clock(clock.now()):
        survey = await answer(db, franchisee, order)
    assert (survey.overall, survey.pick_accuracy, survey.timeliness) == (5, 4, 5)
    assert (survey.goods_quality, survey.value_for_money) == (4, 4)
    assert survey.comment == "Great pick, thank you."
    assert survey.answered_by_id == franchisee.user_id and survey.answered

    with pytest.raises(DomainError) as twice:
        await answer(db, franchisee, order, SurveyAnswer(1, 1, 1, 1, 1))
    assert (twice.value.code, twice.value.errors[0].field) == (ErrorCode.DUPLICATE, "order_id")
    assert "already rated" in twice.value.message
    stored = await survey_of(db, world, order)
    assert stored is not None and stored.overall == 5
    async with tenant_session(db, system(world.tenant)) as session:
        logged = await session.scalar(
            select(ContactLogEntry.summary).where(ContactLogEntry.source == f"survey:{survey.id}")
        )
    assert logged is not None and logged.startswith(f"Rated order {order.number} 5/5")


async def test_scores_must_be_one_to_five_and_nothing_is_saved_otherwise(
    db: Database, world: World
) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.DELIVERED)
    with pytest.raises(DomainError) as refused:
        await answer(
            db, world.franchisees[0].actor, order, SurveyAnswer(0, 6, 3, 3, -1, "x" * 2001)
        )
    assert [e.field for e in refused.value.errors] == [
        "overall",
        "pick_accuracy",
        "value_for_money",
        "comment",
    ]
    survey = await survey_of(db, world, order)
    assert survey is None or not survey.answered


async def test_only_the_stores_franchisee_may_answer(db: Database, world: World) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.DELIVERED)
    people = cast(world, store)
    with pytest.raises(NotFound):
        await answer(db, people.other_franchisee, order)
    for staff in (people.hq, people.merchandiser, people.manager):
        with pytest.raises(Forbidden):
            await answer(db, staff, order)
    survey = await survey_of(db, world, order)
    assert survey is None or not survey.answered


async def test_a_low_rating_alerts_the_merchandiser(db: Database, world: World) -> None:
    store = world.stores[1]
    order = await order_in(db, world, store, OrderStatus.DELIVERED)
    await answer(db, world.franchisees[1].actor, order, SurveyAnswer(2, 1, 3, 3, 2, "Wrong sizes."))
    [alert] = [n for n in await notifications_of(db, world, store) if n.kind == "survey.low_rating"]
    assert (alert.audience, alert.recipient_user_id) == (
        Audience.MERCHANDISER,
        store.merchandiser_id,
    )
    assert "2/5" in alert.subject and "Wrong sizes." in alert.body


async def test_summary_counts_averages_and_weighs_the_factors(db: Database, world: World) -> None:
    store = world.stores[0]
    franchisee = world.franchisees[0].actor
    # Overall follows pick accuracy exactly and nothing else: its weight is 1, the others 0.
    answers = [
        SurveyAnswer(p, p, t, q, v)
        for p, t, q, v in [
            (1, 3, 5, 2), (2, 5, 1, 4), (3, 2, 4, 5), (4, 4, 2, 1), (5, 1, 3, 3),
            (2, 2, 2, 2), (3, 5, 5, 1), (4, 1, 1, 4), (5, 3, 4, 2), (1, 4, 3, 5),
            (3, 3, 3, 3), (4, 2, 5, 4),
        ]
    ]  # fmt: skip
    for given in answers:
        order = await order_in(db, world, store, OrderStatus.DELIVERED)
        await answer(db, franchisee, order, given)
    await order_in(db, world, store, OrderStatus.DELIVERED)
    async with tenant_session(db, system(world.tenant)) as session:
        pending = await session.scalar(
            select(Order).where(Order.store_id == store.id).order_by(Order.id.desc()).limit(1)
        )
        assert pending is not None
        await request_survey(session, Settings(), pending.id)
        await session.commit()

    merchandiser = world.merchandisers[0].actor
    async with tenant_session(db, merchandiser) as session:
        summary = await survey_summary(session, merchandiser, store_id=store.id)
    assert (summary.requested, summary.answered) == (13, 12)
    assert summary.response_rate == pytest.approx(12 / 13)
    assert summary.averages["overall"] == pytest.approx(37 / 12, abs=0.01)
    assert summary.low_ratings == 4  # overall 1 or 2
    assert summary.factor_weights is not None
    assert summary.factor_weights["pick_accuracy"] == pytest.approx(1.0, abs=1e-6)
    for other in ("timeliness", "goods_quality", "value_for_money"):
        assert summary.factor_weights[other] == pytest.approx(0.0, abs=1e-6)

    colleague = world.merchandisers[1].actor  # serves other stores: sees none of these
    async with tenant_session(db, colleague) as session:
        theirs = await survey_summary(session, colleague)
    assert (theirs.requested, theirs.factor_weights) == (0, None)
