"""The worklist: most urgent first, stores with the most open complaints first, only one's stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain import clock
from domain.complaints.service import resolve_complaint
from domain.db import Database
from domain.errors import Forbidden
from domain.orders.models import OrderStatus
from domain.severity import Severity
from domain.tenancy.session import tenant_session
from domain.worklist.service import WorkItem, WorkKind, worklist
from tests.domain.complaints.factories import file_complaint
from tests.factories import Member, World
from tests.factories_service import make_order

NOW = datetime(2031, 7, 1, 2, 0, tzinfo=UTC)


async def items_of(db: Database, member: Member, limit: int = 50) -> tuple[list[WorkItem], int]:
    async with tenant_session(db, member.actor) as session:
        return await worklist(session, member.actor, limit=limit)


async def test_items_rank_by_urgency(db: Database, world: World) -> None:
    store = world.stores[0]
    franchisee = world.franchisees[0].actor
    with clock.frozen_clock(NOW - timedelta(hours=80)) as frozen:
        await file_complaint(db, franchisee, store, Severity.CRITICAL)  # overdue by now: 100
        escalated = await make_order(db, world, store)  # proposed 80 h ago: 65
        frozen.set(NOW - timedelta(hours=30))
        reminded = await make_order(db, world, store)  # 30 h: past the reminder, 50
        frozen.set(NOW - timedelta(hours=1))
        await file_complaint(db, franchisee, store, Severity.HIGH)  # open, in time: 55
        fresh = await make_order(db, world, store)  # 40
        await file_complaint(db, franchisee, store, Severity.LOW)  # 35
        draft = await make_order(db, world, store, status=OrderStatus.DRAFT)  # 30
        frozen.set(NOW)
        items, total = await items_of(db, world.merchandisers[0])

    assert total == len(items) == 7
    assert [(i.kind, i.score) for i in items] == [
        (WorkKind.COMPLAINT_OVERDUE, 100),
        (WorkKind.ESCALATION, 65),
        (WorkKind.COMPLAINT_OPEN, 55),
        (WorkKind.CONFIRMATION_PENDING, 50),
        (WorkKind.CONFIRMATION_PENDING, 40),
        (WorkKind.COMPLAINT_OPEN, 35),
        (WorkKind.PROPOSAL_REVIEW, 30),
    ]
    assert [i.order_id for i in items if i.order_id and i.complaint_id is None] == [
        escalated.id,
        reminded.id,
        fresh.id,
        draft.id,
    ]
    assert items[0].waited == timedelta(hours=80)


async def test_within_a_score_the_store_with_most_open_complaints_comes_first(
    db: Database, world: World
) -> None:
    calm, troubled = world.stores[0], world.stores[1]
    with clock.frozen_clock(NOW - timedelta(hours=2)) as frozen:
        # The calm store's complaint waited longest, yet the troubled store comes first.
        calm_item = await file_complaint(db, world.franchisees[0].actor, calm, Severity.MEDIUM)
        frozen.advance(timedelta(minutes=30))
        for _ in range(3):
            await file_complaint(db, world.franchisees[1].actor, troubled, Severity.MEDIUM)
        frozen.set(NOW)
        items, _ = await items_of(db, world.merchandisers[0])
    assert [i.store_id for i in items] == [troubled.id] * 3 + [calm.id]
    assert [i.store_open_complaints for i in items] == [3, 3, 3, 1]
    assert items[-1].complaint_id == calm_item.id


async def test_a_merchandiser_sees_only_their_stores(db: Database, world: World) -> None:
    mine, colleagues = world.stores[0], world.stores[2]
    with clock.frozen_clock(NOW):
        await make_order(db, world, mine)
        await make_order(db, world, colleagues)
        await file_complaint(db, world.franchisees[2].actor, colleagues, Severity.CRITICAL)
        items, total = await items_of(db, world.merchandisers[0])
        region_items, region_total = await items_of(db, world.managers[0])
        other_region, _ = await items_of(db, world.managers[1])
    assert total == 1 and {i.store_id for i in items} == {mine.id}
    assert region_total == 3 and {i.store_id for i in region_items} == {mine.id, colleagues.id}
    assert other_region == []


async def test_resolved_complaints_and_answered_proposals_leave_the_worklist(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    merchandiser = world.merchandisers[0]
    with clock.frozen_clock(NOW - timedelta(hours=2)) as frozen:
        # rejected, then followed up with a new proposal, which was confirmed
        await make_order(db, world, store, status=OrderStatus.REJECTED)
        frozen.set(NOW)
        await make_order(db, world, store, status=OrderStatus.CONFIRMED)
        complaint = await file_complaint(db, world.franchisees[0].actor, store, Severity.HIGH)
        async with tenant_session(db, merchandiser.actor) as session:
            await resolve_complaint(session, merchandiser.actor, complaint.id, "Replaced.")
            await session.commit()
        items, total = await items_of(db, merchandiser)
    assert (items, total) == ([], 0)


async def test_pages_cover_the_whole_list(db: Database, world: World) -> None:
    store = world.stores[0]
    with clock.frozen_clock(NOW):
        for _ in range(5):
            await make_order(db, world, store, status=OrderStatus.DRAFT)
        async with tenant_session(db, world.merchandisers[0].actor) as session:
            actor = world.merchandisers[0].actor
            first, total = await worklist(session, actor, offset=0, limit=2)
            rest, rest_total = await worklist(session, actor, offset=2, limit=10)
            past, past_total = await worklist(session, actor, offset=7, limit=10)
    assert total == rest_total == 5 and len(first) == 2 and len(rest) == 3
    # A page past the end is empty and still says how long the list is.
    assert past == [] and past_total == 5
    assert {i.order_id for i in first}.isdisjoint({i.order_id for i in rest})


async def test_franchisees_have_no_worklist(db: Database, world: World) -> None:
    with pytest.raises(Forbidden):
        await items_of(db, world.franchisees[0])
