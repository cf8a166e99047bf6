"""Inputs, filters and payloads of the order API."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from api.graphql.enums import expose
from api.graphql.errors import UserError
from api.graphql.orders.types import OrderApprovalType, OrderType
from domain.orders.approvals import ApprovalState
from domain.orders.models import OrderStatus
from domain.orders.service import OrderOrdering

expose(
    OrderOrdering,
    "OrderOrdering",
    "How an order list is sorted.",
    {
        "NEWEST": "Most recently created first: the order history.",
        "OLDEST": "Oldest first.",
        "EXPIRING": "Nearest cut-off first (orders without one last).",
        "NUMBER": "By order number.",
    },
)


@strawberry.input(description="Which orders to list (all optional, combined with AND).")
class OrderFilter:
    """Order filters."""

    status: list[OrderStatus] | None = strawberry.field(
        default=None, description="In any of these statuses."
    )
    store_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this store.")
    region_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Of the stores of this region."
    )
    merchandiser_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Drafted for this merchandiser (a User)."
    )
    created_from: datetime | None = strawberry.field(
        default=None, description="Created at or after this time."
    )
    created_to: datetime | None = strawberry.field(
        default=None, description="Created before this time."
    )
    number: str | None = strawberry.field(
        default=None, description="Order number contains this text (any case)."
    )
    approval_state: list[ApprovalState] | None = strawberry.field(
        default=None,
        description="Where the order stands with HQ approval of going over budget: in any of "
        "these (e.g. PENDING: what HQ has to decide).",
    )


@strawberry.input(description="An order to move (send, view, confirm).")
class OrderIdInput:
    """Which order."""

    id: relay.GlobalID = strawberry.field(description="The order.")


@strawberry.input(description="An order to move with a reason (reject, cancel).")
class OrderReasonInput:
    """Which order, and why."""

    id: relay.GlobalID = strawberry.field(description="The order.")
    reason: str = strawberry.field(description="Why (required; the other side is told).")


@strawberry.input(description="The quantity one SKU should have on the order.")
class OrderLineInput:
    """Set a SKU's quantity: 0 cuts it (the line stays at 0), a SKU not yet on it is added."""

    sku_id: relay.GlobalID = strawberry.field(description="The SKU.")
    qty: int = strawberry.field(description="Units (a whole number of packs).")


@strawberry.input(description="A merchandiser's changes to a draft.")
class OrderEditInput:
    """Lines to set, the note, and why when going over budget."""

    id: relay.GlobalID = strawberry.field(description="The draft.")
    lines: list[OrderLineInput] = strawberry.field(
        default_factory=list, description="Quantities to set; SKUs not listed stay as they are."
    )
    note: str | None = strawberry.field(
        default=None, description="Replaces the note to the franchisee when given."
    )
    justification: str | None = strawberry.field(
        default=None,
        description="Why the draft goes over budget: required when the change asks HQ for "
        "approval (beyond the tenant's limit), for HQ to decide on.",
    )


@strawberry.input(description="A franchisee's changes to a proposal before confirming it.")
class OrderAdjustInput:
    """Lines to set."""

    id: relay.GlobalID = strawberry.field(description="The proposal.")
    lines: list[OrderLineInput] = strawberry.field(
        description="Quantities to set; SKUs not listed stay as they are."
    )


@strawberry.input(description="HQ's decision on an approval request.")
class OrderApprovalDecideInput:
    """Approve or refuse, and why."""

    id: relay.GlobalID = strawberry.field(
        description="The approval request (an OrderApproval id), or the order (an Order id): "
        "then its pending request is decided."
    )
    approve: bool = strawberry.field(description="True to approve, false to refuse.")
    reason: str | None = strawberry.field(
        default=None, description="Why (required to refuse; the merchandiser is told)."
    )


@strawberry.type(description="Result of an order mutation.")
class OrderPayload:
    """The order after the change, or why nothing changed."""

    order: OrderType | None = strawberry.field(description="The order, when the change was made.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of an approval decision.")
class OrderApprovalDecidePayload:
    """The decided request and its order, or why nothing changed."""

    approval: OrderApprovalType | None = strawberry.field(description="The request, decided.")
    order: OrderType | None = strawberry.field(description="The order it is about.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
