"""GraphQL types for message threads and messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.errors import UserError
from api.graphql.identity.types import UserType
from api.graphql.relay import Connection, ModelNode, global_id
from domain.messages.models import Message, MessageThread, ThreadLevel
from domain.messages.service import messages_statement, unread_counts
from domain.permissions import Role

expose(
    ThreadLevel,
    "MessageThreadLevel",
    "Who takes part in a thread.",
    {
        "STORE": "The franchisee and the store's merchandiser.",
        "REGION": "Escalated: the regional manager joins.",
        "HQ": "Escalated to headquarters.",
    },
)


@strawberry.type(name="Message", description="One message of a store's thread.")
class MessageType(ModelNode):
    """A message."""

    __model__ = Message

    id: relay.NodeID[int]
    body: str = strawberry.field(description="Text.")
    author_role: Role = strawberry.field(description="Role of the author when writing.")
    created_at: datetime = strawberry.field(description="When it was sent.")
    author_pk: strawberry.Private[int | None]
    store_pk: strawberry.Private[int]

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info) -> UserType | None:
        return await UserType.load(info, self.author_pk)

    @strawberry.field(description="Whether the viewer wrote it.")
    def mine(self, info: Info) -> bool:
        return self.author_pk is not None and self.author_pk == info.context.actor.user_id

    @strawberry.field(description="The store whose thread it is in.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @classmethod
    def from_model(cls, row: Message) -> Self:
        return cls(
            id=row.id,
            body=row.body,
            author_role=row.author_role,
            created_at=row.created_at,
            author_pk=row.author_user_id,
            store_pk=row.store_id,
        )


def _unread_loader(info: Info):  # type: ignore[no-untyped-def]
    user_id = info.context.actor.user_id

    async def batch(ids: Sequence[int]) -> list[int]:
        if user_id is None:
            return [0 for _ in ids]
        counts = await unread_counts(info.context.session, user_id, ids)
        return [counts[i] for i in ids]

    return info.context.loaders.custom("message_unread", batch)


@strawberry.type(name="MessageThread", description="The one conversation of a store.")
class MessageThreadType(ModelNode):
    """A store's thread."""

    __model__ = MessageThread

    id: relay.NodeID[int]
    level: ThreadLevel = strawberry.field(
        description="Who takes part besides franchisee and merchandiser."
    )
    escalated_at: datetime | None = strawberry.field(description="When a manager was brought in.")
    last_message_at: datetime | None = strawberry.field(
        description="When the last message was sent."
    )
    store_pk: strawberry.Private[int]

    @strawberry.field(description="The store.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="Messages by others the viewer has not read.")
    async def unread_count(self, info: Info) -> int:
        count: int = await _unread_loader(info).load(self.id)
        return count

    @strawberry.field(description="The messages, newest first.")
    async def messages(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size (default 20, at most 200).")
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="Cursor of the last message of the previous page."),
        ] = None,
    ) -> Connection[MessageType]:
        return await Connection[MessageType].page(
            info, messages_statement(self.id), MessageType.from_model, first, after
        )

    @classmethod
    def from_model(cls, row: MessageThread) -> Self:
        return cls(
            id=row.id,
            level=row.level,
            escalated_at=row.escalated_at,
            last_message_at=row.last_message_at,
            store_pk=row.store_id,
        )


@strawberry.input(description="A message to post in a store's thread.")
class MessageSendInput:
    """What to send where."""

    store_id: relay.GlobalID = strawberry.field(description="The store whose thread it goes in.")
    body: str = strawberry.field(description="The text (at most 4000 characters).")


@strawberry.input(description="Mark a store's thread read.")
class MessageMarkReadInput:
    """Up to where the viewer has read."""

    store_id: relay.GlobalID = strawberry.field(description="The store whose thread was read.")
    message_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Read up to this message (default: the latest)."
    )


@strawberry.input(description="Bring the regional manager (then HQ) into a store's thread.")
class MessageThreadEscalateInput:
    """Which thread."""

    store_id: relay.GlobalID = strawberry.field(description="The store whose thread is escalated.")


@strawberry.type(description="Result of sending a message.")
class MessageSendPayload:
    """The message as sent, or why it was not."""

    message: MessageType | None = strawberry.field(description="The message, when sent.")
    thread: MessageThreadType | None = strawberry.field(description="Its thread.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of a change to a thread (read state, escalation).")
class MessageThreadPayload:
    """The thread after the change, or why it was refused."""

    thread: MessageThreadType | None = strawberry.field(
        description="The thread (null when it has no message yet)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
