"""HQ stock files: units on hand per warehouse × SKU, as an ERP or WMS exports them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import UpsertCounts
from domain.catalogue.models import Sku
from domain.imports.columns import Column, integer, with_stand_ins
from domain.imports.kinds import Kind, Progress, Record, Statement
from domain.permissions import Actor, Permission, authorize
from domain.stock.models import Warehouse, WarehouseStock
from domain.stock.service import StockRow, upsert_stock

COLUMNS = (
    Column("warehouse_code", "The warehouse's code.", required=True),
    Column("sku_code", "The SKU's code (or give the barcode)."),
    Column("barcode", "The SKU's barcode (or give the SKU code; if both, they must agree)."),
    Column(
        "on_hand",
        "Units on hand; not below what is reserved for confirmed orders.",
        parse=integer,
        required=True,
    ),
    Column(
        "reserved",
        "Units reserved for confirmed orders (written by the export, ignored by the import).",
        export_only=True,
    ),
    Column(
        "available",
        "on_hand − reserved (written by the export, ignored by the import).",
        export_only=True,
    ),
)


async def load(
    session: AsyncSession,
    actor: Actor,
    records: Sequence[Record],
    write: bool,
    source: str,
    progress: Progress,
) -> UpsertCounts:
    """Check and (with `write`) set the stock levels; reserved units are kept."""
    rows = []
    for number, values in records:
        v = with_stand_ins(values, {"on_hand": 0})
        rows.append(
            StockRow(
                row=number,
                on_hand=v["on_hand"],
                warehouse_code=v["warehouse_code"],
                sku_code=v["sku_code"],
                barcode=v["barcode"],
            )
        )
    progress.phase("checking and writing" if write else "checking", None)
    return await upsert_stock(session, actor, rows, write=write, source=source)


def dump(actor: Actor, start: date | None, end: date | None) -> Statement:
    """Every HQ stock level, by warehouse and SKU."""
    authorize(actor, Permission.STOCK_READ)
    stmt = (
        select(
            Warehouse.code,
            Sku.code,
            Sku.barcode,
            WarehouseStock.on_hand,
            WarehouseStock.reserved,
            WarehouseStock.on_hand - WarehouseStock.reserved,
        )
        .join(Warehouse, Warehouse.id == WarehouseStock.warehouse_id)
        .join(Sku, Sku.id == WarehouseStock.sku_id)
        .order_by(Warehouse.code, Sku.code)
    )
    return stmt


KIND = Kind(
    name="stock",
    summary="HQ stock on hand per warehouse × SKU.",
    columns=COLUMNS,
    load=load,
    dump=dump,
    read_permission=Permission.STOCK_READ,
    write_permission=Permission.STOCK_WRITE,
    counted="stock levels",
)
