"""GraphQL types for the worklist."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.complaints.types import ComplaintType
from api.graphql.context import Info
from api.graphql.enums import expose
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
    store_pk: strawberry.Private[int]
    order_pk: strawberry.Private[int | None]
    complaint_pk: strawberry.Private[int | None]

    @strawberry.field(description="The store.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="The store's name.")
    async def store_name(self, info: Info) -> str:
        store = await info.context.loaders.by_id(Store).load(self.store_pk)
        return store.name if store else ""

    @strawberry.field(description="The store's code.")
    async def store_code(self, info: Info) -> str:
        store = await info.context.loaders.by_id(Store).load(self.store_pk)
        return store.code if store else ""

    @strawberry.field(description="The order concerned, if any.")
    def order_id(self) -> relay.GlobalID | None:
        return global_id("Order", self.order_pk) if self.order_pk else None

    @strawberry.field(description="The order's number, if an order is concerned.")
    async def order_number(self, info: Info) -> str | None:
        order = (
            await info.context.loaders.by_id(Order).load(self.order_pk) if self.order_pk else None
        )
        return order.number if order else None

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
    def from_item(cls, item: WorkItem) -> Self:
        return cls(
            kind=item.kind,
            score=item.score,
            since=item.since,
            waited_hours=round(item.waited.total_seconds() / 3600, 1),
            deadline=item.deadline,
            store_open_complaints=item.store_open_complaints,
            unread_messages=item.unread_messages,
            store_pk=item.store_id,
            order_pk=item.order_id,
            complaint_pk=item.complaint_id,
        )
