"""The order state machine as one table: (status, action) → the move, and who may make it.

Every status change goes through `domain.orders.transitions.transition`, which looks the move
up here, checks the permission (on the order's store) and the roles, and writes the transition,
its audit entry and its outbox rows in the caller's transaction.

Other concepts hang work on a move with `follow_up(action, job)`: the job runs (through the
outbox) after the transaction that made the move commits, with
`order_id` and `transition_id` as arguments. Register at import time of the module that defines
the job, e.g. `follow_up(Action.PICK, "shipments.pick_list")`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.orders.models import OrderStatus
from domain.permissions import Permission, Role

S = OrderStatus


class Action(StrEnum):
    """What can be done to an order's status."""

    SEND = "send"  # the merchandiser sends the draft to the franchisee
    VIEW = "view"  # the franchisee opened the proposal
    CONFIRM = "confirm"  # the franchisee accepts it: HQ stock is reserved
    REJECT = "reject"  # the franchisee refuses it, with a reason
    EXPIRE = "expire"  # unconfirmed at the warehouse cut-off (the system)
    CANCEL = "cancel"  # withdrawn before it ships, with a reason
    PICK = "pick"  # the warehouse starts picking
    SHIP = "ship"  # the goods leave the warehouse: the reservation is consumed
    DELIVER = "deliver"  # the store has the goods


@dataclass(frozen=True)
class Move:
    """One allowed transition: where it leads, what it needs, and the event it raises."""

    to: OrderStatus
    permission: Permission
    # Only these roles may make the move (None: whoever holds the permission on the store).
    roles: frozenset[Role] | None = None
    reason_required: bool = False


_ANY_STAFF = None
_FRANCHISEE_OR_HQ = frozenset({Role.FRANCHISEE, Role.HQ_ADMIN})
_WAREHOUSE = frozenset({Role.HQ_ADMIN, Role.SYSTEM, Role.INTEGRATION})
_HQ_OR_SYSTEM = frozenset({Role.HQ_ADMIN, Role.SYSTEM})


def _cancel(roles: frozenset[Role] | None) -> Move:
    return Move(S.CANCELLED, Permission.ORDER_CANCEL, roles, reason_required=True)


# Confirm and reject are the franchisee's (HQ may record them on the franchisee's behalf, e.g.
# after a phone call); expiry is the system's alone; once stock is reserved (confirmed,
# picking) only HQ or the system may cancel, because the warehouse is already involved.
TRANSITIONS: dict[tuple[OrderStatus, Action], Move] = {
    (S.DRAFT, Action.SEND): Move(S.PROPOSED, Permission.ORDER_SEND, _ANY_STAFF),
    (S.PROPOSED, Action.VIEW): Move(S.VIEWED, Permission.ORDER_READ, frozenset({Role.FRANCHISEE})),
    (S.PROPOSED, Action.CONFIRM): Move(S.CONFIRMED, Permission.ORDER_CONFIRM, _FRANCHISEE_OR_HQ),
    (S.VIEWED, Action.CONFIRM): Move(S.CONFIRMED, Permission.ORDER_CONFIRM, _FRANCHISEE_OR_HQ),
    (S.PROPOSED, Action.REJECT): Move(
        S.REJECTED, Permission.ORDER_REJECT, _FRANCHISEE_OR_HQ, reason_required=True
    ),
    (S.VIEWED, Action.REJECT): Move(
        S.REJECTED, Permission.ORDER_REJECT, _FRANCHISEE_OR_HQ, reason_required=True
    ),
    (S.PROPOSED, Action.EXPIRE): Move(S.EXPIRED, Permission.ORDER_CANCEL, frozenset({Role.SYSTEM})),
    (S.VIEWED, Action.EXPIRE): Move(S.EXPIRED, Permission.ORDER_CANCEL, frozenset({Role.SYSTEM})),
    (S.DRAFT, Action.CANCEL): _cancel(_ANY_STAFF),
    (S.PROPOSED, Action.CANCEL): _cancel(_ANY_STAFF),
    (S.VIEWED, Action.CANCEL): _cancel(_ANY_STAFF),
    (S.CONFIRMED, Action.CANCEL): _cancel(_HQ_OR_SYSTEM),
    (S.PICKING, Action.CANCEL): _cancel(_HQ_OR_SYSTEM),
    (S.CONFIRMED, Action.PICK): Move(S.PICKING, Permission.SHIPMENT_WRITE, _WAREHOUSE),
    (S.PICKING, Action.SHIP): Move(S.SHIPPED, Permission.SHIPMENT_WRITE, _WAREHOUSE),
    (S.SHIPPED, Action.DELIVER): Move(S.DELIVERED, Permission.SHIPMENT_WRITE, _WAREHOUSE),
}

# A franchisee may change the lines of a proposal in these statuses; a merchandiser edits drafts.
ADJUSTABLE = frozenset({S.PROPOSED, S.VIEWED})
EDITABLE = frozenset({S.DRAFT})
# Waiting for the franchisee's answer.
PENDING = frozenset({S.PROPOSED, S.VIEWED})
FINAL = frozenset(status for status in OrderStatus if not any(s == status for s, _ in TRANSITIONS))

# Jobs other concepts run after a move commits: action → job names (see `follow_up`).
FOLLOW_UPS: dict[Action, list[str]] = {action: [] for action in Action}


def move(status: OrderStatus, action: Action) -> Move | None:
    """The move `action` makes from `status`, or None when it is not allowed."""
    return TRANSITIONS.get((status, action))


def actions_from(status: OrderStatus) -> list[Action]:
    """The actions the table allows from `status`, in the order Action lists them."""
    return [a for a in Action if (status, a) in TRANSITIONS]


def follow_up(action: Action, job: str) -> None:
    """Run job `job` (with `order_id`, `transition_id`) after every committed `action`."""
    if job not in FOLLOW_UPS[action]:
        FOLLOW_UPS[action].append(job)
