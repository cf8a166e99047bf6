"""GraphQL types for notifications and their delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.relay import ModelNode, global_id
from domain.notifications.models import (
    Audience,
    DeliveryOutcome,
    Notification,
    NotificationDelivery,
    NotificationStatus,
)
from domain.permissions import Permission, can
from domain.stores.models import ContactChannel, Store

expose(
    Audience,
    "NotificationAudience",
    "Who a notification is for.",
    {
        "FRANCHISEE": "The store's franchisee.",
        "MERCHANDISER": "The store's dedicated merchandiser.",
        "REGIONAL_MANAGER": "The manager of the store's region.",
        "HQ": "Headquarters.",
    },
)
expose(
    NotificationStatus,
    "NotificationStatus",
    "Where a notification is on its way.",
    {
        "SCHEDULED": "Admitted; goes out at its send time (after quiet hours).",
        "SENT": "Delivered to the channel.",
        "FAILED": "Every attempt failed.",
        "DEFERRED": "Over the store's daily cap: waits for the next day's digest.",
        "DIGESTED": "Went out inside a digest.",
    },
)
expose(
    DeliveryOutcome,
    "DeliveryOutcome",
    "What happened at one step of a delivery.",
    {
        "SENT": "This attempt delivered it.",
        "FAILED": "This attempt failed; another follows after a backoff.",
        "GAVE_UP": "The last attempt failed.",
        "DELAYED": "Held until the store's quiet hours end.",
        "DEFERRED": "Over the daily cap, moved to the next day's digest.",
        "DIGESTED": "Carried by a digest.",
    },
)
MASK = "***"


async def _may_see_address(info: Info, store_id: int) -> bool:
    """Addresses are personal data: shown only to those who may see the store's."""
    store = await info.context.loaders.by_id(Store).load(store_id)
    return store is not None and can(info.context.actor, Permission.STORE_PII, store)


@strawberry.type(
    name="NotificationDelivery", description="One step of a delivery: an attempt or a decision."
)
class NotificationDeliveryType:
    """An entry of the delivery log."""

    attempt: int = strawberry.field(
        description="Attempt number (0 for a decision such as a delay)."
    )
    channel: ContactChannel = strawberry.field(description="Channel used.")
    outcome: DeliveryOutcome = strawberry.field(description="Sent, failed, delayed, deferred...")
    response_code: int | None = strawberry.field(
        description="SMTP or HTTP status code, when one came back."
    )
    error: str | None = strawberry.field(description="Why it failed or waited.")
    at: datetime = strawberry.field(description="When.")
    store_id: strawberry.Private[int]
    address: strawberry.Private[str | None]

    @strawberry.field(
        description="Address used (masked without access to the store's personal data)."
    )
    async def recipient(self, info: Info) -> str | None:
        if self.address is None:
            return None
        return self.address if await _may_see_address(info, self.store_id) else MASK

    @classmethod
    def from_model(cls, row: NotificationDelivery) -> Self:
        return cls(
            attempt=row.attempt,
            channel=row.channel,
            outcome=row.outcome,
            response_code=row.response_code,
            error=row.error,
            at=row.at,
            store_id=row.store_id,
            address=row.recipient,
        )


@strawberry.type(name="Notification", description="A message to one person about one store.")
class NotificationType(ModelNode):
    """A notification and its delivery log."""

    __model__ = Notification

    id: relay.NodeID[int]
    kind: str = strawberry.field(
        description="What it is about (e.g. order.proposed, reminder.unviewed)."
    )
    audience: Audience = strawberry.field(description="Franchisee, merchandiser, manager or HQ.")
    channel: ContactChannel = strawberry.field(description="Channel it travels by.")
    locale: str = strawberry.field(description="Language it was written in.")
    subject: str = strawberry.field(description="Subject line.")
    body: str = strawberry.field(description="Text.")
    status: NotificationStatus = strawberry.field(description="Where it is on its way.")
    urgent: bool = strawberry.field(
        description="Urgent (to staff): neither capped nor held by quiet hours."
    )
    send_after: datetime = strawberry.field(
        description="Not sent before this (end of the store's quiet hours)."
    )
    sent_at: datetime | None = strawberry.field(description="When it was delivered.")
    attempts: int = strawberry.field(description="Delivery attempts made.")
    created_at: datetime = strawberry.field(description="When it was decided.")
    store_pk: strawberry.Private[int]
    address: strawberry.Private[str | None]

    @strawberry.field(description="The store it is about.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="Address (masked without access to the store's personal data).")
    async def recipient(self, info: Info) -> str | None:
        if self.address is None:
            return None
        return self.address if await _may_see_address(info, self.store_pk) else MASK

    @strawberry.field(description="Every attempt and decision, oldest first.")
    async def deliveries(self, info: Info) -> list[NotificationDeliveryType]:
        loader = info.context.loaders.children(
            NotificationDelivery.notification_id, order_by=[NotificationDelivery.id]
        )
        return [NotificationDeliveryType.from_model(r) for r in await loader.load(self.id)]

    @classmethod
    def from_model(cls, row: Notification) -> Self:
        return cls(
            id=row.id,
            kind=row.kind,
            audience=row.audience,
            channel=row.channel,
            locale=row.locale,
            subject=row.subject,
            body=row.body,
            status=row.status,
            urgent=row.urgent,
            send_after=row.send_after,
            sent_at=row.sent_at,
            attempts=row.attempts,
            created_at=row.created_at,
            store_pk=row.store_id,
            address=row.address,
        )
