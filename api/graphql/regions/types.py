"""GraphQL types for regions."""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry import relay

from api.graphql.errors import UserError
from api.graphql.relay import ModelNode
from domain.regions.models import Region


@strawberry.type(name="Region", description="A region (大区): a group of provinces run together.")
class RegionType(ModelNode):
    """A region."""

    __model__ = Region

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Short code, unique in the tenant (e.g. R1).")
    name: str = strawberry.field(description="Display name.")
    provinces: list[str] = strawberry.field(description="Provinces the region covers.")

    @classmethod
    def from_model(cls, row: Region) -> Self:
        return cls(id=row.id, code=row.code, name=row.name, provinces=row.province_names)


@strawberry.input(description="A new region.")
class RegionCreateInput:
    """Fields of a new region."""

    code: str = strawberry.field(description="Short code, unique in the tenant.")
    name: str = strawberry.field(description="Display name.")
    provinces: list[str] = strawberry.field(
        default_factory=list, description="Provinces (English or Chinese names)."
    )


@strawberry.input(description="Changes to a region; omitted fields stay as they are.")
class RegionUpdateInput:
    """Fields to change on a region."""

    id: relay.GlobalID = strawberry.field(description="The region to change.")
    name: str | None = strawberry.field(default=None, description="New display name.")
    provinces: list[str] | None = strawberry.field(
        default=None, description="The complete new list of provinces."
    )


@strawberry.type(description="Result of a region mutation.")
class RegionPayload:
    """The region as saved, or the reasons it was not."""

    region: RegionType | None = strawberry.field(description="The region, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
