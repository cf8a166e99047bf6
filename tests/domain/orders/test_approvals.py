"""Over budget beyond the tenant's limit: HQ approves or refuses, and nothing is sent meanwhile."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.jobs.models import OutboxMessage
from domain.orders import approvals
from domain.orders.models import ApprovalStatus, Order, OrderApproval, OrderStatus
from domain.orders.states import Action
from domain.permissions import Actor
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import act, cast, edit, order_in
from tests.factories import World, system

S = OrderStatus
# Budget 10,000 and a 10% limit: up to 11,000 without HQ. SKUs cost 90.


async def _decide(
    db: Database, actor: Actor, approval_id: int, approve: bool, reason: str | None = None
) -> OrderApproval:
    async with tenant_session(db, actor) as session:
        try:
            decided = await approvals.decide(session, actor, approval_id, approve, reason)
        except DomainError:
            await session.rollback()
            raise
        await session.commit()
        return decided


async def _history(
    db: Database, world: World, order: Order
) -> list[tuple[ApprovalStatus, Decimal]]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await approvals.approvals_of(session, order.id)
        return [(a.status, a.amount) for a in reversed(rows)]


async def test_within_the_limit_no_approval_is_needed(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT)
    edited = await edit(db, people.merchandiser, draft, {a: 100, b: 20})  # 10,800
    assert edited.approval is None
    sent = await act(db, people.merchandiser, draft, Action.SEND)
    assert sent.status == S.PROPOSED


async def test_beyond_the_limit_hq_must_approve_before_sending(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT)
    edited = await edit(db, people.merchandiser, draft, {a: 100, b: 23}, "opening week")
    request = edited.approval
    assert request is not None
    assert (request.status, request.amount, request.limit_amount, request.justification) == (
        ApprovalStatus.PENDING,
        Decimal("11070.00"),
        Decimal("11000.00"),
        "opening week",
    )
    async with tenant_session(db, system(world.tenant)) as session:
        told = await session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.key == f"order:{draft.id}:approval:{request.id}:requested"
            )
        )
    assert told is not None and told.args["event"] == "approval_requested"

    with pytest.raises(DomainError) as waiting:
        await act(db, people.merchandiser, draft, Action.SEND)
    assert waiting.value.code == ErrorCode.APPROVAL_REQUIRED
    assert "waits for HQ" in waiting.value.message

    with pytest.raises(DomainError) as not_hq:
        await _decide(db, people.manager, request.id, True)
    assert not_hq.value.code == ErrorCode.FORBIDDEN
    approved = await _decide(db, people.hq, request.id, True, "new store, fair")
    assert (approved.status, approved.decided_by_id) == (ApprovalStatus.APPROVED, people.hq.user_id)
    with pytest.raises(DomainError) as twice:
        await _decide(db, people.hq, request.id, False, "changed my mind")
    assert twice.value.code == ErrorCode.CONFLICT
    assert (await act(db, people.merchandiser, draft, Action.SEND)).status == S.PROPOSED


async def test_a_refusal_needs_a_reason_and_blocks_sending_until_back_within_the_limit(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT)
    request = (await edit(db, people.merchandiser, draft, {a: 100, b: 30}, "new mall")).approval
    assert request is not None
    with pytest.raises(DomainError) as silent:
        await _decide(db, people.hq, request.id, False, " ")
    assert (silent.value.code, silent.value.errors[0].field) == (ErrorCode.REQUIRED, "reason")
    await _decide(db, people.hq, request.id, False, "the store is behind on payments")
    with pytest.raises(DomainError) as refused:
        await act(db, people.merchandiser, draft, Action.SEND)
    assert refused.value.code == ErrorCode.APPROVAL_REQUIRED
    assert "HQ refused: the store is behind on payments" in refused.value.message

    assert (await edit(db, people.merchandiser, draft, {b: 10})).approval is None  # 9,900
    assert (await act(db, people.merchandiser, draft, Action.SEND)).status == S.PROPOSED


async def test_requests_follow_the_draft_withdrawn_replaced_or_still_covering(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT)
    await edit(db, people.merchandiser, draft, {a: 100, b: 30}, "new mall")  # 11,700: asks
    await edit(db, people.merchandiser, draft, {b: 10})  # 9,900: withdrawn
    with pytest.raises(DomainError) as unexplained:  # asking again needs its reasons again
        await edit(db, people.merchandiser, draft, {b: 25})
    assert (unexplained.value.code, unexplained.value.errors[0].field) == (
        ErrorCode.REQUIRED,
        "justification",
    )
    first = (await edit(db, people.merchandiser, draft, {b: 25}, "mall")).approval  # 11,250
    assert first is not None
    second = (await edit(db, people.merchandiser, draft, {b: 28})).approval  # 11,520: replaced
    assert second is not None and second.id != first.id
    assert second.justification == "mall"  # the same ask, for another amount
    await _decide(db, people.hq, second.id, True)
    covered = (await edit(db, people.merchandiser, draft, {b: 26})).approval  # less: still covered
    assert covered is not None and covered.id == second.id
    again = (await edit(db, people.merchandiser, draft, {b: 40}, "more")).approval  # asks anew
    assert again is not None and again.status == ApprovalStatus.PENDING
    assert await _history(db, world, draft) == [
        (ApprovalStatus.WITHDRAWN, Decimal("11700.00")),
        (ApprovalStatus.WITHDRAWN, Decimal("11250.00")),
        (ApprovalStatus.APPROVED, Decimal("11520.00")),
        (ApprovalStatus.PENDING, Decimal("12600.00")),
    ]
    await act(db, people.merchandiser, draft, Action.CANCEL, reason="season postponed")
    assert (await _history(db, world, draft))[-1][0] == ApprovalStatus.WITHDRAWN


async def test_an_edit_by_hq_beyond_the_limit_is_approved_by_its_author(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT)
    request = (await edit(db, people.hq, draft, {a: 100, b: 40})).approval
    assert request is not None
    assert (request.status, request.decided_by_id) == (ApprovalStatus.APPROVED, people.hq.user_id)
    assert (await act(db, people.merchandiser, draft, Action.SEND)).status == S.PROPOSED


async def test_asking_for_approval_of_an_engine_draft_needs_no_line_change(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT, [(a, 100), (b, 30)])  # the engine's pick
    with pytest.raises(DomainError) as over:
        await act(db, people.merchandiser, draft, Action.SEND)
    assert over.value.code == ErrorCode.APPROVAL_REQUIRED
    assert "costs 11700.00, over the 11000.00" in over.value.message
    request = (await edit(db, people.merchandiser, draft, {}, "big opening")).approval
    assert request is not None and request.status == ApprovalStatus.PENDING


async def test_asking_hq_needs_a_justification_and_changes_nothing_without_one(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    draft = await order_in(db, world, store, S.DRAFT)
    for silent in (None, "   "):
        with pytest.raises(DomainError) as refused:
            await edit(db, people.merchandiser, draft, {a: 100, b: 23}, silent)
        error = refused.value.errors[0]
        assert (error.code, error.field) == (ErrorCode.REQUIRED, "justification")
        assert "11070.00, over the 11000.00" in error.message
    async with tenant_session(db, system(world.tenant)) as session:
        again = await session.get(Order, draft.id)
        assert again is not None and again.total_cost == draft.total_cost
        assert await approvals.approvals_of(session, draft.id) == []
    # within the limit nobody is asked, so nothing needs saying
    assert (await edit(db, people.merchandiser, draft, {a: 100, b: 20})).approval is None
