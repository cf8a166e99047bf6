"""May this actor do this to this order now? One rule per action, for the mutations and the buttons.

Every mutation on an order asks `check` before it changes anything, and `Order.actions` lists
the actions whose rule answers yes (`allowed`), so a button is shown exactly when the API would
accept the action. A rule looks at the order, its store and where it stands with HQ approval
(`Standing`); it does not judge the input an action takes (a reason, quantities) nor HQ's
stock at the moment of confirming: those are checked when the action is made, and refused with
an error naming the field or the SKU.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import DomainError, ErrorCode, Forbidden, Invalid
from domain.orders import approvals
from domain.orders.models import Order, OrderApproval
from domain.orders.states import ADJUSTABLE, EDITABLE, Action, move
from domain.permissions import Actor, Permission, can
from domain.stores.models import Store


class OrderAction(StrEnum):
    """Everything a person (or the system) can do to an order: the status moves, and the two
    changes of lines (a merchandiser editing a draft, a franchisee adjusting a proposal)."""

    EDIT = "edit"
    SEND = "send"
    VIEW = "view"
    ADJUST = "adjust"
    CONFIRM = "confirm"
    REJECT = "reject"
    EXPIRE = "expire"
    CANCEL = "cancel"
    PICK = "pick"
    SHIP = "ship"
    DELIVER = "deliver"

    @property
    def move(self) -> Action | None:
        """The status move this action makes (None for EDIT and ADJUST, which change lines)."""
        try:
            return Action(self.value)
        except ValueError:
            return None


_PAST = {
    Action.SEND: "sent",
    Action.VIEW: "viewed",
    Action.CONFIRM: "confirmed",
    Action.REJECT: "rejected",
    Action.EXPIRE: "expired",
    Action.CANCEL: "cancelled",
    Action.PICK: "picked",
    Action.SHIP: "shipped",
    Action.DELIVER: "delivered",
}


class InvalidTransition(DomainError):
    """The table has no such move from the order's current status."""

    def __init__(self, order: Order, action: Action) -> None:
        super().__init__(
            ErrorCode.INVALID_TRANSITION,
            f"order {order.number} is {order.status.value}: it cannot be {_PAST[action]}",
            None,
        )


@dataclass(frozen=True)
class Standing:
    """What the rules know of an order besides its row: its store and its HQ approval requests.

    `actor` is the one asking, with a franchisee's own stores filled in. The spending limit
    and the approval requests are read only for the rules that look at them (a send): None
    when a single rule that does not was asked.
    """

    actor: Actor
    store: Store
    limit: Decimal | None
    history: list[OrderApproval] | None


Rule = Callable[[Order, Standing], DomainError | None]


def _wrong_status(order: Order, what: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID_TRANSITION, f"order {order.number} is {order.status.value}: {what}", None
    )


def _denied(standing: Standing, permission: Permission) -> DomainError | None:
    if can(standing.actor, permission, standing.store):
        return None
    return Forbidden(f"{standing.actor.role.value} may not {permission.value} here")


def _edit(order: Order, standing: Standing) -> DomainError | None:
    denied = _denied(standing, Permission.ORDER_EDIT)
    if denied is not None:
        return denied
    if order.status not in EDITABLE:
        return _wrong_status(order, "only drafts can be edited")
    return None


def _adjust(order: Order, standing: Standing) -> DomainError | None:
    denied = _denied(standing, Permission.ORDER_ADJUST)
    if denied is not None:
        return denied
    if order.status not in ADJUSTABLE:
        return _wrong_status(order, "only a proposal waiting for an answer can be adjusted")
    return None


def _moving(action: Action) -> Rule:
    """The rule of a status move: the table has it, and the actor may make it on the store."""

    def rule(order: Order, standing: Standing) -> DomainError | None:
        step = move(order.status, action)
        if step is None:
            return InvalidTransition(order, action)
        denied = _denied(standing, step.permission)
        if denied is not None:
            return denied
        if step.roles is not None and standing.actor.role not in step.roles:
            allowed = ", ".join(sorted(r.value.replace("_", " ") for r in step.roles))
            return Forbidden(f"only {allowed} may move an order to {step.to.value}")
        return None

    return rule


def _send(order: Order, standing: Standing) -> DomainError | None:
    refused = _moving(Action.SEND)(order, standing)
    if refused is not None:
        return refused
    if order.total_units <= 0:
        return Invalid(None, f"order {order.number} has no units to send")
    assert standing.limit is not None and standing.history is not None, "read for a send"
    return approvals.refusal_to_send(order, standing.limit, standing.history)


RULES: dict[OrderAction, Rule] = {
    OrderAction.EDIT: _edit,
    OrderAction.SEND: _send,
    OrderAction.ADJUST: _adjust,
    **{a: _moving(m) for a in OrderAction if (m := a.move) is not None and a != OrderAction.SEND},
}


def refusal(order: Order, standing: Standing, action: OrderAction) -> DomainError | None:
    """Why `standing.actor` may not do `action` to `order` now, or None when they may."""
    return RULES[action](order, standing)


def allowed(order: Order, standing: Standing) -> list[OrderAction]:
    """The actions the actor may take on the order now, in the order OrderAction lists them."""
    return [a for a in OrderAction if refusal(order, standing, a) is None]


#: The actions whose rule looks at the spending limit and the approval requests.
WITH_APPROVALS = frozenset({OrderAction.SEND})


async def standing_of(
    session: AsyncSession, actor: Actor, order: Order, with_approvals: bool = True
) -> Standing:
    """The order's standing, read from the database, for `actor` (without the limit and the
    approval requests unless `with_approvals`)."""
    store = await session.get(Store, order.store_id)
    assert store is not None  # an order's store is as visible as the order
    if not with_approvals:
        return Standing(actor=actor, store=store, limit=None, history=None)
    return Standing(
        actor=actor,
        store=store,
        limit=await approvals.spending_limit(session, order),
        history=await approvals.approvals_of(session, order.id),
    )


async def check(session: AsyncSession, actor: Actor, order: Order, action: OrderAction) -> None:
    """Raise the rule's refusal unless `actor` may do `action` to `order` now (two reads fewer
    under the order's lock for every action but a send)."""
    standing = await standing_of(session, actor, order, action in WITH_APPROVALS)
    refused = refusal(order, standing, action)
    if refused is not None:
        raise refused
