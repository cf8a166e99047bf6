"""Stock queries: warehouses, HQ stock levels and a store's inventory."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import select
from strawberry import relay

from api.graphql.catalogue.queries import After, First
from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from api.graphql.stock.types import (
    StockLevelFilter,
    StockLevelType,
    StoreInventoryFilter,
    StoreInventoryItemType,
    WarehouseType,
)
from domain.permissions import Permission
from domain.stock import service
from domain.stock.models import Warehouse


def _id(value: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    return decode_id(value, type_name, field) if value is not None else None


@strawberry.type
class StockQueries:
    """Queries on stock."""

    @strawberry.field(
        description="Every HQ warehouse, by code.", permission_classes=needs(Permission.STOCK_READ)
    )
    async def warehouses(self, info: Info) -> list[WarehouseType]:
        rows = await info.context.session.scalars(select(Warehouse).order_by(Warehouse.code))
        return [WarehouseType.from_model(r) for r in rows]

    @strawberry.field(
        description="HQ stock per warehouse × SKU, with what is reserved and available.",
        permission_classes=needs(Permission.STOCK_READ),
    )
    async def stock_levels(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            StockLevelFilter | None, strawberry.argument(description="Which levels.")
        ] = None,
    ) -> Connection[StockLevelType]:
        f = filter or StockLevelFilter()
        stmt = service.stock_levels_statement(
            warehouse_id=_id(f.warehouse_id, "Warehouse", "filter.warehouseId"),
            sku_id=_id(f.sku_id, "Sku", "filter.skuId"),
            product_id=_id(f.product_id, "Product", "filter.productId"),
            below_available=f.below_available,
        )
        return await Connection[StockLevelType].page(
            info, stmt, StockLevelType.from_model, first, after
        )

    @strawberry.field(
        description="What one store has on hand, per SKU (stores you cannot see are not found).",
        permission_classes=needs(Permission.STOCK_READ),
    )
    async def store_inventory(
        self,
        info: Info,
        store_id: Annotated[relay.GlobalID, strawberry.argument(description="The store.")],
        first: First = None,
        after: After = None,
        filter: Annotated[
            StoreInventoryFilter | None, strawberry.argument(description="Which SKUs.")
        ] = None,
    ) -> Connection[StoreInventoryItemType]:
        f = filter or StoreInventoryFilter()
        stmt = await service.store_inventory_statement(
            info.context.session,
            info.context.actor,
            decode_id(store_id, "Store", "storeId"),
            sku_id=_id(f.sku_id, "Sku", "filter.skuId"),
            product_id=_id(f.product_id, "Product", "filter.productId"),
            in_stock=f.in_stock,
        )
        return await Connection[StoreInventoryItemType].page(
            info, stmt, StoreInventoryItemType.from_model, first, after
        )
