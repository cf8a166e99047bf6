"""Message mutations: send, mark read, escalate."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.messages.types import (
    MessageMarkReadInput,
    MessageSendInput,
    MessageSendPayload,
    MessageThreadEscalateInput,
    MessageThreadPayload,
    MessageThreadType,
    MessageType,
)
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.messages import service
from domain.messages.models import MessageThread
from domain.permissions import Permission


def _thread(row: MessageThread | None) -> MessageThreadType | None:
    return MessageThreadType.from_model(row) if row else None


@strawberry.type
class MessageMutations:
    """Mutations on messages."""

    @strawberry.mutation(
        description="Post a message in a store's thread; the other side is notified.",
        permission_classes=needs(Permission.MESSAGE_SEND),
    )
    async def message_send(
        self,
        info: Info,
        input: Annotated[MessageSendInput, strawberry.argument(description="The message to send.")],
    ) -> MessageSendPayload:
        async def run() -> MessageSendPayload:
            session = info.context.session
            message = await service.send_message(
                session,
                info.context.actor,
                decode_id(input.store_id, "Store", "storeId"),
                input.body,
            )
            thread = await session.get(MessageThread, message.thread_id)
            return MessageSendPayload(
                message=MessageType.from_model(message), thread=_thread(thread), user_errors=[]
            )

        return await mutate(info, run, refusal(MessageSendPayload))

    @strawberry.mutation(
        description="Mark a store's thread read by the viewer (up to a message, or all of it).",
        permission_classes=needs(Permission.MESSAGE_READ),
    )
    async def message_mark_read(
        self,
        info: Info,
        input: Annotated[
            MessageMarkReadInput, strawberry.argument(description="The thread to mark read.")
        ],
    ) -> MessageThreadPayload:
        async def run() -> MessageThreadPayload:
            message_id = (
                decode_id(input.message_id, "Message", "messageId") if input.message_id else None
            )
            thread = await service.mark_read(
                info.context.session,
                info.context.actor,
                decode_id(input.store_id, "Store", "storeId"),
                message_id,
            )
            return MessageThreadPayload(thread=_thread(thread), user_errors=[])

        return await mutate(info, run, refusal(MessageThreadPayload))

    @strawberry.mutation(
        description="Bring the regional manager (then HQ) into a store's thread, and tell them.",
        permission_classes=needs(Permission.MESSAGE_SEND),
    )
    async def message_thread_escalate(
        self,
        info: Info,
        input: Annotated[
            MessageThreadEscalateInput, strawberry.argument(description="The thread to escalate.")
        ],
    ) -> MessageThreadPayload:
        async def run() -> MessageThreadPayload:
            thread = await service.escalate_thread(
                info.context.session,
                info.context.actor,
                decode_id(input.store_id, "Store", "storeId"),
            )
            return MessageThreadPayload(thread=_thread(thread), user_errors=[])

        return await mutate(info, run, refusal(MessageThreadPayload))
