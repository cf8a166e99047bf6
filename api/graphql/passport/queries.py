"""Passport queries: one store's complete record."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.passport.types import StorePassportType
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.passport.service import passport_store
from domain.permissions import Permission


@strawberry.type
class PassportQueries:
    """Queries on store passports."""

    @strawberry.field(
        description="A store's service passport. NOT_FOUND when the store does not exist or is "
        "outside the viewer's reach (e.g. a merchandiser of another region).",
        permission_classes=needs(Permission.STORE_READ),
    )
    async def store_passport(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The store's id.")],
    ) -> StorePassportType:
        store = await passport_store(
            info.context.session, info.context.actor, decode_id(id, "Store", "id")
        )
        return StorePassportType(row=store)
