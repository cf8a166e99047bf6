"""Daily sales: recorded in bulk from POS feeds and files (idempotent per store × SKU × day),
and summarised per store by day, week, month, category or product."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.bulk import UpsertCounts, chunks
from domain.bulk.rows import RowErrors
from domain.bulk.upsert import bulk_upsert
from domain.catalogue.lookup import find_skus, pick_sku
from domain.catalogue.models import Product, Sku
from domain.catalogue.service import amount_problem
from domain.db import Money
from domain.db.binding import session_tenant
from domain.errors import Collector, ErrorCode
from domain.permissions import Actor, Permission, authorize, can
from domain.sales.models import DailySale
from domain.stock.service import find_stores
from domain.stores.access import visible_store

MAX_UNITS = 1_000_000
EARLIEST_DAY = date(2000, 1, 1)
MAX_SUMMARY_DAYS = 1096
_COLUMNS = ("tenant_id", "store_id", "sku_id", "day", "qty", "revenue", "on_hand_close")


@dataclass(frozen=True, slots=True)
class SaleRow:
    """Units one store sold of one SKU on one day (`row` locates the row in errors)."""

    row: int
    store_code: str | None
    day: date
    qty: int
    sku_code: str | None = None
    barcode: str | None = None
    revenue: Decimal | None = None
    on_hand_close: int | None = None


def _latest_day() -> date:
    # A store a timezone ahead of UTC may already be trading tomorrow.
    return (clock.now() + timedelta(days=1)).date()


def _check_values(errors: RowErrors, r: SaleRow, latest: date) -> bool:
    ok = True
    if r.day > latest:
        errors.add(r.row, "day", f"{r.day.isoformat()} is in the future")
        ok = False
    elif r.day < EARLIEST_DAY:
        errors.add(r.row, "day", f"{r.day.isoformat()} is too long ago")
        ok = False
    if not 0 <= r.qty <= MAX_UNITS:
        errors.add(r.row, "qty", "qty must be between 0 and 1000000")
        ok = False
    if r.revenue is not None and (problem := amount_problem(r.revenue)):
        errors.add(r.row, "revenue", f"revenue {problem}")
        ok = False
    if r.on_hand_close is not None and not 0 <= r.on_hand_close <= MAX_UNITS:
        errors.add(r.row, "on_hand_close", "on hand at close must be between 0 and 1000000")
        ok = False
    return ok


async def record_sales(
    session: AsyncSession,
    actor: Actor,
    rows: Sequence[SaleRow],
    write: bool = True,
    source: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> UpsertCounts:
    """Record daily sales; a row for a store × SKU × day already recorded replaces it.

    So a POS feed sent twice counts once. The whole batch is checked first (stores and SKUs
    resolved with one query per few thousand codes) and raises RowsRejected with every bad
    row; nothing is written then. With `write=False` only checks. Audited as one entry.
    """
    authorize(actor, Permission.SALES_WRITE)
    stores, _ = await find_stores(session, {r.store_code for r in rows if r.store_code})
    skus = await find_skus(
        session, {r.sku_code for r in rows if r.sku_code}, {r.barcode for r in rows if r.barcode}
    )
    allowed = {s.id: can(actor, Permission.SALES_WRITE, s) for s in stores.values()}
    errors = RowErrors()
    latest = _latest_day()
    keys: dict[tuple[int, int, date], SaleRow] = {}
    for r in rows:
        store = stores.get(r.store_code) if r.store_code else None
        if not r.store_code:
            errors.add(r.row, "store_code", "store code is required", ErrorCode.REQUIRED)
        elif store is None:
            errors.add(r.row, "store_code", f"store {r.store_code} not found", ErrorCode.NOT_FOUND)
        elif not allowed[store.id]:
            errors.add(
                r.row,
                "store_code",
                f"not allowed to record sales of store {store.code}",
                ErrorCode.FORBIDDEN,
            )
            store = None
        sku, problem = pick_sku(skus, r.sku_code, r.barcode)
        if problem is not None:
            errors.add(r.row, problem.field, problem.message, problem.code)
        if not _check_values(errors, r, latest) or store is None or sku is None:
            continue
        key = (store.id, sku.id, r.day)
        if key in keys:
            errors.add(
                r.row, "day", f"same store, SKU and day as row {keys[key].row}", ErrorCode.DUPLICATE
            )
            continue
        keys[key] = r
    errors.raise_if_any()
    existing = await _existing_keys(session, keys)
    counts = UpsertCounts(created=len(keys) - existing, updated=existing)
    if not write:
        return counts
    tenant = session_tenant(session)
    await bulk_upsert(
        session,
        DailySale.__table__,  # type: ignore[arg-type]
        _COLUMNS,
        (
            (tenant, st, sk, day, r.qty, r.revenue, r.on_hand_close)
            for (st, sk, day), r in keys.items()
        ),
        key=("store_id", "sku_id", "day"),
        update=("qty", "revenue", "on_hand_close"),
        progress=progress,
    )
    after: dict[str, Any] = {"created": counts.created, "updated": counts.updated}
    if keys:
        days = [d for _, _, d in keys]
        after.update({"from": min(days), "to": max(days), "stores": len({s for s, _, _ in keys})})
    if source:
        after["source"] = source
    await record(session, "daily_sales.record", "daily_sales", None, None, after)
    return counts


async def _existing_keys(session: AsyncSession, keys: dict[tuple[int, int, date], SaleRow]) -> int:
    """How many of `keys` already have a row (one range query per few thousand stores)."""
    if not keys:
        return 0
    days = [d for _, _, d in keys]
    first, last = min(days), max(days)
    found = 0
    for batch in chunks({s for s, _, _ in keys}):
        stmt = select(DailySale.store_id, DailySale.sku_id, DailySale.day).where(
            DailySale.store_id.in_(batch), DailySale.day.between(first, last)
        )
        found += sum(1 for row in await session.execute(stmt) if tuple(row) in keys)
    return found


class SalesGrouping(StrEnum):
    """How a sales summary is broken down."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    CATEGORY = "category"
    PRODUCT = "product"


@dataclass(frozen=True)
class SalesBucket:
    """Units and revenue of one day, week, month, category or product."""

    key: str
    label: str
    units: int
    revenue: Decimal
    start: date | None = None
    end: date | None = None
    product_id: int | None = None


@dataclass(frozen=True)
class SalesSummary:
    """A store's (or every visible store's) sales over a period, broken down and totalled."""

    store_id: int | None
    start: date
    end: date
    group_by: SalesGrouping
    buckets: list[SalesBucket]
    units: int
    revenue: Decimal


def _revenue() -> Any:
    # A feed that reports no revenue sold at the style's retail price.
    amount = func.coalesce(DailySale.revenue, DailySale.qty * Product.retail_price)
    return type_coerce(func.coalesce(func.sum(amount), 0), Money())


def _period(day: date, grouping: SalesGrouping) -> tuple[str, date, date]:
    if grouping == SalesGrouping.DAY:
        return day.isoformat(), day, day
    if grouping == SalesGrouping.WEEK:
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}", monday, monday + timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return f"{day.year}-{day.month:02d}", day.replace(day=1), day.replace(day=last)


async def sales_summary(
    session: AsyncSession,
    actor: Actor,
    store_id: int | None,
    start: date,
    end: date,
    group_by: SalesGrouping,
) -> SalesSummary:
    """Units and revenue per period (every period of the range, zeros included) or per
    category/product (those sold, best first), with totals; revenue missing from the feed
    counts at the style's retail price. Without a store: every store the actor can see."""
    errors = Collector()
    if end < start:
        errors.add("to", "the end is before the start")
    elif (end - start).days >= MAX_SUMMARY_DAYS:
        errors.add("to", f"at most {MAX_SUMMARY_DAYS} days at once")
    errors.raise_if_any()
    if store_id is not None:
        await visible_store(session, actor, store_id, Permission.SALES_READ)
    else:
        authorize(actor, Permission.SALES_READ)
    base = (
        select()
        .select_from(DailySale)
        .join(Sku, Sku.id == DailySale.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(DailySale.day.between(start, end))
    )
    if store_id is not None:
        base = base.where(DailySale.store_id == store_id)
    units = func.coalesce(func.sum(DailySale.qty), 0)
    if group_by in (SalesGrouping.CATEGORY, SalesGrouping.PRODUCT):
        buckets = await _by_catalogue(session, base, units, group_by)
    else:
        rows = await session.execute(
            base.add_columns(DailySale.day, units, _revenue()).group_by(DailySale.day)
        )
        buckets = _by_period([(d, u, r) for d, u, r in rows], start, end, group_by)
    return SalesSummary(
        store_id=store_id,
        start=start,
        end=end,
        group_by=group_by,
        buckets=buckets,
        units=sum(b.units for b in buckets),
        revenue=sum((b.revenue for b in buckets), Decimal("0.00")),
    )


def _by_period(
    rows: list[tuple[date, int, Decimal]], start: date, end: date, grouping: SalesGrouping
) -> list[SalesBucket]:
    totals: dict[str, list[Any]] = {}
    day = start
    while day <= end:
        key, first, last = _period(day, grouping)
        totals.setdefault(key, [first, last, 0, Decimal("0.00")])
        day += timedelta(days=1)
    for sold_on, units, revenue in rows:
        bucket = totals[_period(sold_on, grouping)[0]]
        bucket[2] += int(units)
        bucket[3] += revenue
    return [
        SalesBucket(key=k, label=k, start=v[0], end=v[1], units=v[2], revenue=v[3])
        for k, v in totals.items()
    ]


async def _by_catalogue(
    session: AsyncSession, base: Any, units: Any, grouping: SalesGrouping
) -> list[SalesBucket]:
    revenue = _revenue()
    buckets: list[SalesBucket] = []
    if grouping == SalesGrouping.CATEGORY:
        stmt = base.add_columns(Product.category, units, revenue).group_by(Product.category)
        for category, u, r in await session.execute(stmt):
            buckets.append(SalesBucket(key=category, label=category, units=int(u), revenue=r))
    else:
        stmt = base.add_columns(Product.id, Product.code, Product.name, units, revenue).group_by(
            Product.id, Product.code, Product.name
        )
        for pid, code, name, u, r in await session.execute(stmt):
            buckets.append(
                SalesBucket(
                    key=code, label=f"{code} {name}", product_id=pid, units=int(u), revenue=r
                )
            )
    return sorted(buckets, key=lambda b: (-b.revenue, -b.units, b.key))
