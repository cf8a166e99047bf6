"""Region mutations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.regions.types import (
    RegionCreateInput,
    RegionPayload,
    RegionType,
    RegionUpdateInput,
)
from api.graphql.relay import decode_id
from domain.permissions import Permission
from domain.regions import service


@strawberry.type
class RegionMutations:
    """Mutations on regions."""

    @strawberry.mutation(
        description="Create a region.", permission_classes=needs(Permission.REGION_WRITE)
    )
    async def region_create(
        self,
        info: Info,
        input: Annotated[RegionCreateInput, strawberry.argument(description="The new region.")],
    ) -> RegionPayload:
        async def run() -> RegionPayload:
            region = await service.create_region(
                info.context.session, info.context.actor, input.code, input.name, input.provinces
            )
            return RegionPayload(region=RegionType.from_model(region), user_errors=[])

        return await mutate(info, run, refusal(RegionPayload))

    @strawberry.mutation(
        description="Rename a region or replace its provinces.",
        permission_classes=needs(Permission.REGION_WRITE),
    )
    async def region_update(
        self,
        info: Info,
        input: Annotated[
            RegionUpdateInput, strawberry.argument(description="The region and what changes.")
        ],
    ) -> RegionPayload:
        async def run() -> RegionPayload:
            region = await service.update_region(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Region", "id"),
                name=input.name,
                provinces=input.provinces,
            )
            return RegionPayload(region=RegionType.from_model(region), user_errors=[])

        return await mutate(info, run, refusal(RegionPayload))
