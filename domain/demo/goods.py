"""Writes the goods of a demo plan: styles, SKUs, warehouses, HQ and store stock, and the sales
history (a million rows: one multi-row statement per chunk, driver-ready values).

Bulk inserts bypass the per-object audit listener, so each step writes one explicit audit
entry saying what it created.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import Column
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.recorder import record
from domain.bulk.upsert import bulk_insert
from domain.catalogue.models import Product, Sku
from domain.demo.categories import CATEGORIES
from domain.demo.network import ids_by, insert_rows, table_of
from domain.demo.plan import DemoPlan
from domain.demo.spec import DemoSpec
from domain.sales.models import DailySale
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock

Advance = Callable[[str, int], None]  # (step, rows written)


async def driver_value(session: AsyncSession, column: Column[Any], value: Any) -> Any:
    """`value` as the column's bind processor hands it to this database's driver, computed
    once for a value that a million rows share (a day, a timestamp)."""
    dialect = (await session.connection()).dialect
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor(value) if processor is not None else value


async def write_catalogue(
    session: AsyncSession, plan: DemoPlan, tenant_id: int, now: datetime
) -> tuple[list[int], dict[str, int]]:
    """Styles and SKUs, and the warehouses; returns SKU ids in plan order and warehouse ids."""
    styles = plan.catalogue.styles
    await insert_rows(
        session,
        Product,
        [
            {
                "tenant_id": tenant_id,
                "code": p.code,
                "name": p.name,
                "name_en": p.name_en,
                "category": CATEGORIES[p.category].key,
                "season": p.season,
                "retail_price": p.retail_price,
                "unit_cost": p.unit_cost,
                "launched_on": p.launched_on,
                "is_active": p.is_active,
                "created_at": now,
                "updated_at": now,
            }
            for p in styles
        ],
    )
    products = await ids_by(session, Product.code, Product.id)
    await insert_rows(
        session,
        Sku,
        [
            {
                "tenant_id": tenant_id,
                "product_id": products[styles[k.style].code],
                "code": k.code,
                "colour": k.colour,
                "size": k.size,
                "barcode": k.barcode,
                "pack_size": k.pack_size,
                "is_active": styles[k.style].is_active,
                "created_at": now,
                "updated_at": now,
            }
            for k in plan.catalogue.skus
        ],
    )
    skus = await ids_by(session, Sku.code, Sku.id)
    await insert_rows(
        session,
        Warehouse,
        [
            {
                "tenant_id": tenant_id,
                "code": code,
                "name": name,
                "province": province,
                "city": city,
                "created_at": now,
                "updated_at": now,
            }
            for code, name, province, city in plan.warehouses
        ],
    )
    warehouses = await ids_by(session, Warehouse.code, Warehouse.id)
    await record(
        session,
        "demo.seed.catalogue",
        "products",
        None,
        None,
        {"products": len(styles), "skus": len(skus), "warehouses": len(warehouses)},
    )
    return [skus[k.code] for k in plan.catalogue.skus], warehouses


async def write_stock(
    session: AsyncSession,
    plan: DemoPlan,
    tenant_id: int,
    stores: list[int],
    skus: list[int],
    warehouses: dict[str, int],
    now: datetime,
) -> int:
    """HQ stock per warehouse × SKU and what every store has on hand now."""
    codes = [w[0] for w in plan.warehouses]
    hq = [
        (tenant_id, warehouses[codes[w]], skus[k], units, 0, now) for w, k, units in plan.hq_stock
    ]
    await bulk_insert(
        session,
        table_of(WarehouseStock),
        ("tenant_id", "warehouse_id", "sku_id", "on_hand", "reserved", "updated_at"),
        hq,
    )
    history = plan.history
    s_idx, k_idx = np.nonzero((history.on_hand > 0) | history.stocked)
    store_ids, sku_ids = np.array(stores)[s_idx], np.array(skus)[k_idx]
    units = history.on_hand[s_idx, k_idx]
    stamp = await driver_value(session, table_of(StoreInventory).c.updated_at, now)
    rows = list(
        zip(
            [tenant_id] * len(units),
            store_ids.tolist(),
            sku_ids.tolist(),
            units.tolist(),
            [stamp] * len(units),
            strict=True,
        )
    )
    await bulk_insert(
        session,
        table_of(StoreInventory),
        ("tenant_id", "store_id", "sku_id", "on_hand", "updated_at"),
        rows,
        driver_ready=True,
    )
    await record(
        session,
        "demo.seed.stock",
        "warehouse_stock",
        None,
        None,
        {"warehouse_rows": len(hq), "store_rows": len(rows)},
    )
    return len(hq) + len(rows)


async def write_sales(
    session: AsyncSession,
    spec: DemoSpec,
    plan: DemoPlan,
    tenant_id: int,
    stores: list[int],
    skus: list[int],
    advance: Advance,
) -> int:
    """The daily sales history, in the simulation's order (store, day, SKU)."""
    history = plan.history
    column = table_of(DailySale).c.day
    days = [
        await driver_value(session, column, spec.first_day + timedelta(days=t))
        for t in range(spec.history_days)
    ]
    # Amounts go to the driver as floats of whole cents, as the Money column's processor does.
    revenue = (history.revenue_cents / 100).tolist()
    rows = zip(
        [tenant_id] * history.rows,
        np.array(stores)[history.store].tolist(),
        np.array(skus)[history.sku].tolist(),
        [days[d] for d in history.day.tolist()],
        history.qty.tolist(),
        revenue,
        history.on_hand_close.tolist(),
        strict=True,
    )
    columns = ("tenant_id", "store_id", "sku_id", "day", "qty", "revenue", "on_hand_close")
    written = await bulk_insert(
        session,
        table_of(DailySale),
        columns,
        rows,
        progress=lambda n: advance("sales", n),
        chunk_rows=50_000,
        driver_ready=True,
    )
    await record(
        session,
        "demo.seed.sales",
        "daily_sales",
        None,
        None,
        {
            "rows": written,
            "from": spec.first_day,
            "to": spec.last_day,
            "stock_out_rows": history.stockout_rows,
            "units": int(history.qty.sum()),
            "revenue": str(Decimal(int(history.revenue_cents.sum())) / 100),
        },
    )
    return written
