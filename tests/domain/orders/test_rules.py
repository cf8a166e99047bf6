"""`Order.actions` is what the API accepts: every status × role × approval state, every action.

For each order (a status, and for drafts each HQ-approval state; a sent order is within the
limit or approved, nothing else can be sent) and each member of the store's cast, every action
is tried through the service the mutation calls, in a transaction rolled back afterwards: an
action the rules list must succeed, one they do not list must be refused, with the rule's code
(or NOT_FOUND where the actor may not even see the order).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.db import Database
from domain.errors import DomainError, ErrorCode, NotFound
from domain.orders import approvals, rules, service
from domain.orders.approvals import ApprovalState
from domain.orders.lines import LineChange
from domain.orders.models import Order, OrderStatus
from domain.orders.rules import OrderAction
from domain.permissions import Actor
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import PATHS, act, cast, draft, edit
from tests.factories import World, system
from tests.factories_service import update_store

S = OrderStatus
A = OrderAction
STATES = {
    S.DRAFT: list(ApprovalState),
    **{s: [ApprovalState.NOT_NEEDED, ApprovalState.APPROVED] for s in S if s != S.DRAFT},
}
# A budget of 300 (limit 330 at the tenant's 10%): the default draft, 2 + 2 units at 90, is over.
SMALL_BUDGET = Decimal("300.00")


async def _decide(db: Database, world: World, order: Order, approve: bool) -> None:
    async with tenant_session(db, world.hq.actor) as session:
        pending = (await approvals.approvals_of(session, order.id))[0]
        await approvals.decide(session, world.hq.actor, pending.id, approve, "not this time")
        await session.commit()


async def _order(
    db: Database, world: World, store: Store, status: OrderStatus, state: ApprovalState
) -> Order:
    """An order of `store` in `status` and approval `state`, made through the services."""
    people = cast(world, store)
    if state == ApprovalState.NOT_NEEDED:
        order = await draft(db, world, store)
    else:
        await update_store(db, world, store, budget=SMALL_BUDGET)
        order = await draft(db, world, store)  # the engine's draft, over the limit: REQUIRED
        await update_store(db, world, store, budget=Decimal("10000.00"))
        if state != ApprovalState.REQUIRED:
            a = world.skus[0]
            await edit(db, people.merchandiser, order, {a: 4}, justification="opening week")
        if state in (ApprovalState.APPROVED, ApprovalState.REFUSED):
            await _decide(db, world, order, approve=state == ApprovalState.APPROVED)
    for action, role in PATHS[status]:
        order = await act(db, people.by_role(role), order, action, reason="test")
    async with tenant_session(db, system(world.tenant)) as session:
        standing = await rules.standing_of(session, system(world.tenant), order)
        assert approvals.state_of(order.total_cost, standing.limit, standing.history) == state
    assert order.status == status
    return order


async def _attempt(db: Database, actor: Actor, order: Order, action: OrderAction) -> None:
    """Do `action` as the mutation does, then roll everything back (raises when refused)."""
    first = LineChange(order.lines[0].sku_id, 0)  # a cut: always within budget, stock and room
    async with tenant_session(db, actor) as session:
        try:
            if action == A.EDIT:
                await service.edit_order(session, actor, order.id, [first], justification="why")
            elif action == A.ADJUST:
                await service.adjust_order(session, actor, order.id, [first])
            else:
                move = action.move
                assert move is not None
                await service.apply(session, actor, order.id, move, reason="because")
        finally:
            await session.rollback()


async def _listed(
    db: Database, actor: Actor, order: Order
) -> tuple[list[OrderAction], dict[OrderAction, DomainError | None]]:
    """The actions the rules list for `actor`, and each rule's answer (None: none visible)."""
    async with tenant_session(db, actor) as session:
        loaded = await session.get(Order, order.id)
        if loaded is None:  # another store's order: the session does not even show it
            return [], dict.fromkeys(A, NotFound("order"))
        standing = await rules.standing_of(session, actor, loaded)
        refusals = {a: rules.refusal(loaded, standing, a) for a in A}
        return rules.allowed(loaded, standing), refusals


CASES = [(status, state) for status, states in STATES.items() for state in states]


@pytest.mark.parametrize(("status", "state"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
async def test_listed_actions_succeed_and_the_others_are_refused(
    db: Database, world: World, status: OrderStatus, state: ApprovalState
) -> None:
    store = world.stores[1] if state != ApprovalState.NOT_NEEDED else world.stores[0]
    order = await _order(db, world, store, status, state)
    listed_by: dict[str, list[OrderAction]] = {}
    for who, actor in vars(cast(world, store)).items():
        listed, refusals = await _listed(db, actor, order)
        listed_by[who] = listed
        for action in A:
            where = (who, action)
            if action in listed:
                await _attempt(db, actor, order, action)  # must not raise
                continue
            with pytest.raises(DomainError) as refused:
                await _attempt(db, actor, order, action)
            rule = refusals[action]
            assert rule is not None, where
            assert refused.value.code in (rule.code, ErrorCode.NOT_FOUND), where
    _check_known_cases(status, state, listed_by)


def _check_known_cases(
    status: OrderStatus, state: ApprovalState, listed: dict[str, list[OrderAction]]
) -> None:
    """What issue 12 saw go wrong, spelled out, so the walk above is not vacuous."""
    assert not listed["other_franchisee"]
    if status == S.VIEWED:
        assert listed["franchisee"] == [A.ADJUST, A.CONFIRM, A.REJECT]
    if status == S.PROPOSED:
        assert listed["franchisee"] == [A.VIEW, A.ADJUST, A.CONFIRM, A.REJECT]
    if status == S.DRAFT:
        assert not listed["franchisee"]
        sendable = state in (ApprovalState.NOT_NEEDED, ApprovalState.APPROVED)
        assert (
            listed["merchandiser"] == [A.EDIT, A.SEND, A.CANCEL]
            if sendable
            else [
                A.EDIT,
                A.CANCEL,
            ]
        )
        assert A.SEND not in listed["other_merchandiser"]
    if status == S.CONFIRMED:
        assert listed["integration"] == [A.PICK]
        assert listed["hq"] == [A.CANCEL, A.PICK]
        assert not listed["merchandiser"]
