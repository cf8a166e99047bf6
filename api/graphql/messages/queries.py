"""Message queries: a store's thread and messages, the viewer's threads and unread count."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.messages.types import MessageThreadType, MessageType
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from domain.messages import service
from domain.permissions import Permission

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]
StoreArg = Annotated[relay.GlobalID, strawberry.argument(description="The store.")]


@strawberry.type
class MessageQueries:
    """Queries on messages."""

    @strawberry.field(
        description="A store's thread (null until the first message).",
        permission_classes=needs(Permission.MESSAGE_READ),
    )
    async def message_thread(self, info: Info, store_id: StoreArg) -> MessageThreadType | None:
        session, actor = info.context.session, info.context.actor
        _, store = await service.store_for(
            session, actor, decode_id(store_id, "Store", "storeId"), Permission.MESSAGE_READ
        )
        thread = await service.thread_of(session, store)
        return MessageThreadType.from_model(thread) if thread else None

    @strawberry.field(
        description="A store's messages, newest first.",
        permission_classes=needs(Permission.MESSAGE_READ),
    )
    async def messages(
        self, info: Info, store_id: StoreArg, first: First = None, after: After = None
    ) -> Connection[MessageType]:
        session, actor = info.context.session, info.context.actor
        _, store = await service.store_for(
            session, actor, decode_id(store_id, "Store", "storeId"), Permission.MESSAGE_READ
        )
        thread = await service.thread_of(session, store)
        stmt = service.messages_statement(thread.id if thread else -1)
        return await Connection[MessageType].page(info, stmt, MessageType.from_model, first, after)

    @strawberry.field(
        description="The threads the viewer takes part in, latest conversation first.",
        permission_classes=needs(Permission.MESSAGE_READ),
    )
    async def message_threads(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        unread_only: Annotated[
            bool, strawberry.argument(description="Only threads with unread messages.")
        ] = False,
    ) -> Connection[MessageThreadType]:
        stmt = service.inbox_statement(info.context.actor, unread_only)
        return await Connection[MessageThreadType].page(
            info, stmt, MessageThreadType.from_model, first, after
        )

    @strawberry.field(
        description="Unread messages across the viewer's threads.",
        permission_classes=needs(Permission.MESSAGE_READ),
    )
    async def unread_message_count(self, info: Info) -> int:
        return await service.total_unread(info.context.session, info.context.actor)
