"""GraphQL types for orders: one `Order` carries a proposal through to delivery."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry
from graphql import OperationType
from sqlalchemy import Row, inspect
from strawberry import relay
from strawberry.dataloader import DataLoader

from api.graphql.catalogue.types import SkuType
from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.execution import Later
from api.graphql.identity.types import UserType
from api.graphql.lookahead import selected
from api.graphql.orders import loaders
from api.graphql.orders.reasons import LineReasonType
from api.graphql.relay import ModelNode, global_id
from domain.orders import rules
from domain.orders.approvals import ApprovalState, limit_of, state_of
from domain.orders.lines import Capacity
from domain.orders.models import (
    ApprovalStatus,
    LineSource,
    Order,
    OrderApproval,
    OrderLine,
    OrderStatus,
    OrderTransition,
)
from domain.orders.rules import OrderAction, Standing
from domain.orders.service import sees_drafts
from domain.permissions import Permission, reach
from domain.shipments.models import Shipment
from domain.stores.models import Store
from domain.tenancy.models import Tenant

if TYPE_CHECKING:
    from api.graphql.recommendations.types import RecommendationRunType
    from api.graphql.shipments.types import ShipmentType

expose(
    OrderStatus,
    "OrderStatus",
    "Where an order is: draft → proposed → viewed → confirmed → picking → shipped → delivered, "
    "or rejected, expired or cancelled.",
    {
        "DRAFT": "The engine's pick; the merchandiser may edit it before sending.",
        "PROPOSED": "Sent to the franchisee.",
        "VIEWED": "The franchisee has opened it.",
        "CONFIRMED": "The franchisee accepted it; headquarters' stock is reserved.",
        "REJECTED": "The franchisee refused it, with a reason.",
        "EXPIRED": "Unconfirmed at the warehouse cut-off.",
        "PICKING": "The warehouse is picking it.",
        "SHIPPED": "The goods have left the warehouse.",
        "DELIVERED": "The store has the goods.",
        "CANCELLED": "Withdrawn before shipping, with a reason.",
    },
)
expose(
    OrderAction,
    "OrderAction",
    "Something that can be done to an order: a move of its status, or a change of its lines "
    "(see `Order.actions`).",
    {
        "EDIT": "The merchandiser changes a draft's lines.",
        "ADJUST": "The franchisee changes a proposal's lines before answering it.",
        "SEND": "The merchandiser sends the draft to the franchisee.",
        "VIEW": "The franchisee opened the proposal.",
        "CONFIRM": "The franchisee accepts it: headquarters' stock is reserved.",
        "REJECT": "The franchisee refuses it, with a reason.",
        "EXPIRE": "Unconfirmed at the warehouse cut-off (the system).",
        "CANCEL": "Withdrawn before it ships, with a reason.",
        "PICK": "The warehouse starts picking.",
        "SHIP": "The goods leave the warehouse: the reservation is consumed.",
        "DELIVER": "The store has the goods.",
    },
)
expose(
    LineSource,
    "OrderLineSource",
    "Who put a line on, or changed it.",
    {
        "ENGINE": "The recommendation engine.",
        "MERCHANDISER": "The store's merchandiser (or other staff).",
        "FRANCHISEE": "The franchisee, adjusting the proposal.",
    },
)
expose(
    ApprovalStatus,
    "OrderApprovalStatus",
    "Where an approval request is.",
    {
        "PENDING": "Waiting for headquarters.",
        "APPROVED": "Headquarters allowed going over the budget.",
        "REFUSED": "Headquarters said no, with a reason.",
        "WITHDRAWN": "The draft came back within the limit before headquarters decided.",
    },
)
expose(
    ApprovalState,
    "OrderApprovalState",
    "Where an order stands with HQ approval of going over budget.",
    {
        "NOT_NEEDED": "Within the limit: no approval needed.",
        "REQUIRED": "Over the limit and nobody has asked yet.",
        "PENDING": "Asked; headquarters has not decided.",
        "APPROVED": "An approval covers the order's cost.",
        "REFUSED": "Headquarters refused the last request.",
    },
)


async def _user(info: Info, user_id: int | None) -> UserType | None:
    return await UserType.load(info, user_id)


@strawberry.type(name="OrderLine", description="One SKU on an order: recommended, sent, now.")
class OrderLineType(ModelNode):
    """A line; a SKU the franchisee removed stays with qty 0.

    Built from an OrderLine or a row of loaders.LINE_COLUMNS. Its computed fields are
    computed here, once, and read as plain attributes: a page shows hundreds of lines, and a
    resolver per field and line was most of its cost.
    """

    __model__ = OrderLine

    id: relay.NodeID[int]
    recommended_qty: int = strawberry.field(description="What the engine recommended (0: added).")
    proposed_qty: int | None = strawberry.field(
        description="What the franchisee was sent (null until the order is sent)."
    )
    qty: int = strawberry.field(description="What the order holds now (confirmed: what ships).")
    unit_cost: Decimal = strawberry.field(description="Cost per unit to the franchisee.")
    retail_price: Decimal = strawberry.field(description="Suggested retail price per unit.")
    source: LineSource = strawberry.field(description="Who put the line on the order.")
    changed_by: LineSource | None = strawberry.field(
        description="Who last changed the quantity (null: nobody since it was put on)."
    )
    line_cost: Decimal = strawberry.field(description="Cost of the line: qty × unit cost.")
    removed: bool = strawberry.field(
        description="Whether the line was cut to nothing after being put on."
    )

    # Lines are loaded without their reason only when the selection does not ask for it.
    reason: LineReasonType | Awaitable[LineReasonType] = strawberry.field(
        description="Why the line is there.", graphql_type=LineReasonType
    )
    # The SKU itself when the page loaded it with the lines, else an awaitable that loads it
    # (batched with the other lines') only if the field is resolved.
    sku: SkuType | Awaitable[SkuType] = strawberry.field(
        description="The SKU.", graphql_type=SkuType
    )
    sku_pk: strawberry.Private[int]

    @strawberry.field(
        description="HQ units free to promise now (on hand − reserved, every warehouse)."
    )
    async def available(self, info: Info) -> int:
        return await loaders.available(info).load(self.sku_pk)

    @strawberry.field(description="Units HQ holds for this line (confirmed orders, until shipped).")
    async def reserved(self, info: Info) -> int:
        return await loaders.held(info).load(self.id)

    @classmethod
    def from_model(
        cls,
        row: OrderLine | Row[Any],
        sku: SkuType | Awaitable[SkuType] | None = None,
    ) -> Self:
        """The line of an OrderLine or a row; its SKU given, or loaded when asked for (without
        one, `resolve_nodes` or the caller must set `sku` before it is resolved)."""
        if isinstance(row, OrderLine):
            loaded = inspect(row).dict  # `reason` is absent when it was loaded without it
            has_reason, reason = "reason" in loaded, loaded.get("reason")
            values = tuple(getattr(row, c.key) for c in loaders.LINE_COLUMNS)
        else:  # loaders.LINE_COLUMNS, then the reason when it was selected
            has_reason = len(row) > len(loaders.LINE_COLUMNS)
            reason = row[-1] if has_reason else None
            values = tuple(row)
        # By position (a row's attributes cost a lookup each, hundreds of lines a page).
        line_id, _, sku_id, recommended, proposed, qty, unit_cost, retail, source, changed_by = (
            values[: len(loaders.LINE_COLUMNS)]
        )
        return cls(
            id=line_id,
            recommended_qty=recommended,
            proposed_qty=proposed,
            qty=qty,
            unit_cost=unit_cost,
            retail_price=retail,
            source=source,
            changed_by=changed_by,
            line_cost=qty * unit_cost,
            removed=qty == 0,
            sku=sku if sku is not None else _NO_SKU,
            reason=LineReasonType.from_json(dict(reason or {}), qty) if has_reason else _NO_REASON,
            sku_pk=sku_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        nodes = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        for node in nodes:
            if node is not None:
                node.sku = Later(partial(_sku, loaders.skus(info), node.sku_pk))
        return nodes


async def _sku(loader: DataLoader[int, SkuType | None], sku_id: int) -> SkuType:
    sku = await loader.load(sku_id)
    assert sku is not None  # a line's SKU is the tenant's
    return sku


async def _no_sku() -> SkuType:
    raise AssertionError("an order line was built without its SKU or a way to load it")


_NO_SKU: Later[SkuType] = Later(_no_sku)


async def _no_reason() -> LineReasonType:
    raise AssertionError("an order line's reason was asked for but not loaded")


_NO_REASON: Later[LineReasonType] = Later(_no_reason)


@strawberry.type(
    name="OrderTransition", description="One move of an order: who, from, to, when, why."
)
class OrderTransitionType:
    """A step of an order's history."""

    from_status: OrderStatus | None = strawberry.field(description="Status before the move.")
    to_status: OrderStatus = strawberry.field(description="Status after the move.")
    action: str = strawberry.field(description="The move made (send, confirm, …).")
    actor: str = strawberry.field(description="Who made it (a person's login, a job, a key).")
    reason: str | None = strawberry.field(description="Why, when a reason was given.")
    at: datetime = strawberry.field(description="When.")
    actor_pk: strawberry.Private[int | None]

    @strawberry.field(description="The person who made the move (null for jobs and keys).")
    async def actor_user(self, info: Info) -> UserType | None:
        return await _user(info, self.actor_pk)

    @classmethod
    def from_model(cls, row: OrderTransition) -> Self:
        return cls(
            from_status=row.from_status,
            to_status=row.to_status,
            action=row.action,
            actor=row.actor,
            reason=row.reason,
            at=row.at,
            actor_pk=row.actor_user_id,
        )


@strawberry.type(name="OrderApproval", description="A request to HQ to go over a store's budget.")
class OrderApprovalType(ModelNode):
    """An approval request and HQ's decision."""

    __model__ = OrderApproval

    id: relay.NodeID[int]
    status: ApprovalStatus = strawberry.field(description="Pending, approved, refused, withdrawn.")
    amount: Decimal = strawberry.field(description="The order's cost HQ is asked to accept.")
    budget: Decimal = strawberry.field(description="The store's budget for the order.")
    limit: Decimal = strawberry.field(description="What may be spent without approval.")
    justification: str | None = strawberry.field(description="Why the merchandiser asks.")
    requested_at: datetime = strawberry.field(description="When it was asked.")
    decided_at: datetime | None = strawberry.field(description="When it was decided or withdrawn.")
    decision_reason: str | None = strawberry.field(description="HQ's reason (required to refuse).")
    order_pk: strawberry.Private[int]
    requested_by_pk: strawberry.Private[int | None]
    decided_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="The order.")
    def order_id(self) -> relay.GlobalID:
        return global_id("Order", self.order_pk)

    @strawberry.field(description="Who asked.")
    async def requested_by(self, info: Info) -> UserType | None:
        return await _user(info, self.requested_by_pk)

    @strawberry.field(description="Who decided.")
    async def decided_by(self, info: Info) -> UserType | None:
        return await _user(info, self.decided_by_pk)

    @classmethod
    def from_model(cls, row: OrderApproval) -> Self:
        return cls(
            id=row.id,
            status=row.status,
            amount=row.amount,
            budget=row.budget,
            limit=row.limit_amount,
            justification=row.justification,
            requested_at=row.requested_at,
            decided_at=row.decided_at,
            decision_reason=row.decision_reason,
            order_pk=row.order_id,
            requested_by_pk=row.requested_by_id,
            decided_by_pk=row.decided_by_id,
        )


@strawberry.type(name="OrderBudget", description="The store's money for an order, live.")
class OrderBudgetType:
    """Budget, spent and left."""

    budget: Decimal = strawberry.field(description="The store's budget for this order.")
    spent: Decimal = strawberry.field(description="What the order costs now (at unit cost).")
    left: Decimal = strawberry.field(description="Budget − spent (negative when over).")
    limit: Decimal = strawberry.field(
        description="What a merchandiser may put on the order without HQ approval."
    )


@strawberry.type(
    name="OrderCapacity",
    description="The store's display room for an order, live: the franchisee may not bring more "
    "units than the room left.",
)
class OrderCapacityType:
    """Display capacity, units held, room and the order's units."""

    display_capacity: int = strawberry.field(description="Units the store displays at most.")
    held: int = strawberry.field(description="Units the store has on hand now.")
    room: int = strawberry.field(
        description="Units an order may bring: display capacity − held (never below 0)."
    )
    units: int = strawberry.field(description="Units the order brings now.")


@strawberry.type(
    name="Order",
    description="A store's order from the engine's draft to delivery; `status` says where it is.",
)
class OrderType(ModelNode):
    """An order (a proposal until the franchisee confirms it)."""

    __model__ = Order

    id: relay.NodeID[int]
    number: str = strawberry.field(description="Order number, unique in the tenant.")
    status: OrderStatus = strawberry.field(description="Where the order is.")
    total_units: int = strawberry.field(description="Units on the order.")
    total_cost: Decimal = strawberry.field(description="Cost to the franchisee.")
    total_retail: Decimal = strawberry.field(description="Value at suggested retail prices.")
    note: str | None = strawberry.field(description="The merchandiser's note to the franchisee.")
    created_at: datetime = strawberry.field(description="When the draft was made.")
    proposed_at: datetime | None = strawberry.field(description="When it was sent.")
    viewed_at: datetime | None = strawberry.field(description="When the franchisee opened it.")
    confirmed_at: datetime | None = strawberry.field(description="When it was confirmed.")
    expires_at: datetime | None = strawberry.field(
        description="The warehouse cut-off: unconfirmed by then, the proposal expires."
    )
    shipped_at: datetime | None = strawberry.field(description="When the goods left HQ.")
    delivered_at: datetime | None = strawberry.field(description="When the store had them.")
    closed_at: datetime | None = strawberry.field(
        description="When it was rejected, expired, cancelled or delivered."
    )
    close_reason: str | None = strawberry.field(description="Why it was rejected or cancelled.")
    row: strawberry.Private[Order]
    # What the query selects below `lines`, when the page worked it out once for all its
    # orders (else each order's `lines` looks ahead itself).
    line_fields: strawberry.Private[frozenset[str] | None] = None

    @strawberry.field(description="The store.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.row.store_id)

    @strawberry.field(description="The store's dedicated merchandiser when the draft was made.")
    async def merchandiser(self, info: Info) -> UserType | None:
        return await _user(info, self.row.merchandiser_id)

    @strawberry.field(description="Who confirmed it.")
    async def confirmed_by(self, info: Info) -> UserType | None:
        return await _user(info, self.row.confirmed_by_id)

    @strawberry.field(description="The lines, in the order they were put on (cut ones at qty 0).")
    async def lines(self, info: Info) -> list[OrderLineType]:
        fields = self.line_fields if self.line_fields is not None else selected(info)
        with_reason = "reason" in fields
        if info.operation.operation == OperationType.QUERY:
            # A read: plain rows, and the reasons only when shown.
            rows: Sequence[OrderLine | Row[Any]] = await loaders.line_rows(info, with_reason).load(
                self.row.id
            )
        else:
            # A mutation's payload reads the lines it changed, through the session, reasons and
            # all (a later mutation of the same request may read them again).
            rows = await loaders.lines(info).load(self.row.id)
        if "sku" not in fields:
            sku_loader = loaders.skus(info)
            return [
                OrderLineType.from_model(r, Later(partial(_sku, sku_loader, r.sku_id)))
                for r in rows
            ]
        # Every order's SKUs in one statement (the loader batches the page's orders together).
        skus = await loaders.page_skus(info).load(tuple(r.sku_id for r in rows))
        # A line's SKU is the tenant's (missing, the SKU loader says so when it is asked for).
        return [
            OrderLineType.from_model(
                r, skus.get(r.sku_id) or Later(partial(_sku, loaders.skus(info), r.sku_id))
            )
            for r in rows
        ]

    @strawberry.field(
        description="The shipment carrying it, once shipped (null before, or for a viewer who "
        "may not read shipments)."
    )
    async def shipment(
        self, info: Info
    ) -> Annotated[ShipmentType, strawberry.lazy("api.graphql.shipments.types")] | None:
        from api.graphql.shipments.types import ShipmentType

        if reach(info.context.actor, Permission.SHIPMENT_READ) is None:
            return None
        rows = await info.context.loaders.children(Shipment.order_id).load(self.row.id)
        return ShipmentType.from_model(rows[0]) if rows else None

    @strawberry.field(
        description="The recommendation run that proposed the order: null for an order made by "
        "hand, or for a viewer who may not see runs (franchisees never do)."
    )
    async def recommendation_run(
        self, info: Info
    ) -> (
        Annotated[RecommendationRunType, strawberry.lazy("api.graphql.recommendations.types")]
        | None
    ):
        from api.graphql.recommendations.types import RecommendationRunType

        if self.row.run_id is None:
            return None
        return await RecommendationRunType.load(info, self.row.run_id)

    @strawberry.field(description="Every move of the order, oldest first: its history.")
    async def transitions(self, info: Info) -> list[OrderTransitionType]:
        rows = await loaders.transitions(info).load(self.row.id)
        return [OrderTransitionType.from_model(r) for r in rows]

    @strawberry.field(description="Budget, spent and left, live as the lines change.")
    async def budget(self, info: Info) -> OrderBudgetType:
        tenant = await info.context.loaders.by_id(Tenant).load(self.row.tenant_id)
        assert tenant is not None
        return OrderBudgetType(
            budget=self.row.budget,
            spent=self.row.total_cost,
            left=self.row.budget - self.row.total_cost,
            limit=limit_of(self.row, tenant),
        )

    @strawberry.field(
        description="The store's display room against the order's units, live as the lines "
        "change (adding lines past the room is refused)."
    )
    async def capacity(self, info: Info) -> OrderCapacityType:
        store = await info.context.loaders.by_id(Store).load(self.row.store_id)
        assert store is not None  # an order's store is the tenant's
        held = await loaders.store_units(info).load(store.id)
        room = Capacity(store.display_capacity, held).room
        return OrderCapacityType(
            display_capacity=store.display_capacity,
            held=held,
            room=room,
            units=self.row.total_units,
        )

    @strawberry.field(description="Where the order stands with HQ approval of going over budget.")
    async def approval_state(self, info: Info) -> ApprovalState:
        history = await loaders.approvals(info).load(self.row.id)
        return state_of(self.row.total_cost, (await self.budget(info)).limit, history)

    @strawberry.field(description="The latest approval request, if any was made.")
    async def approval(self, info: Info) -> OrderApprovalType | None:
        history = await loaders.approvals(info).load(self.row.id)
        return OrderApprovalType.from_model(history[0]) if history else None

    @strawberry.field(description="Every approval request, newest first.")
    async def approvals(self, info: Info) -> list[OrderApprovalType]:
        return [
            OrderApprovalType.from_model(a) for a in await loaders.approvals(info).load(self.row.id)
        ]

    @strawberry.field(
        description="What the viewer may do to the order now (what buttons to show): exactly "
        "the actions the API would accept, by the same rules."
    )
    async def actions(self, info: Info) -> list[OrderAction]:
        store = await info.context.loaders.by_id(Store).load(self.row.store_id)
        if store is None:
            return []
        standing = Standing(
            actor=info.context.actor,
            store=store,
            limit=(await self.budget(info)).limit,
            history=await loaders.approvals(info).load(self.row.id),
        )
        return rules.allowed(self.row, standing)

    @classmethod
    def from_model(cls, row: Order, line_fields: frozenset[str] | None = None) -> Self:
        """The order; `line_fields`: what the query selects below its lines, if known."""
        return cls(
            id=row.id,
            number=row.number,
            status=row.status,
            total_units=row.total_units,
            total_cost=row.total_cost,
            total_retail=row.total_retail,
            note=row.note,
            created_at=row.created_at,
            proposed_at=row.proposed_at,
            viewed_at=row.viewed_at,
            confirmed_at=row.confirmed_at,
            expires_at=row.expires_at,
            shipped_at=row.shipped_at,
            delivered_at=row.delivered_at,
            closed_at=row.closed_at,
            close_reason=row.close_reason,
            row=row,
            line_fields=line_fields,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        nodes = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        # A franchisee sees an order once it has been sent.
        hide = not sees_drafts(info.context.actor)
        return [None if n is None or (hide and n.status == OrderStatus.DRAFT) else n for n in nodes]
