"""Orders from draft to delivery: create, edit, adjust, move through the lifecycle, list.

Status changes all go through `domain.orders.transitions.transition`; the functions here find
the order the actor may see, check what the step needs beyond the table, and call it.
A franchisee sees an order of their stores once it has been sent (drafts are the
merchandiser's work in progress).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.errors import Collector, DomainError, ErrorCode, Invalid, NotFound
from domain.orders import approvals, rules
from domain.orders.lines import LineChange, change_lines, check_qty, orderable, recompute
from domain.orders.models import (
    LineSource,
    Order,
    OrderApproval,
    OrderLine,
    OrderStatus,
)
from domain.orders.rules import OrderAction
from domain.orders.states import Action
from domain.orders.transitions import flush, lock, transition
from domain.permissions import Actor, Permission, Role, authorize
from domain.stores.models import Store
from domain.text import free_text_problem

MAX_NOTE = 2000
_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread


def sees_drafts(actor: Actor) -> bool:
    """Whether the actor sees drafts (everyone but the franchisee)."""
    return actor.role != Role.FRANCHISEE


async def visible_order(session: AsyncSession, actor: Actor, order_id: int) -> Order:
    """An order the actor may read (NOT_FOUND otherwise, drafts included for franchisees)."""
    order, _ = await _visible(session, actor, order_id)
    return order


async def _visible(session: AsyncSession, actor: Actor, order_id: int) -> tuple[Order, Store]:
    """`visible_order` and its store. A caller going on to the order's rules keeps the store:
    the session holds loaded rows only while something else does, and the rules would read
    it again."""
    order = await session.get(Order, order_id)
    if order is None or (order.status == OrderStatus.DRAFT and not sees_drafts(actor)):
        raise NotFound("order")
    store = await session.get(Store, order.store_id)
    assert store is not None
    try:
        authorize(actor, Permission.ORDER_READ, store)
    except DomainError:
        raise NotFound("order") from None
    return order, store


async def _locked(
    session: AsyncSession, actor: Actor, order_id: int, action: OrderAction
) -> tuple[Order, Store]:
    """The visible order, locked, and its store, once `action`'s rule allows it."""
    order, _store = await _visible(session, actor, order_id)
    locked = await lock(session, order.id)
    assert locked is not None
    await rules.check(session, actor, locked, action)
    store = await session.get(Store, order.store_id)
    assert store is not None
    return locked, store


# --- drafts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftLine:
    """One line of a new draft: the engine's quantity and why."""

    sku_id: int
    qty: int
    reason: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DraftRequest:
    """One store's draft in a batch of drafts (a recommendation run writes them so)."""

    store_id: int
    lines: Sequence[DraftLine]
    holdout: bool = False


async def _new_numbers(session: AsyncSession, count: int) -> list[str]:
    """`count` fresh order numbers, e.g. `PO261123-7K3QF8` (date, then six random characters),
    checked against the orders there are in one query per round."""
    numbers: set[str] = set()
    while len(numbers) < count:
        drawn = {
            f"PO{clock.now():%y%m%d}-{''.join(secrets.choice(_NUMBER_ALPHABET) for _ in range(6))}"
            for _ in range(count - len(numbers))
        }
        taken = set(await session.scalars(select(Order.number).where(Order.number.in_(drawn))))
        numbers |= drawn - taken
    return sorted(numbers)


async def create_draft(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    lines: Sequence[DraftLine],
    run_id: int | None = None,
    source: LineSource = LineSource.ENGINE,
    note: str | None = None,
    holdout: bool = False,
) -> Order:
    """A draft for a store (the engine's pick, or a merchandiser's by hand with `source`).

    The budget is the store's now. With `run_id`, a draft the run already made for the store
    is returned as it is (a retried job makes no second one).
    """
    request = DraftRequest(store_id, lines, holdout)
    (order,) = await create_drafts(session, actor, [request], run_id, source, note)
    return order


async def create_drafts(
    session: AsyncSession,
    actor: Actor,
    requests: Sequence[DraftRequest],
    run_id: int | None = None,
    source: LineSource = LineSource.ENGINE,
    note: str | None = None,
) -> list[Order]:
    """Drafts for several stores at once, in the order asked: `create_draft` for each, with
    the stores, the SKUs, the run's earlier drafts and fresh numbers each read in one query and
    one flush for all (a run's batch of fifty stores is a handful of statements, not hundreds).

    Every request is checked before anything is written: one bad line refuses the whole batch,
    its field named `lines.{i}...` (prefixed `drafts.{n}.` when there are several requests).
    """
    store_ids = [r.store_id for r in requests]
    stores = {s.id: s for s in await session.scalars(select(Store).where(Store.id.in_(store_ids)))}
    for request in requests:
        store = stores.get(request.store_id)
        if store is None:
            raise NotFound("store", "store_id")
        authorize(actor, Permission.ORDER_EDIT, store)
    existing: dict[int, Order] = {}
    if run_id is not None:
        existing = {
            o.store_id: o
            for o in await session.scalars(
                select(Order).where(Order.run_id == run_id, Order.store_id.in_(store_ids))
            )
        }
    errors = Collector()
    if len(set(store_ids)) != len(store_ids):
        errors.add("drafts", "a store is listed twice: one draft per store", ErrorCode.DUPLICATE)
    skus = await orderable(session, [line.sku_id for r in requests for line in r.lines])
    several = len(requests) > 1
    for n, request in enumerate(requests):
        prefix = f"drafts.{n}." if several else ""
        seen: set[int] = set()
        for i, line in enumerate(request.lines):
            sku = skus.get(line.sku_id)
            if sku is None:
                errors.add(f"{prefix}lines.{i}.sku_id", "SKU not found", ErrorCode.NOT_FOUND)
            elif line.sku_id in seen:
                errors.add(
                    f"{prefix}lines.{i}.sku_id",
                    f"SKU {sku.code} is listed twice",
                    ErrorCode.DUPLICATE,
                )
            else:
                check_qty(errors, f"{prefix}lines.{i}.qty", line.qty, sku)
            seen.add(line.sku_id)
    text = _note(note, errors)
    errors.raise_if_any()
    fresh = [r for r in requests if r.store_id not in existing]
    numbers = iter(await _new_numbers(session, len(fresh)))
    made: dict[int, Order] = {}
    for request in fresh:
        store = stores[request.store_id]
        order = Order(
            store_id=store.id,
            number=next(numbers),
            status=OrderStatus.DRAFT,
            run_id=run_id,
            merchandiser_id=store.merchandiser_id,
            budget=store.budget,
            holdout=request.holdout,
            note=text,
            created_at=clock.now(),
        )
        order.lines = [
            OrderLine(
                sku_id=line.sku_id,
                recommended_qty=line.qty if source == LineSource.ENGINE else 0,
                qty=line.qty,
                unit_cost=skus[line.sku_id].unit_cost,
                retail_price=skus[line.sku_id].retail_price,
                source=source,
                reason=dict(line.reason),
            )
            for line in request.lines
        ]
        recompute(order)
        made[request.store_id] = order
    session.add_all(made.values())
    await session.flush()
    return [existing.get(r.store_id) or made[r.store_id] for r in requests]


def _note(note: str | None, errors: Collector) -> str | None:
    text = (note or "").strip() or None
    if text is not None and len(text) > MAX_NOTE:
        errors.add("note", f"at most {MAX_NOTE} characters")
    elif text is not None and (problem := free_text_problem(text)):
        errors.add("note", f"the note {problem}")
    return text


@dataclass
class Edited:
    """An order after an edit, and the approval request in force (if the edit needs one)."""

    order: Order
    approval: OrderApproval | None


async def edit_order(
    session: AsyncSession,
    actor: Actor,
    order_id: int,
    changes: Sequence[LineChange],
    note: str | None = None,
    justification: str | None = None,
) -> Edited:
    """The merchandiser changes a draft's lines (same stock and capacity checks as the franchisee).

    Going over the budget beyond the tenant's limit opens an approval request to HQ (with the
    `justification`); the draft cannot be sent until it is approved. `note` replaces the
    draft's note when given.
    """
    order, store = await _locked(session, actor, order_id, OrderAction.EDIT)
    errors = Collector()
    text = _note(note, errors)
    errors.raise_if_any()
    made = await change_lines(session, order, store, changes, LineSource.MERCHANDISER, False)
    if note is not None:
        order.note = text
    approval = await approvals.settle(session, actor, order, justification)
    await _audit_change(session, "order.edit", order, made)
    return Edited(order, approval)


async def adjust_order(
    session: AsyncSession, actor: Actor, order_id: int, changes: Sequence[LineChange]
) -> Order:
    """The franchisee changes a proposal before confirming: within budget, stock and capacity.

    A franchisee adjusting a proposal has seen it: it is marked viewed first.
    """
    order, store = await _locked(session, actor, order_id, OrderAction.ADJUST)
    by = LineSource.FRANCHISEE if actor.role == Role.FRANCHISEE else LineSource.MERCHANDISER
    made = await change_lines(session, order, store, changes, by, strict_budget=True)
    if order.status == OrderStatus.PROPOSED and actor.role == Role.FRANCHISEE:
        await transition(session, actor, order, Action.VIEW)
    await _audit_change(session, "order.adjust", order, made)
    return order


async def _audit_change(
    session: AsyncSession, action: str, order: Order, made: list[dict[str, Any]]
) -> None:
    await flush(session, order)
    await record(
        session,
        action,
        "orders",
        order.id,
        after={"lines": made, "total_cost": order.total_cost, "total_units": order.total_units},
    )


# --- moves ------------------------------------------------------------------------------------


async def apply(
    session: AsyncSession, actor: Actor, order_id: int, action: Action, reason: str | None = None
) -> Order:
    """Apply `action` to the order `order_id` the actor can see; the order after the move."""
    order, _store = await _visible(session, actor, order_id)
    await transition(session, actor, order, action, reason)
    return order


# --- lists ------------------------------------------------------------------------------------


class OrderOrdering(StrEnum):
    """How an order list is sorted."""

    NEWEST = "newest"  # most recently created first: the order history
    OLDEST = "oldest"
    EXPIRING = "expiring"  # nearest cut-off first (orders without one last)
    NUMBER = "number"


@dataclass(frozen=True)
class OrderFilter:
    """Which orders to list (all optional, combined with AND)."""

    statuses: Sequence[OrderStatus] = ()
    store_id: int | None = None
    region_id: int | None = None
    merchandiser_id: int | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    number: str | None = None
    approval_states: Sequence[approvals.ApprovalState] = ()


def orders_statement(
    actor: Actor,
    f: OrderFilter,
    ordering: OrderOrdering = OrderOrdering.NEWEST,
    over_budget_share: Decimal = Decimal(0),
) -> Select[Order]:
    """The orders the actor sees, filtered and sorted (the session limits them to visible stores).

    `over_budget_share` is the tenant's `merchandiser_over_budget_limit`, which an approval
    state filter needs.
    """
    where: list[ColumnElement[bool]] = []
    if f.approval_states:
        where.append(approvals.state_condition(f.approval_states, over_budget_share))
    if not sees_drafts(actor):
        where.append(Order.status != OrderStatus.DRAFT)
    if f.statuses:
        where.append(Order.status.in_(list(f.statuses)))
    if f.store_id is not None:
        where.append(Order.store_id == f.store_id)
    if f.region_id is not None:
        where.append(Order.store_id.in_(select(Store.id).where(Store.region_id == f.region_id)))
    if f.merchandiser_id is not None:
        where.append(Order.merchandiser_id == f.merchandiser_id)
    if f.created_from is not None:
        where.append(Order.created_at >= f.created_from)
    if f.created_to is not None:
        where.append(Order.created_at < f.created_to)
    if f.number:
        pattern = f.number.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(Order.number.ilike(f"%{pattern}%", escape="\\"))
    order_by = {
        OrderOrdering.NEWEST: (Order.created_at.desc(), Order.id.desc()),
        OrderOrdering.OLDEST: (Order.created_at, Order.id),
        OrderOrdering.EXPIRING: (Order.expires_at.is_(None), Order.expires_at, Order.id),
        OrderOrdering.NUMBER: (Order.number, Order.id),
    }[ordering]
    return select(Order).where(*where).order_by(*order_by)


def check_range(f: OrderFilter) -> None:
    """Refuse a date range that ends before it starts."""
    if f.created_from and f.created_to and f.created_to <= f.created_from:
        raise Invalid("filter.created_to", "the end must come after the start")
