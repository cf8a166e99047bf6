"""Passport mutations: log a contact with a store."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.passport.types import ContactLogEntryType, ContactLogInput, ContactLogPayload
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.passport.models import ContactKind
from domain.passport.service import log_contact
from domain.permissions import Permission


@strawberry.type
class PassportMutations:
    """Mutations on store passports."""

    @strawberry.mutation(
        description="Log a contact with a store (call, visit, chat...) in its passport.",
        permission_classes=needs(Permission.CONTACT_WRITE),
    )
    async def store_log_contact(
        self,
        info: Info,
        input: Annotated[ContactLogInput, strawberry.argument(description="The contact.")],
    ) -> ContactLogPayload:
        ctx = info.context

        async def run() -> ContactLogPayload:
            entry = await log_contact(
                ctx.session,
                ctx.actor,
                decode_id(input.store_id, "Store", "storeId"),
                ContactKind(input.channel),
                input.summary,
                input.occurred_at,
            )
            return ContactLogPayload(entry=ContactLogEntryType.from_model(entry), user_errors=[])

        return await mutate(info, run, refusal(ContactLogPayload))
