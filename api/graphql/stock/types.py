"""GraphQL types for warehouses, HQ stock levels and store inventory."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.bulk import BulkPayload
from api.graphql.catalogue.types import SkuType
from api.graphql.context import Info
from api.graphql.errors import UserError
from api.graphql.relay import ModelNode, global_id
from domain.catalogue.models import Sku
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock


async def _sku(info: Info, sku_id: int) -> SkuType:
    row = await info.context.loaders.by_id(Sku).load(sku_id)
    assert row is not None  # stock rows cascade with their SKU
    return SkuType.from_model(row)


@strawberry.type(name="Warehouse", description="A headquarters warehouse goods ship from.")
class WarehouseType(ModelNode):
    """A warehouse."""

    __model__ = Warehouse

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Code, unique in the tenant.")
    name: str = strawberry.field(description="Display name.")
    province: str | None = strawberry.field(description="Province it is in.")
    city: str | None = strawberry.field(description="City it is in.")

    @classmethod
    def from_model(cls, row: Warehouse) -> Self:
        return cls(id=row.id, code=row.code, name=row.name, province=row.province, city=row.city)


@strawberry.type(name="StockLevel", description="Units of one SKU in one HQ warehouse.")
class StockLevelType(ModelNode):
    """HQ stock of one SKU in one warehouse."""

    __model__ = WarehouseStock

    id: relay.NodeID[int]
    on_hand: int = strawberry.field(description="Units in the warehouse.")
    reserved: int = strawberry.field(description="Units promised to confirmed orders.")
    available: int = strawberry.field(description="Units free to promise: on hand − reserved.")
    updated_at: datetime = strawberry.field(description="When the level last changed.")
    warehouse_id: strawberry.Private[int]
    sku_id: strawberry.Private[int]

    @strawberry.field(description="The warehouse.")
    async def warehouse(self, info: Info) -> WarehouseType:
        row = await info.context.loaders.by_id(Warehouse).load(self.warehouse_id)
        assert row is not None
        return WarehouseType.from_model(row)

    @strawberry.field(description="The SKU.")
    async def sku(self, info: Info) -> SkuType:
        return await _sku(info, self.sku_id)

    @classmethod
    def from_model(cls, row: WarehouseStock) -> Self:
        return cls(
            id=row.id,
            on_hand=row.on_hand,
            reserved=row.reserved,
            available=row.on_hand - row.reserved,
            updated_at=row.updated_at,
            warehouse_id=row.warehouse_id,
            sku_id=row.sku_id,
        )


@strawberry.type(name="StoreInventoryItem", description="Units of one SKU on hand in one store.")
class StoreInventoryItemType(ModelNode):
    """A store's stock of one SKU."""

    __model__ = StoreInventory

    id: relay.NodeID[int]
    store_id: relay.GlobalID = strawberry.field(description="The store's id.")
    on_hand: int = strawberry.field(description="Units on hand in the store.")
    updated_at: datetime = strawberry.field(description="When the count last changed.")
    sku_id: strawberry.Private[int]

    @strawberry.field(description="The SKU.")
    async def sku(self, info: Info) -> SkuType:
        return await _sku(info, self.sku_id)

    @classmethod
    def from_model(cls, row: StoreInventory) -> Self:
        return cls(
            id=row.id,
            store_id=global_id("Store", row.store_id),
            on_hand=row.on_hand,
            updated_at=row.updated_at,
            sku_id=row.sku_id,
        )


@strawberry.input(description="Which HQ stock levels to list; omitted filters match everything.")
class StockLevelFilter:
    """Filters on stock levels."""

    warehouse_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Only this warehouse."
    )
    sku_id: relay.GlobalID | None = strawberry.field(default=None, description="Only this SKU.")
    product_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Only SKUs of this style."
    )
    below_available: int | None = strawberry.field(
        default=None, description="Only levels whose available units are below this number."
    )


@strawberry.input(description="Which of a store's inventory rows to list.")
class StoreInventoryFilter:
    """Filters on store inventory."""

    sku_id: relay.GlobalID | None = strawberry.field(default=None, description="Only this SKU.")
    product_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Only SKUs of this style."
    )
    in_stock: bool | None = strawberry.field(
        default=None, description="Only SKUs on hand (true) or at zero (false)."
    )


@strawberry.input(description="A new HQ warehouse.")
class WarehouseCreateInput:
    """Fields of a new warehouse."""

    code: str = strawberry.field(description="Code, unique in the tenant.")
    name: str = strawberry.field(description="Display name.")
    province: str | None = strawberry.field(
        default=None, description="Province (English or Chinese name)."
    )
    city: str | None = strawberry.field(default=None, description="City.")


@strawberry.type(description="Result of creating a warehouse.")
class WarehousePayload:
    """The warehouse as saved, or the reasons it was not."""

    warehouse: WarehouseType | None = strawberry.field(description="The warehouse, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(
    description="Units on hand of one SKU in one warehouse: give the warehouse by code or id, the SKU by code or barcode."
)
class StockRowInput:
    """One HQ stock level."""

    on_hand: int = strawberry.field(description="Units on hand (not below what is reserved).")
    warehouse_code: str | None = strawberry.field(default=None, description="The warehouse's code.")
    warehouse_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The warehouse's id."
    )
    sku_code: str | None = strawberry.field(default=None, description="The SKU's code.")
    barcode: str | None = strawberry.field(default=None, description="The SKU's barcode.")


@strawberry.input(description="HQ stock levels to set; all are written or none.")
class StockUpsertInput:
    """A batch of stock levels."""

    rows: list[StockRowInput] = strawberry.field(
        description="Up to 10000 rows; one per warehouse × SKU."
    )


@strawberry.type(description="Result of setting HQ stock levels.")
class StockUpsertPayload(BulkPayload):
    """Counts, or every bad row."""


@strawberry.input(
    description="Units on hand of one SKU in one store: the store by code or id, the SKU by code or barcode."
)
class StoreInventoryRowInput:
    """One store inventory count."""

    on_hand: int = strawberry.field(description="Units on hand in the store.")
    store_code: str | None = strawberry.field(default=None, description="The store's code.")
    store_id: relay.GlobalID | None = strawberry.field(default=None, description="The store's id.")
    sku_code: str | None = strawberry.field(default=None, description="The SKU's code.")
    barcode: str | None = strawberry.field(default=None, description="The SKU's barcode.")


@strawberry.input(description="Store inventory counts to set; all are written or none.")
class StoreInventoryUpsertInput:
    """A batch of store inventory counts."""

    rows: list[StoreInventoryRowInput] = strawberry.field(
        description="Up to 10000 rows; one per store × SKU."
    )


@strawberry.type(description="Result of setting store inventory.")
class StoreInventoryUpsertPayload(BulkPayload):
    """Counts, or every bad row."""
