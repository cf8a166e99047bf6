"""Region queries."""

from __future__ import annotations

import strawberry
from sqlalchemy import select

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.regions.types import RegionType
from domain.permissions import Permission
from domain.regions.models import Region


@strawberry.type
class RegionQueries:
    """Queries on regions."""

    @strawberry.field(
        description="Every region of the tenant.", permission_classes=needs(Permission.REGION_READ)
    )
    async def regions(self, info: Info) -> list[RegionType]:
        rows = await info.context.session.scalars(select(Region).order_by(Region.code))
        return [RegionType.from_model(r) for r in rows]
