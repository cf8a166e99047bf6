"""Work the worklist gained: rejections to follow up, unread messages, approvals HQ must decide."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain import clock
from domain.db import Database
from domain.messages import service as messages
from domain.orders import approvals
from domain.orders.models import OrderStatus
from domain.orders.states import Action
from domain.passport import service as passport
from domain.passport.models import ContactKind
from domain.severity import Severity
from domain.tenancy.session import tenant_session
from domain.worklist.service import WorkItem, WorkKind, worklist
from tests.domain.complaints.factories import file_complaint
from tests.domain.orders.factories import act, cast, edit, order_in
from tests.factories import Member, World

NOW = datetime(2031, 7, 1, 2, 0, tzinfo=UTC)


async def items_of(db: Database, member: Member) -> list[WorkItem]:
    async with tenant_session(db, member.actor) as session:
        items, total = await worklist(session, member.actor, limit=50)
    assert total == len(items)
    return items


def kinds(items: list[WorkItem]) -> list[tuple[WorkKind, int]]:
    return [(i.kind, i.score) for i in items]


async def test_a_rejection_is_work_until_someone_follows_it_up(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    merchandiser = world.merchandisers[0]
    with clock.frozen_clock(NOW - timedelta(hours=3)) as frozen:
        order = await order_in(db, world, store, OrderStatus.PROPOSED)
        await act(db, people.franchisee, order, Action.REJECT, reason="too many coats")
        await file_complaint(db, people.franchisee, store, Severity.HIGH)  # open, in time: 55
        frozen.set(NOW)
        items = await items_of(db, merchandiser)
        assert kinds(items) == [(WorkKind.ORDER_REJECTED, 57), (WorkKind.COMPLAINT_OPEN, 55)]
        assert items[0].order_id == order.id
        assert items[0].since == NOW - timedelta(hours=3)
        # the franchisee writing again is not a follow-up; the merchandiser answering is
        await send(db, world.franchisees[0], store.id, "did you read my reason?")
        assert WorkKind.ORDER_REJECTED in {i.kind for i in await items_of(db, merchandiser)}
        frozen.set(NOW + timedelta(minutes=5))
        await send(db, merchandiser, store.id, "yes: fewer coats next time")
        assert WorkKind.ORDER_REJECTED not in {i.kind for i in await items_of(db, merchandiser)}


async def test_a_call_logged_by_hand_follows_a_rejection_up(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    with clock.frozen_clock(NOW) as frozen:
        order = await order_in(db, world, store, OrderStatus.VIEWED)
        await act(db, people.franchisee, order, Action.REJECT, reason="no budget this month")
        assert [i.kind for i in await items_of(db, world.merchandisers[0])] == [
            WorkKind.ORDER_REJECTED
        ]
        frozen.set(NOW + timedelta(hours=1))
        async with tenant_session(db, people.merchandiser) as session:
            await passport.log_contact(
                session, people.merchandiser, store.id, ContactKind.PHONE, "called about it"
            )
            await session.commit()
        assert await items_of(db, world.merchandisers[0]) == []


async def send(db: Database, member: Member, store_id: int, body: str) -> None:
    async with tenant_session(db, member.actor) as session:
        await messages.send_message(session, member.actor, store_id, body)
        await session.commit()


async def test_unread_messages_are_one_item_per_thread_until_read(
    db: Database, world: World
) -> None:
    store, other = world.stores[0], world.stores[1]
    merchandiser = world.merchandisers[0]
    with clock.frozen_clock(NOW - timedelta(hours=30)) as frozen:
        await send(db, world.franchisees[0], store.id, "when do the coats come?")
        frozen.set(NOW - timedelta(hours=2))
        await send(db, world.franchisees[0], store.id, "hello?")
        await send(db, world.franchisees[1], other.id, "thanks for the pick")
        frozen.set(NOW)
        items = await items_of(db, merchandiser)
        # waited more than a day: with the escalations; the fresh one below the reminders
        assert kinds(items) == [(WorkKind.MESSAGE_UNREAD, 62), (WorkKind.MESSAGE_UNREAD, 45)]
        assert [(i.store_id, i.unread_messages) for i in items] == [(store.id, 2), (other.id, 1)]
        assert items[0].since == NOW - timedelta(hours=30)
        # the regional manager does not take part until the thread is escalated to them
        assert await items_of(db, world.managers[0]) == []
        async with tenant_session(db, merchandiser.actor) as session:
            await messages.mark_read(session, merchandiser.actor, store.id)
            await session.commit()
        assert [i.store_id for i in await items_of(db, merchandiser)] == [other.id]


async def test_hq_is_given_the_approvals_to_decide(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    with clock.frozen_clock(NOW):
        draft = await order_in(db, world, store, OrderStatus.DRAFT)
        edited = await edit(db, people.merchandiser, draft, {a: 100, b: 23}, "opening week")
        assert edited.approval is not None
        hq_items = [i for i in await items_of(db, world.hq) if i.kind != WorkKind.PROPOSAL_REVIEW]
        assert [(i.kind, i.score, i.order_id) for i in hq_items] == [
            (WorkKind.APPROVAL_PENDING, 52, draft.id)
        ]
        # the merchandiser and the regional manager do not decide: not their work
        for member in (world.merchandisers[0], world.managers[0]):
            assert WorkKind.APPROVAL_PENDING not in {i.kind for i in await items_of(db, member)}
        async with tenant_session(db, world.hq.actor) as session:
            await approvals.decide(session, world.hq.actor, edited.approval.id, True)
            await session.commit()
        assert WorkKind.APPROVAL_PENDING not in {i.kind for i in await items_of(db, world.hq)}
