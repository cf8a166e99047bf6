"""GraphQL types for the worklist."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Self

import strawberry
from sqlalchemy import select
from strawberry import relay
from strawberry.dataloader import DataLoader

from api.graphql.complaints.types import ComplaintType
from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.execution import Later
from api.graphql.lookahead import selected
from api.graphql.orders import loaders as order_loaders
from api.graphql.orders.types import OrderApprovalType
from api.graphql.relay import global_id
from domain.complaints.models import Complaint
from domain.orders.models import ApprovalStatus, Order
from domain.stores.models import Store
from domain.worklist.service import WorkItem, WorkKind

expose(
    WorkKind,
    "WorkKind",
    "What kind of work a worklist item is.",
    {
        "COMPLAINT_OVERDUE": "A complaint past its deadline.",
        "ESCALATION": "A proposal unconfirmed long enough to be escalated.",
        "COMPLAINT_OPEN": "A complaint waiting for an answer, within its deadline.",
        "CONFIRMATION_PENDING": "A proposal sent and waiting for the franchisee.",
        "PROPOSAL_REVIEW": "A draft from the engine to review and send.",
        "ORDER_REJECTED": "The franchisee rejected a proposal (see `rejectionReason`) and "
        "nobody has followed up yet.",
        "MESSAGE_UNREAD": "The store's thread holds messages the viewer has not read.",
        "APPROVAL_PENDING": "A draft over budget waits for headquarters to approve it.",
    },
)


@strawberry.type(
    name="WorklistItem", description="One thing to act on, with why it ranks where it does."
)
class WorklistItemType:
    """A worklist item."""

    kind: WorkKind = strawberry.field(description="Complaint, escalation, confirmation or review.")
    score: int = strawberry.field(
        description="Urgency (higher first); see the worklist documentation."
    )
    since: datetime = strawberry.field(
        description="Waiting since (proposal sent, complaint filed, draft made)."
    )
    waited_hours: float = strawberry.field(description="How long it has waited, in hours.")
    deadline: datetime | None = strawberry.field(
        description="Proposal cut-off or complaint deadline."
    )
    store_open_complaints: int = strawberry.field(
        description="Open complaints of the store (ranks equal scores)."
    )
    unread_messages: int = strawberry.field(
        description="Messages of the store's thread the viewer has not read (MESSAGE_UNREAD)."
    )
    store_id: relay.GlobalID = strawberry.field(description="The store.")
    # The names, codes and numbers: read with the page when the query asks for them (Labels),
    # else loaded if resolved.
    store_name: str | Awaitable[str] = strawberry.field(
        description="The store's name.", graphql_type=str
    )
    store_code: str | Awaitable[str] = strawberry.field(
        description="The store's code.", graphql_type=str
    )
    order_id: relay.GlobalID | None = strawberry.field(description="The order concerned, if any.")
    order_number: str | Awaitable[str | None] | None = strawberry.field(
        description="The order's number, if an order is concerned.", graphql_type=str | None
    )
    store_pk: strawberry.Private[int]
    order_pk: strawberry.Private[int | None]
    complaint_pk: strawberry.Private[int | None]

    @strawberry.field(
        description="Why the franchisee rejected the order (ORDER_REJECTED), in their words."
    )
    async def rejection_reason(self, info: Info) -> str | None:
        if self.kind != WorkKind.ORDER_REJECTED or self.order_pk is None:
            return None
        order = await info.context.loaders.by_id(Order).load(self.order_pk)
        return order.close_reason if order else None

    @strawberry.field(description="The request HQ is asked to decide (APPROVAL_PENDING).")
    async def approval(self, info: Info) -> OrderApprovalType | None:
        if self.kind != WorkKind.APPROVAL_PENDING or self.order_pk is None:
            return None
        history = await order_loaders.approvals(info).load(self.order_pk)
        pending = next((a for a in history if a.status == ApprovalStatus.PENDING), None)
        return OrderApprovalType.from_model(pending) if pending else None

    @strawberry.field(description="The complaint concerned, if any.")
    async def complaint(self, info: Info) -> ComplaintType | None:
        row = (
            await info.context.loaders.by_id(Complaint).load(self.complaint_pk)
            if self.complaint_pk
            else None
        )
        return ComplaintType.from_model(row) if row else None

    @classmethod
    def from_item(cls, item: WorkItem, labels: Labels) -> Self:
        store = labels.store(item.store_id)
        return cls(
            kind=item.kind,
            score=item.score,
            since=item.since,
            waited_hours=round(item.waited.total_seconds() / 3600, 1),
            deadline=item.deadline,
            store_open_complaints=item.store_open_complaints,
            unread_messages=item.unread_messages,
            store_id=global_id("Store", item.store_id),
            store_name=store.name,
            store_code=store.code,
            order_id=global_id("Order", item.order_id) if item.order_id else None,
            order_number=labels.order_number(item.order_id),
            store_pk=item.store_id,
            order_pk=item.order_id,
            complaint_pk=item.complaint_id,
        )


@dataclass(frozen=True)
class _StoreLabel:
    name: str | Awaitable[str]
    code: str | Awaitable[str]


class Labels:
    """The stores' names and codes and the orders' numbers a page of items shows.

    Read for the whole page in one statement each, as plain rows of just those columns, when
    the query selects them (`load`); otherwise each is an awaitable that loads it (through the
    request's loaders) only if resolved. Missing or not visible: "" for a store, null for an
    order, as the session decides.
    """

    def __init__(self, info: Info) -> None:
        self.info = info
        self.stores: dict[int, tuple[str, str]] | None = None
        self.orders: dict[int, str] | None = None

    async def load(self, items: Sequence[WorkItem]) -> None:
        """Read what the selection below `edges.node` shows, for `items`."""
        fields = selected(self.info, "edges", "node")
        session = self.info.context.session
        if fields & {"storeName", "storeCode"}:
            store_ids = {i.store_id for i in items}
            rows = await session.execute(
                select(Store.id, Store.name, Store.code).where(Store.id.in_(store_ids))
            )
            self.stores = {row.id: (row.name, row.code) for row in rows}
        if "orderNumber" in fields:
            order_ids = {i.order_id for i in items if i.order_id}
            found = await session.execute(
                select(Order.id, Order.number).where(Order.id.in_(order_ids))
            )
            self.orders = {row.id: row.number for row in found}

    def store(self, store_id: int) -> _StoreLabel:
        if self.stores is not None:
            name, code = self.stores.get(store_id, ("", ""))
            return _StoreLabel(name, code)
        loader = self.info.context.loaders.by_id(Store)
        return _StoreLabel(
            Later(partial(_store_attr, loader, store_id, "name")),
            Later(partial(_store_attr, loader, store_id, "code")),
        )

    def order_number(self, order_id: int | None) -> str | Awaitable[str | None] | None:
        if order_id is None:
            return None
        if self.orders is not None:
            return self.orders.get(order_id)
        return Later(partial(_order_number, self.info.context.loaders.by_id(Order), order_id))


async def _store_attr(loader: DataLoader[int, Store | None], store_id: int, name: str) -> str:
    store = await loader.load(store_id)
    return str(getattr(store, name)) if store else ""


async def _order_number(loader: DataLoader[int, Order | None], order_id: int) -> str | None:
    order = await loader.load(order_id)
    return order.number if order else None
