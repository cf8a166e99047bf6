"""Notification queries: a store's notifications with their delivery log."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.notifications.types import NotificationType
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from domain.notifications import log
from domain.permissions import Permission

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type
class NotificationQueries:
    """Queries on notifications."""

    @strawberry.field(
        description="A store's notifications, newest first, each with its delivery log.",
        permission_classes=needs(Permission.CONTACT_READ),
    )
    async def notifications(
        self,
        info: Info,
        store_id: Annotated[relay.GlobalID, strawberry.argument(description="The store.")],
        first: First = None,
        after: After = None,
    ) -> Connection[NotificationType]:
        stmt = await log.store_notifications(
            info.context.session, info.context.actor, decode_id(store_id, "Store", "storeId")
        )
        return await Connection[NotificationType].page(
            info, stmt, NotificationType.from_model, first, after
        )
