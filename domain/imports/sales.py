"""Daily sales files: one row per store × SKU × day, as a POS system exports them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import UpsertCounts
from domain.bulk.rows import RowError, RowsRejected
from domain.catalogue.models import Sku
from domain.errors import ErrorCode
from domain.imports.columns import UNREADABLE, Column, amount, day, integer, with_stand_ins
from domain.imports.kinds import Kind, Progress, Record, Statement
from domain.permissions import Actor, Permission, authorize
from domain.sales.models import DailySale
from domain.sales.service import EARLIEST_DAY, SaleRow, record_sales
from domain.stores.models import Store

COLUMNS = (
    Column("store_code", "The store's code.", required=True),
    Column("sku_code", "The SKU's code (or give the barcode)."),
    Column("barcode", "The SKU's barcode (or give the SKU code; if both, they must agree)."),
    Column("day", "The day of the sales, 2026-03-02.", parse=day, required=True),
    Column(
        "qty",
        "Units sold, 0 or more (0 with on_hand_close 0 marks a day out of stock).",
        parse=integer,
        required=True,
    ),
    Column(
        "revenue",
        "Takings for these units; empty counts at the style's retail price.",
        parse=amount,
    ),
    Column("on_hand_close", "Units left at closing time, if known.", parse=integer),
)


def _sale(number: int, values: dict[str, object]) -> SaleRow:
    v = with_stand_ins(values, {"qty": 0, "day": EARLIEST_DAY})
    return SaleRow(
        row=number,
        store_code=v["store_code"],
        day=v["day"],
        qty=v["qty"],
        sku_code=v["sku_code"],
        barcode=v["barcode"],
        revenue=v["revenue"],
        on_hand_close=v["on_hand_close"],
    )


async def load(
    session: AsyncSession,
    actor: Actor,
    records: Sequence[Record],
    write: bool,
    source: str,
    progress: Progress,
) -> UpsertCounts:
    """Check and (with `write`) record the rows; a store × SKU × day already there is replaced.

    Rows whose day cannot be read are checked on their own: they cannot be the same store, SKU
    and day as another row (a stand-in day would make up duplicates)."""
    dated = [_sale(n, v) for n, v in records if v["day"] is not UNREADABLE]
    undated = [_sale(n, v) for n, v in records if v["day"] is UNREADABLE]
    progress.phase("checking", None)
    if write:
        progress.phase("writing", len(dated))
    problems: list[RowError] = []
    omitted = 0
    counts = UpsertCounts()
    try:
        counts = await record_sales(
            session,
            actor,
            dated,
            write=write and not undated,
            source=source,
            progress=progress.advance,
        )
    except RowsRejected as rejected:
        problems, omitted = rejected.rows, rejected.omitted
    if undated:
        try:
            await record_sales(session, actor, undated, write=False)
        except RowsRejected as rejected:
            problems += [e for e in rejected.rows if e.code != ErrorCode.DUPLICATE]
            omitted += rejected.omitted
    if problems:
        raise RowsRejected(problems, omitted)
    return counts


def dump(actor: Actor, start: date | None, end: date | None) -> Statement:
    """Sales of the stores the actor sees, by day, store and SKU (optionally within a period)."""
    authorize(actor, Permission.SALES_READ)
    stmt = (
        select(
            Store.code,
            Sku.code,
            Sku.barcode,
            DailySale.day,
            DailySale.qty,
            DailySale.revenue,
            DailySale.on_hand_close,
        )
        .join(Store, Store.id == DailySale.store_id)
        .join(Sku, Sku.id == DailySale.sku_id)
        .order_by(DailySale.day, Store.code, Sku.code)
    )
    if start is not None:
        stmt = stmt.where(DailySale.day >= start)
    if end is not None:
        stmt = stmt.where(DailySale.day <= end)
    return stmt


KIND = Kind(
    name="sales",
    summary="Daily sales per store × SKU × day (re-importing a day replaces it).",
    columns=COLUMNS,
    load=load,
    dump=dump,
    read_permission=Permission.SALES_READ,
    write_permission=Permission.SALES_WRITE,
    dated=True,
    counted="daily sales",
)
