"""The state machine: every move of the table by every role, every move not in it refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.jobs.models import OutboxMessage
from domain.orders.models import Order, OrderStatus, OrderTransition
from domain.orders.states import FINAL, FOLLOW_UPS, TRANSITIONS, Action, actions_from
from domain.permissions import Role
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import act, cast, order_in
from tests.factories import World, system

S = OrderStatus
ROLES = (
    Role.HQ_ADMIN,
    Role.REGIONAL_MANAGER,
    Role.MERCHANDISER,
    Role.FRANCHISEE,
    Role.SYSTEM,
    Role.INTEGRATION,
)
STAFF = {Role.HQ_ADMIN, Role.REGIONAL_MANAGER, Role.MERCHANDISER, Role.SYSTEM}
WAREHOUSE = {Role.HQ_ADMIN, Role.SYSTEM, Role.INTEGRATION}

# Written out by hand (not derived from the table): who may make each move on a store's order.
EXPECTED: dict[tuple[OrderStatus, Action], set[Role]] = {
    (S.DRAFT, Action.SEND): STAFF,
    (S.PROPOSED, Action.VIEW): {Role.FRANCHISEE},
    (S.PROPOSED, Action.CONFIRM): {Role.FRANCHISEE, Role.HQ_ADMIN},
    (S.VIEWED, Action.CONFIRM): {Role.FRANCHISEE, Role.HQ_ADMIN},
    (S.PROPOSED, Action.REJECT): {Role.FRANCHISEE, Role.HQ_ADMIN},
    (S.VIEWED, Action.REJECT): {Role.FRANCHISEE, Role.HQ_ADMIN},
    (S.PROPOSED, Action.EXPIRE): {Role.SYSTEM},
    (S.VIEWED, Action.EXPIRE): {Role.SYSTEM},
    (S.DRAFT, Action.CANCEL): STAFF,
    (S.PROPOSED, Action.CANCEL): STAFF,
    (S.VIEWED, Action.CANCEL): STAFF,
    (S.CONFIRMED, Action.CANCEL): {Role.HQ_ADMIN, Role.SYSTEM},
    (S.PICKING, Action.CANCEL): {Role.HQ_ADMIN, Role.SYSTEM},
    (S.CONFIRMED, Action.PICK): WAREHOUSE,
    (S.PICKING, Action.SHIP): WAREHOUSE,
    (S.SHIPPED, Action.DELIVER): WAREHOUSE,
}


def test_the_table_is_the_documented_lifecycle() -> None:
    assert set(TRANSITIONS) == set(EXPECTED)
    assert {S.REJECTED, S.EXPIRED, S.CANCELLED, S.DELIVERED} == FINAL
    assert actions_from(S.PROPOSED) == [
        Action.VIEW,
        Action.CONFIRM,
        Action.REJECT,
        Action.EXPIRE,
        Action.CANCEL,
    ]


async def _history(db: Database, world: World, order: Order) -> list[OrderTransition]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(OrderTransition)
            .where(OrderTransition.order_id == order.id)
            .order_by(OrderTransition.id)
        )
        return list(rows)


@pytest.mark.parametrize(("start", "action"), sorted(TRANSITIONS, key=str))
async def test_each_move_is_made_by_exactly_the_roles_allowed(
    db: Database, world: World, start: OrderStatus, action: Action
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    to = TRANSITIONS[(start, action)].to
    for role in ROLES:
        order = await order_in(db, world, store, start)
        actor = people.by_role(role)
        if role in EXPECTED[(start, action)]:
            moved = await act(db, actor, order, action, reason="because")
            assert moved.status == to, role
            last = (await _history(db, world, order))[-1]
            assert (last.from_status, last.to_status, last.action) == (start, to, action.value)
            assert last.actor_user_id == actor.user_id
        else:
            with pytest.raises(DomainError) as refused:
                await act(db, actor, order, action, reason="because")
            # A franchisee does not even see a draft.
            hidden = role == Role.FRANCHISEE and start == S.DRAFT
            expected = ErrorCode.NOT_FOUND if hidden else ErrorCode.FORBIDDEN
            assert refused.value.code == expected, role
            async with tenant_session(db, system(world.tenant)) as session:
                again = await session.get(Order, order.id)
                assert again is not None and again.status == start


@pytest.mark.parametrize("start", list(OrderStatus))
async def test_moves_not_in_the_table_are_refused_naming_status_and_action(
    db: Database, world: World, start: OrderStatus
) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, start)
    before = len(await _history(db, world, order))
    for action in Action:
        if (start, action) in TRANSITIONS:
            continue
        with pytest.raises(DomainError) as refused:
            await act(db, system(world.tenant), order, action, reason="because")
        assert refused.value.code == ErrorCode.INVALID_TRANSITION
        assert f"is {start.value}" in refused.value.message
        assert "cannot be" in refused.value.message
    assert len(await _history(db, world, order)) == before


async def test_moves_needing_a_reason_refuse_without_one(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    order = await order_in(db, world, store, S.PROPOSED)
    for action, actor in ((Action.REJECT, people.franchisee), (Action.CANCEL, people.merchandiser)):
        with pytest.raises(DomainError) as refused:
            await act(db, actor, order, action, reason="   ")
        assert refused.value.code == ErrorCode.REQUIRED
        assert refused.value.errors[0].field == "reason"
    rejected = await act(db, people.franchisee, order, Action.REJECT, reason="too many coats")
    assert rejected.close_reason == "too many coats"
    assert rejected.closed_at is not None


async def test_someone_elses_store_is_out_of_reach(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    draft = await order_in(db, world, store, S.DRAFT)
    with pytest.raises(DomainError) as refused:
        await act(db, people.other_merchandiser, draft, Action.SEND)
    assert refused.value.code == ErrorCode.FORBIDDEN
    proposal = await order_in(db, world, store, S.PROPOSED)
    with pytest.raises(DomainError) as hidden:
        await act(db, people.other_franchisee, proposal, Action.CONFIRM)
    assert hidden.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as unseen_draft:
        await act(db, people.franchisee, draft, Action.CANCEL, reason="no")
    assert unseen_draft.value.code == ErrorCode.NOT_FOUND


async def test_a_move_writes_its_row_audit_entry_and_outbox_in_one_transaction(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    order = await order_in(db, world, store, S.PROPOSED)
    await act(db, people.franchisee, order, Action.CONFIRM)
    async with tenant_session(db, system(world.tenant)) as session:
        audit = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "order.confirm", AuditEntry.entity_id == str(order.id)
            )
        )
        assert audit is not None
        assert audit.before == {"status": "proposed"}
        assert audit.after is not None and audit.after["status"] == "confirmed"
        assert audit.actor_user_id == people.franchisee.user_id
        keys = set(
            await session.scalars(
                select(OutboxMessage.key).where(OutboxMessage.key.like(f"order:{order.id}:%"))
            )
        )
    follow_ups = {f"order:{order.id}:confirm:{job}" for job in FOLLOW_UPS[Action.CONFIRM]}
    assert keys == {
        f"order:{order.id}:event:proposed",
        f"order:{order.id}:event:confirmed",
        *follow_ups,
    }
