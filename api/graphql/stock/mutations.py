"""Stock mutations: warehouses, and HQ stock and store inventory set in bulk."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.bulk import MAX_ROWS, RowErrorType, bulk_mutate, row_id
from api.graphql.context import Info
from api.graphql.errors import UserError, mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.stock.types import (
    StockUpsertInput,
    StockUpsertPayload,
    StoreInventoryUpsertInput,
    StoreInventoryUpsertPayload,
    WarehouseCreateInput,
    WarehousePayload,
    WarehouseType,
)
from domain.bulk import UpsertCounts
from domain.permissions import Permission
from domain.stock import service


def _stock_payload(
    counts: UpsertCounts, rows: list[RowErrorType], errors: list[UserError]
) -> StockUpsertPayload:
    return StockUpsertPayload(
        count=counts.total,
        created=counts.created,
        updated=counts.updated,
        row_errors=rows,
        user_errors=errors,
    )


def _inventory_payload(
    counts: UpsertCounts, rows: list[RowErrorType], errors: list[UserError]
) -> StoreInventoryUpsertPayload:
    return StoreInventoryUpsertPayload(
        count=counts.total,
        created=counts.created,
        updated=counts.updated,
        row_errors=rows,
        user_errors=errors,
    )


@strawberry.type
class StockMutations:
    """Mutations on stock."""

    @strawberry.mutation(
        description="Create an HQ warehouse.", permission_classes=needs(Permission.STOCK_WRITE)
    )
    async def warehouse_create(
        self,
        info: Info,
        input: Annotated[
            WarehouseCreateInput, strawberry.argument(description="The new warehouse.")
        ],
    ) -> WarehousePayload:
        async def run() -> WarehousePayload:
            warehouse = await service.create_warehouse(
                info.context.session,
                info.context.actor,
                service.WarehouseFields(input.code, input.name, input.province, input.city),
            )
            return WarehousePayload(warehouse=WarehouseType.from_model(warehouse), user_errors=[])

        return await mutate(info, run, refusal(WarehousePayload))

    @strawberry.mutation(
        description=(
            "Set HQ stock on hand per warehouse × SKU (reserved units are kept; on hand below them is "
            "refused). All rows are written or, if any row is bad, none."
        ),
        permission_classes=needs(Permission.STOCK_WRITE),
    )
    async def stock_upsert(
        self,
        info: Info,
        input: Annotated[StockUpsertInput, strawberry.argument(description="The stock levels.")],
    ) -> StockUpsertPayload:
        async def run() -> UpsertCounts:
            service.check_bulk_size(input.rows, MAX_ROWS)
            rows = [
                service.StockRow(
                    row=i,
                    on_hand=r.on_hand,
                    warehouse_code=r.warehouse_code,
                    warehouse_id=row_id(r.warehouse_id, "Warehouse"),
                    sku_code=r.sku_code,
                    barcode=r.barcode,
                )
                for i, r in enumerate(input.rows)
            ]
            return await service.upsert_stock(
                info.context.session, info.context.actor, rows, source="graphql"
            )

        return await bulk_mutate(info, run, _stock_payload)

    @strawberry.mutation(
        description=(
            "Set what stores have on hand per SKU. All rows are written or, if any row is bad, none."
        ),
        permission_classes=needs(Permission.STOCK_WRITE),
    )
    async def store_inventory_upsert(
        self,
        info: Info,
        input: Annotated[StoreInventoryUpsertInput, strawberry.argument(description="The counts.")],
    ) -> StoreInventoryUpsertPayload:
        async def run() -> UpsertCounts:
            service.check_bulk_size(input.rows, MAX_ROWS)
            rows = [
                service.StoreInventoryRow(
                    row=i,
                    on_hand=r.on_hand,
                    store_code=r.store_code,
                    store_id=row_id(r.store_id, "Store"),
                    sku_code=r.sku_code,
                    barcode=r.barcode,
                )
                for i, r in enumerate(input.rows)
            ]
            return await service.upsert_store_inventory(
                info.context.session, info.context.actor, rows, source="graphql"
            )

        return await bulk_mutate(info, run, _inventory_payload)
