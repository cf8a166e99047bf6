"""Store queries: the store list, one store, and the tenant's custom field definitions."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import select
from strawberry import relay

from api.graphql.context import Info
from api.graphql.lookahead import selected
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from api.graphql.stores.inputs import StoreFilterInput, StoreOrderInput
from api.graphql.stores.page import store_page
from api.graphql.stores.types import (
    CustomFieldDefinitionType,
    StoreType,
    preload_relations,
    store_columns,
)
from domain.permissions import Permission
from domain.stores.access import visible_store
from domain.stores.listing import StoreFilter, StoreSort, stores_statement
from domain.stores.models import CustomFieldDefinition, StoreStatus, Tier

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


def _filter(f: StoreFilterInput) -> StoreFilter:
    return StoreFilter(
        region_id=decode_id(f.region_id, "Region", "filter.regionId") if f.region_id else None,
        merchandiser_id=decode_id(f.merchandiser_id, "User", "filter.merchandiserId")
        if f.merchandiser_id
        else None,
        unassigned=f.unassigned,
        tier=Tier(f.tier) if f.tier else None,
        status=StoreStatus(f.status) if f.status else None,
        search=f.search,
    )


@strawberry.type
class StoreQueries:
    """Queries on stores."""

    @strawberry.field(
        description="The stores the viewer may see (HQ: all; a region's staff: the region; "
        "a franchisee: their own), filtered and ordered.",
        permission_classes=needs(Permission.STORE_READ),
    )
    async def stores(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            StoreFilterInput | None, strawberry.argument(description="Which stores.")
        ] = None,
        order_by: Annotated[
            StoreOrderInput | None, strawberry.argument(description="Order (default: by code).")
        ] = None,
    ) -> Connection[StoreType]:
        order = order_by or StoreOrderInput()
        stmt = stores_statement(
            _filter(filter or StoreFilterInput()), StoreSort(order.field), order.descending
        )
        fields = selected(info, "edges", "node")
        columns = store_columns(fields)
        if columns is None:  # a field not listed reads every column: ORM instances
            page = await Connection[StoreType].page(info, stmt, StoreType.from_model, first, after)
        else:  # only what the selection reads, as plain rows
            page = await store_page(info, stmt, columns, fields, first, after)
        await preload_relations(info, [edge.node for edge in page.edges], fields)
        return page

    @strawberry.field(
        description="One store (NOT_FOUND when it does not exist or the viewer may not see it).",
        permission_classes=needs(Permission.STORE_READ),
    )
    async def store(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The store's id.")],
    ) -> StoreType:
        row = await visible_store(
            info.context.session,
            info.context.actor,
            decode_id(id, "Store", "id"),
            Permission.STORE_READ,
            field="id",
        )
        return StoreType.from_model(row)

    @strawberry.field(
        description="The tenant's custom passport fields, in the order they were defined.",
        permission_classes=needs(Permission.STORE_READ),
    )
    async def custom_field_definitions(self, info: Info) -> list[CustomFieldDefinitionType]:
        rows = await info.context.session.scalars(
            select(CustomFieldDefinition).order_by(CustomFieldDefinition.id)
        )
        return [CustomFieldDefinitionType.from_model(r) for r in rows]
