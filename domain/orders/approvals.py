"""HQ approval of drafts that go over the store's budget beyond the tenant's limit.

A merchandiser may spend up to `budget × (1 + merchandiser_over_budget_limit)` on a draft on
their own. An edit beyond that opens a request to HQ (pending); the draft cannot be sent while
it is pending, nor once refused, until it is brought back within the limit or a new request is
approved. A request covers the amount it asked for: a later edit that costs more asks again.
Only HQ decides (permission `order:approve`): the regional manager may edit and send the
drafts of the region, so letting them approve would let one person approve their own overrun.
An edit by someone who holds `order:approve` is recorded as approved by that person.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ColumnElement, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.errors import DomainError, ErrorCode, Invalid, NotFound
from domain.jobs import outbox
from domain.notifications.jobs import ORDER_EVENT
from domain.orders.models import ApprovalStatus, Order, OrderApproval
from domain.permissions import Actor, Permission, authorize, can
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.text import free_text_problem

MAX_TEXT = 2000
CENT = Decimal("0.01")


class ApprovalState(StrEnum):
    """Where an order stands with HQ approval."""

    NOT_NEEDED = "not_needed"  # within the limit
    REQUIRED = "required"  # over the limit and nobody asked yet
    PENDING = "pending"  # asked, HQ has not decided
    APPROVED = "approved"  # an approval covers the order's cost
    REFUSED = "refused"  # HQ said no to the last request


def limit_of(order: Order, tenant: Tenant) -> Decimal:
    """What may be put on this order without HQ approval (the budget plus the tenant's share)."""
    share = tenant.policies.service.merchandiser_over_budget_limit
    return (order.budget * (1 + share)).quantize(CENT)


async def spending_limit(session: AsyncSession, order: Order) -> Decimal:
    """`limit_of` the order, for its tenant."""
    tenant = await session.scalar(select(Tenant).where(Tenant.id == order.tenant_id))
    assert tenant is not None
    return limit_of(order, tenant)


def state_of(cost: Decimal, limit: Decimal, history: list[OrderApproval]) -> ApprovalState:
    """The approval state of an order costing `cost`, given its requests (newest first)."""
    if any(a.status == ApprovalStatus.PENDING for a in history):
        return ApprovalState.PENDING
    if cost <= limit:
        return ApprovalState.NOT_NEEDED
    if covering(history, cost) is not None:
        return ApprovalState.APPROVED
    decided = next((a for a in history if a.status != ApprovalStatus.WITHDRAWN), None)
    if decided is not None and decided.status == ApprovalStatus.REFUSED:
        return ApprovalState.REFUSED
    return ApprovalState.REQUIRED


def state_condition(states: Sequence[ApprovalState], share: Decimal) -> ColumnElement[bool]:
    """Orders in any of the approval `states`, in SQL (`state_of`, for a tenant whose
    merchandisers may go `share` over budget)."""
    request = OrderApproval
    limit = func.round(Order.budget * (1 + share), 2)
    pending = exists().where(request.order_id == Order.id, request.status == ApprovalStatus.PENDING)
    within = Order.total_cost <= limit
    covered = exists().where(
        request.order_id == Order.id,
        request.status == ApprovalStatus.APPROVED,
        request.amount >= Order.total_cost,
    )
    last = (
        select(request.status)
        .where(request.order_id == Order.id, request.status != ApprovalStatus.WITHDRAWN)
        .order_by(request.requested_at.desc(), request.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    refused = last.is_not(None) & (last == ApprovalStatus.REFUSED)
    over = ~pending & ~within
    conditions = {
        ApprovalState.PENDING: pending,
        ApprovalState.NOT_NEEDED: ~pending & within,
        ApprovalState.APPROVED: over & covered,
        ApprovalState.REFUSED: over & ~covered & refused,
        ApprovalState.REQUIRED: over & ~covered & ~refused,
    }
    return or_(false(), *(conditions[s] for s in states))


async def approvals_of(session: AsyncSession, order_id: int) -> list[OrderApproval]:
    """An order's approval requests, newest first."""
    rows = await session.scalars(
        select(OrderApproval)
        .where(OrderApproval.order_id == order_id)
        .order_by(OrderApproval.requested_at.desc(), OrderApproval.id.desc())
    )
    return list(rows)


def covering(approvals: list[OrderApproval], amount: Decimal) -> OrderApproval | None:
    """The newest approved request for at least `amount`."""
    return next(
        (a for a in approvals if a.status == ApprovalStatus.APPROVED and a.amount >= amount), None
    )


def _text(value: str | None, field: str) -> str | None:
    text = (value or "").strip() or None
    if text is not None and len(text) > MAX_TEXT:
        raise Invalid(field, f"at most {MAX_TEXT} characters")
    if text is not None and (problem := free_text_problem(text)):
        raise Invalid(field, f"the text {problem}")
    return text


async def settle(
    session: AsyncSession, actor: Actor, order: Order, justification: str | None = None
) -> OrderApproval | None:
    """After a draft changed: open, keep or withdraw its approval request; the one in force.

    Within the limit a pending request is withdrawn. Beyond it, an approval for at least the
    new cost stands; otherwise a new request is opened (replacing a pending one for another
    amount), approved at once when `actor` may approve. A request to HQ needs a
    `justification` (REQUIRED, naming the field, when there is none).
    """
    text = _text(justification, "justification")
    limit = await spending_limit(session, order)
    history = await approvals_of(session, order.id)
    pending = next((a for a in history if a.status == ApprovalStatus.PENDING), None)
    if order.total_cost <= limit:
        if pending is not None:
            _close(pending, actor, ApprovalStatus.WITHDRAWN, "back within the limit")
        return None
    standing = _standing(history, pending, order.total_cost, text)
    if standing is not None:
        return standing
    approver = can(actor, Permission.ORDER_APPROVE)
    if text is None and pending is not None:
        text = pending.justification  # the same ask for another amount: the same reasons
    if text is None and not approver:
        raise Invalid(
            "justification",
            f"the order would cost {order.total_cost}, over the {limit} a merchandiser may spend "
            f"without HQ: say why HQ should approve it",
            ErrorCode.REQUIRED,
        )
    if pending is not None:
        _close(pending, actor, ApprovalStatus.WITHDRAWN, "replaced by a new request")
        await session.flush()  # one pending request per order at a time
    request = OrderApproval(
        store_id=order.store_id,
        order_id=order.id,
        amount=order.total_cost,
        budget=order.budget,
        limit_amount=limit,
        justification=text,
        requested_by_id=actor.user_id,
        requested_at=clock.now(),
    )
    session.add(request)
    if approver:
        _close(request, actor, ApprovalStatus.APPROVED, "made by someone who may approve")
        await session.flush()
        return request
    await session.flush()
    outbox.enqueue(
        session,
        ORDER_EVENT,
        key=f"order:{order.id}:approval:{request.id}:requested",
        args={"order_id": order.id, "event": "approval_requested", "shipment_id": None},
    )
    return request


def _standing(
    history: list[OrderApproval], pending: OrderApproval | None, cost: Decimal, text: str | None
) -> OrderApproval | None:
    """The request that still answers for an order over the limit costing `cost`, if any."""
    if pending is not None:
        same = pending.amount == cost and text in (None, pending.justification)
        return pending if same else None
    approved = covering(history, cost)
    if approved is not None:
        return approved
    last = next((a for a in history if a.status != ApprovalStatus.WITHDRAWN), None)
    # Refused as it stands: asking again takes another amount or a word of justification.
    if last and last.status == ApprovalStatus.REFUSED and last.amount == cost and text is None:
        return last
    return None


def _close(
    approval: OrderApproval, actor: Actor, status: ApprovalStatus, reason: str | None
) -> None:
    approval.status = status
    approval.decided_by_id = actor.user_id
    approval.decided_at = clock.now()
    approval.decision_reason = reason


async def withdraw(session: AsyncSession, actor: Actor, order: Order, reason: str) -> None:
    """Close an order's pending request, if any (the order is going nowhere)."""
    for approval in await approvals_of(session, order.id):
        if approval.status == ApprovalStatus.PENDING:
            _close(approval, actor, ApprovalStatus.WITHDRAWN, reason)


def refusal_to_send(
    order: Order, limit: Decimal, history: list[OrderApproval]
) -> DomainError | None:
    """APPROVAL_REQUIRED when the draft is over the limit without a covering approval."""
    state = state_of(order.total_cost, limit, history)
    if state == ApprovalState.PENDING:
        return DomainError(
            ErrorCode.APPROVAL_REQUIRED,
            f"order {order.number} waits for HQ to approve going over budget",
            None,
        )
    if state in (ApprovalState.REQUIRED, ApprovalState.REFUSED):
        refused = (
            next(a for a in history if a.status == ApprovalStatus.REFUSED)
            if state == ApprovalState.REFUSED
            else None
        )
        why = f" (HQ refused: {refused.decision_reason})" if refused else ""
        return DomainError(
            ErrorCode.APPROVAL_REQUIRED,
            f"order {order.number} costs {order.total_cost}, over the {limit} a merchandiser "
            f"may spend on a budget of {order.budget}: bring it within the limit or ask HQ{why}",
            None,
        )
    return None


async def pending_request_of(session: AsyncSession, order_id: int) -> int:
    """The id of the order's pending request (NOT_FOUND naming `id` when it has none)."""
    order = await session.get(Order, order_id)
    if order is None:
        raise NotFound("order")
    found = await session.scalar(
        select(OrderApproval.id).where(
            OrderApproval.order_id == order_id, OrderApproval.status == ApprovalStatus.PENDING
        )
    )
    if found is None:
        raise NotFound(f"a pending approval request of order {order.number}")
    return int(found)


async def decide(
    session: AsyncSession,
    actor: Actor,
    approval_id: int,
    approve: bool,
    reason: str | None = None,
) -> OrderApproval:
    """HQ approves or refuses (with a reason) a pending request; the merchandiser is told."""
    approval = await session.get(OrderApproval, approval_id, with_for_update=True)
    if approval is None:
        raise NotFound("approval request")
    store = await session.get(Store, approval.store_id)
    assert store is not None
    authorize(actor, Permission.ORDER_APPROVE, store)
    text = _text(reason, "reason")
    if not approve and text is None:
        raise Invalid("reason", "say why the request is refused", ErrorCode.REQUIRED)
    if approval.status != ApprovalStatus.PENDING:
        raise DomainError(
            ErrorCode.CONFLICT, f"this request is already {approval.status.value}", "id"
        )
    before = approval.status
    _close(approval, actor, ApprovalStatus.APPROVED if approve else ApprovalStatus.REFUSED, text)
    await record(
        session,
        "order.approval_decide",
        "orders",
        approval.order_id,
        before={"approval": approval.id, "status": before.value},
        after={"approval": approval.id, "status": approval.status.value, "reason": text},
    )
    outbox.enqueue(
        session,
        ORDER_EVENT,
        key=f"order:{approval.order_id}:approval:{approval.id}:decided",
        args={"order_id": approval.order_id, "event": "approval_decided", "shipment_id": None},
    )
    await session.flush()
    return approval
