"""An order as a table, line by line, for the franchisee to keep (CSV or XLSX)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.models import Product, Sku
from domain.orders.models import OrderLine
from domain.orders.service import visible_order
from domain.permissions import Actor
from domain.stores.models import Store

COLUMNS = (
    "order",
    "status",
    "store_code",
    "store",
    "sku_code",
    "barcode",
    "style_code",
    "style",
    "colour",
    "size",
    "recommended_qty",
    "proposed_qty",
    "qty",
    "unit_cost",
    "line_cost",
    "retail_price",
)


@dataclass(frozen=True)
class OrderTable:
    """What an export holds: a file name (without suffix), the header and the rows."""

    name: str
    columns: tuple[str, ...]
    rows: list[list[Any]]


async def order_table(session: AsyncSession, actor: Actor, order_id: int) -> OrderTable:
    """The order's lines, one row each (cut lines too, at qty 0), for an actor who may read it."""
    order = await visible_order(session, actor, order_id)
    store = await session.get(Store, order.store_id)
    assert store is not None
    rows = await session.execute(
        select(OrderLine, Sku, Product)
        .join(Sku, Sku.id == OrderLine.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(OrderLine.order_id == order.id)
        .order_by(OrderLine.id)
    )
    table = [
        [
            order.number,
            order.status.value,
            store.code,
            store.name,
            sku.code,
            sku.barcode,
            product.code,
            product.name,
            sku.colour,
            sku.size,
            line.recommended_qty,
            line.proposed_qty,
            line.qty,
            line.unit_cost,
            line.qty * line.unit_cost,
            line.retail_price,
        ]
        for line, sku, product in rows
    ]
    return OrderTable(order.number, COLUMNS, table)
