"""The order API's dataloaders: lines, history, approvals, HQ availability and reservations.

Each is made once per request and batches over every order (or line, or SKU) a page shows,
so the number of statements does not grow with the page size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import defer
from strawberry.dataloader import DataLoader

from api.graphql.catalogue.types import SKU_COLUMNS, SkuType
from api.graphql.context import Info
from domain.catalogue.models import Sku
from domain.db.lists import one_of
from domain.orders.lines import units_by_store
from domain.orders.models import OrderApproval, OrderLine, OrderTransition, StockReservation
from domain.orders.reservations import available_by_sku


def lines(info: Info, with_reason: bool = True) -> DataLoader[Any, list[OrderLine]]:
    """An order's lines, in the order they were put on; `with_reason=False` leaves each line's
    reason (a JSON document, the widest column) unread, for selections that do not show it."""
    if with_reason:
        return info.context.loaders.children(OrderLine.order_id, order_by=[OrderLine.id])
    return info.context.loaders.children(
        OrderLine.order_id,
        order_by=[OrderLine.id],
        options=[defer(OrderLine.reason, raiseload=True)],
        name="without_reason",
    )


LINE_COLUMNS = (
    OrderLine.id,
    OrderLine.order_id,
    OrderLine.sku_id,
    OrderLine.recommended_qty,
    OrderLine.proposed_qty,
    OrderLine.qty,
    OrderLine.unit_cost,
    OrderLine.retail_price,
    OrderLine.source,
    OrderLine.changed_by,
)
"""What a line shows, but its reason (a JSON document, the widest column). In this order:
OrderLineType.from_model reads a row by position."""


def line_rows(info: Info, with_reason: bool) -> DataLoader[int, list[Row[Any]]]:
    """An order's lines as plain rows (read-only queries: no ORM instance to build and track
    for each of a page's hundreds of lines), in the order they were put on; the reason only
    `with_reason`. The session's tenant criteria and row-level security apply as to any read."""
    session = info.context.session
    columns = (*LINE_COLUMNS, OrderLine.reason) if with_reason else LINE_COLUMNS

    async def batch(order_ids: Sequence[int]) -> list[list[Row[Any]]]:
        rows = await session.execute(
            select(*columns)
            .where(one_of(session, OrderLine.order_id, order_ids))
            .order_by(OrderLine.id)
        )
        grouped: dict[int, list[Row[Any]]] = defaultdict(list)
        for row in rows:
            grouped[row.order_id].append(row)
        return [grouped.get(i, []) for i in order_ids]

    return info.context.loaders.custom(("orders.line_rows", with_reason), batch)


def page_skus(info: Info) -> DataLoader[tuple[int, ...], dict[int, SkuType]]:
    """The SKUs of a page's lines in one statement: each order asks once, with its lines' SKU
    ids, and every order gets the page's SKUs by id (one load per order, not one per line)."""
    session = info.context.session

    async def batch(keys: Sequence[tuple[int, ...]]) -> list[dict[int, SkuType]]:
        wanted = {sku_id for key in keys for sku_id in key}
        rows = await session.execute(select(*SKU_COLUMNS).where(one_of(session, Sku.id, wanted)))
        found = {row.id: SkuType.from_model(row) for row in rows}
        return [found for _ in keys]

    return info.context.loaders.custom("orders.page_skus", batch)


def skus(info: Info) -> DataLoader[int, SkuType | None]:
    """SKUs by id, read as plain rows (None when missing or not visible): a page's lines share
    a few hundred SKUs, each built once per request."""
    session = info.context.session

    async def batch(sku_ids: Sequence[int]) -> list[SkuType | None]:
        rows = await session.execute(select(*SKU_COLUMNS).where(one_of(session, Sku.id, sku_ids)))
        found = {row.id: SkuType.from_model(row) for row in rows}
        return [found.get(i) for i in sku_ids]

    return info.context.loaders.custom("orders.skus", batch)


def transitions(info: Info) -> DataLoader[Any, list[OrderTransition]]:
    """An order's moves, oldest first."""
    return info.context.loaders.children(
        OrderTransition.order_id, order_by=[OrderTransition.at, OrderTransition.id]
    )


def approvals(info: Info) -> DataLoader[Any, list[OrderApproval]]:
    """An order's approval requests, newest first."""
    return info.context.loaders.children(
        OrderApproval.order_id,
        order_by=[OrderApproval.requested_at.desc(), OrderApproval.id.desc()],
    )


def available(info: Info) -> DataLoader[int, int]:
    """HQ units free to promise, by SKU id."""
    session = info.context.session

    async def batch(sku_ids: Sequence[int]) -> list[int]:
        free = await available_by_sku(session, sku_ids)
        return [free[i] for i in sku_ids]

    return info.context.loaders.custom("orders.available", batch)


def store_units(info: Info) -> DataLoader[int, int]:
    """Units a store has on hand now, by store id."""
    session = info.context.session

    async def batch(store_ids: Sequence[int]) -> list[int]:
        units = await units_by_store(session, store_ids)
        return [units[i] for i in store_ids]

    return info.context.loaders.custom("orders.store_units", batch)


def held(info: Info) -> DataLoader[int, int]:
    """Units still reserved for an order line, by line id."""
    session = info.context.session

    async def batch(line_ids: Sequence[int]) -> list[int]:
        rows = await session.execute(
            select(
                StockReservation.order_line_id,
                func.sum(
                    StockReservation.qty - StockReservation.consumed - StockReservation.released
                ),
            )
            .where(StockReservation.order_line_id.in_(line_ids))
            .group_by(StockReservation.order_line_id)
        )
        found: dict[int, int] = defaultdict(int, {k: int(v or 0) for k, v in rows})
        return [found[i] for i in line_ids]

    return info.context.loaders.custom("orders.held", batch)
