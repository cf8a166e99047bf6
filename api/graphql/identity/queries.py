"""Viewer queries."""

from __future__ import annotations

import strawberry

from api.graphql.context import Info
from api.graphql.identity.types import Viewer
from api.graphql.permissions import Authenticated


@strawberry.type
class IdentityQueries:
    """Who am I."""

    @strawberry.field(description="The logged-in viewer.", permission_classes=[Authenticated])
    async def me(self, info: Info) -> Viewer:
        return await Viewer.load(info)
