"""Shipment queries: shipments with their tracking, the warehouse's pick lists, the carriers."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from api.graphql.shipments.inputs import PickListFilter, ShipmentFilter
from api.graphql.shipments.types import CarrierType, PickListType, ShipmentType
from domain import clock
from domain.permissions import Permission
from domain.shipments.carriers import CARRIERS
from domain.shipments.service import pick_lists_statement, shipments_statement

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type
class ShipmentQueries:
    """Queries on shipments."""

    @strawberry.field(
        description="Shipments to the viewer's stores, newest first.",
        permission_classes=needs(Permission.SHIPMENT_READ),
    )
    async def shipments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            ShipmentFilter | None, strawberry.argument(description="Which shipments.")
        ] = None,
    ) -> Connection[ShipmentType]:
        f = filter or ShipmentFilter()
        stmt = shipments_statement(
            info.context.actor,
            store_id=decode_id(f.store_id, "Store", "filter.storeId") if f.store_id else None,
            order_id=decode_id(f.order_id, "Order", "filter.orderId") if f.order_id else None,
            status=f.status,
            carrier_code=f.carrier,
            tracking_number=f.tracking_number,
            late=f.late,
            today=clock.now().date(),
            shipped_since=f.shipped_since,
        )
        return await Connection[ShipmentType].page(
            info, stmt, ShipmentType.from_model, first, after
        )

    @strawberry.field(
        description="Pick lists of the viewer's stores, oldest first (the warehouse's queue).",
        permission_classes=needs(Permission.SHIPMENT_READ),
    )
    async def pick_lists(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            PickListFilter | None, strawberry.argument(description="Which pick lists.")
        ] = None,
    ) -> Connection[PickListType]:
        f = filter or PickListFilter()
        stmt = pick_lists_statement(
            info.context.actor,
            status=f.status,
            store_id=decode_id(f.store_id, "Store", "filter.storeId") if f.store_id else None,
        )
        return await Connection[PickListType].page(
            info, stmt, PickListType.from_model, first, after
        )

    @strawberry.field(
        description="The carriers shipments can go with.",
        permission_classes=needs(Permission.SHIPMENT_READ),
    )
    def carriers(self) -> list[CarrierType]:
        return [CarrierType.from_carrier(c) for c in CARRIERS.values()]
