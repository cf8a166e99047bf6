"""Order mutations: send, view, edit, adjust, confirm, reject, cancel, and HQ's approval decision.

Each parses its input, calls one service function and maps the result; refusals come back as
`userErrors` (INVALID_TRANSITION, FORBIDDEN, OVER_BUDGET, INSUFFICIENT_STOCK, …) with nothing
changed. `orderView` is called by the portal when the franchisee opens a proposal: reading an
order never changes it, so a merchandiser or HQ looking at it does not count as the
franchisee having seen it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.orders.inputs import (
    OrderAdjustInput,
    OrderApprovalDecideInput,
    OrderApprovalDecidePayload,
    OrderEditInput,
    OrderIdInput,
    OrderLineInput,
    OrderPayload,
    OrderReasonInput,
)
from api.graphql.orders.types import OrderApprovalType, OrderType
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.orders import approvals, service
from domain.orders.lines import LineChange
from domain.orders.models import Order
from domain.orders.states import Action
from domain.permissions import Permission


async def _run(info: Info, action: Callable[[], Awaitable[Order]]) -> OrderPayload:
    async def run() -> OrderPayload:
        return OrderPayload(order=OrderType.from_model(await action()), user_errors=[])

    return await mutate(info, run, refusal(OrderPayload))


async def _move(
    info: Info, id: strawberry.relay.GlobalID, action: Action, reason: str | None = None
) -> OrderPayload:
    async def act() -> Order:
        order_id = decode_id(id, "Order", "id")
        return await service.apply(
            info.context.session, info.context.actor, order_id, action, reason
        )

    return await _run(info, act)


def _changes(lines: list[OrderLineInput]) -> list[LineChange]:
    return [
        LineChange(decode_id(line.sku_id, "Sku", f"lines.{i}.skuId"), line.qty)
        for i, line in enumerate(lines)
    ]


@strawberry.type
class OrderMutations:
    """Mutations on orders."""

    @strawberry.mutation(
        description="Send a draft to the franchisee; it expires at the warehouse cut-off.",
        permission_classes=needs(Permission.ORDER_SEND),
    )
    async def order_send(
        self,
        info: Info,
        input: Annotated[OrderIdInput, strawberry.argument(description="The order to move.")],
    ) -> OrderPayload:
        return await _move(info, input.id, Action.SEND)

    @strawberry.mutation(
        description="Mark a proposal viewed: the portal calls it when the franchisee opens it.",
        permission_classes=needs(Permission.ORDER_READ),
    )
    async def order_view(
        self,
        info: Info,
        input: Annotated[OrderIdInput, strawberry.argument(description="The order to move.")],
    ) -> OrderPayload:
        return await _move(info, input.id, Action.VIEW)

    @strawberry.mutation(
        description=(
            "Change a draft's lines (merchandiser). Going over budget beyond the tenant's limit "
            "asks HQ for approval; the draft cannot be sent until approved."
        ),
        permission_classes=needs(Permission.ORDER_EDIT),
    )
    async def order_edit(
        self,
        info: Info,
        input: Annotated[
            OrderEditInput, strawberry.argument(description="The draft and its changes.")
        ],
    ) -> OrderPayload:
        async def act() -> Order:
            edited = await service.edit_order(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Order", "id"),
                _changes(input.lines),
                note=input.note,
                justification=input.justification,
            )
            return edited.order

        return await _run(info, act)

    @strawberry.mutation(
        description="Change a proposal's lines before confirming (franchisee), within budget, HQ "
        "stock and display capacity.",
        permission_classes=needs(Permission.ORDER_ADJUST),
    )
    async def order_adjust(
        self,
        info: Info,
        input: Annotated[
            OrderAdjustInput, strawberry.argument(description="The proposal and its changes.")
        ],
    ) -> OrderPayload:
        async def act() -> Order:
            return await service.adjust_order(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Order", "id"),
                _changes(input.lines),
            )

        return await _run(info, act)

    @strawberry.mutation(
        description="Confirm a proposal: HQ stock is reserved for every line, or nothing is.",
        permission_classes=needs(Permission.ORDER_CONFIRM),
    )
    async def order_confirm(
        self,
        info: Info,
        input: Annotated[OrderIdInput, strawberry.argument(description="The order to move.")],
    ) -> OrderPayload:
        return await _move(info, input.id, Action.CONFIRM)

    @strawberry.mutation(
        description="Reject a proposal, saying why; the merchandiser is told.",
        permission_classes=needs(Permission.ORDER_REJECT),
    )
    async def order_reject(
        self,
        info: Info,
        input: Annotated[OrderReasonInput, strawberry.argument(description="The order, and why.")],
    ) -> OrderPayload:
        return await _move(info, input.id, Action.REJECT, input.reason)

    @strawberry.mutation(
        description="Cancel an order before it ships, saying why; reserved stock is released.",
        permission_classes=needs(Permission.ORDER_CANCEL),
    )
    async def order_cancel(
        self,
        info: Info,
        input: Annotated[OrderReasonInput, strawberry.argument(description="The order, and why.")],
    ) -> OrderPayload:
        return await _move(info, input.id, Action.CANCEL, input.reason)

    @strawberry.mutation(
        description="Approve or refuse (with a reason) a request to go over budget (HQ).",
        permission_classes=needs(Permission.ORDER_APPROVE),
    )
    async def order_approval_decide(
        self,
        info: Info,
        input: Annotated[
            OrderApprovalDecideInput, strawberry.argument(description="The decision.")
        ],
    ) -> OrderApprovalDecidePayload:
        session = info.context.session

        async def run() -> OrderApprovalDecidePayload:
            if input.id.type_name == "Order":
                approval_id = await approvals.pending_request_of(
                    session, decode_id(input.id, "Order", "id")
                )
            else:
                approval_id = decode_id(input.id, "OrderApproval", "id")
            decided = await approvals.decide(
                session, info.context.actor, approval_id, input.approve, input.reason
            )
            order = await session.get(Order, decided.order_id)
            return OrderApprovalDecidePayload(
                approval=OrderApprovalType.from_model(decided),
                order=OrderType.from_model(order) if order else None,
                user_errors=[],
            )

        return await mutate(info, run, refusal(OrderApprovalDecidePayload))
