"""The sales history the forecast learns from, as flat numpy arrays.

Store × SKU daily sales are sparse (most cells sell nothing on most days), so the history keeps
only the rows the feed recorded, as parallel arrays, plus what the model needs to pool across
stores and SKUs: each store's region, tier, floor area and opening day, each SKU's style and each
style's category and launch day. SKUs are ordered by style, so per-style sums are one
`np.add.reduceat` away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import BigInteger, ColumnElement, Integer, String, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.models import Product, Sku
from domain.sales.models import DailySale
from domain.stores.models import Store, StoreStatus, Tier

TIER_INDEX = {Tier.A: 0, Tier.B: 1, Tier.C: 2}
NOT_OPENED = np.iinfo(np.int32).min  # opening day unknown: open since before the history
#: Days of sales the forecast reads: two years, so that last year's season is there to learn.
HISTORY_DAYS = 730


@dataclass
class History:
    """Daily sales of S stores × K SKUs over the `days` days before `end`.

    Day index t is the date `end - days + t`; rows are the recorded (store, SKU, day) cells.
    A row with `censored` set is a day the SKU was out of stock with no sale: demand that day
    is unknown, not zero.
    """

    end: date  # the day after the last day of history
    days: int
    store_ids: NDArray[np.int64]  # S
    store_region: NDArray[np.int64]  # S: index into region_ids
    region_ids: NDArray[np.int64]  # R
    store_province: NDArray[np.int64]  # S: index of the store's province (within the tenant)
    store_tier: NDArray[np.int64]  # S: 0 = A, 1 = B, 2 = C
    store_area: NDArray[np.float64]  # S: floor area, m²
    store_open: NDArray[np.int64]  # S: day index the store opened (negative: before the history)
    sku_ids: NDArray[np.int64]  # K, ordered by style
    sku_style: NDArray[np.int64]  # K: index into style_ids (non-decreasing)
    style_ids: NDArray[np.int64]  # P: product ids
    style_category: NDArray[np.int64]  # P: index into categories
    style_launch: NDArray[np.int64]  # P: day index of launch (negative: before the history)
    categories: tuple[str, ...]  # C
    row_store: NDArray[np.int32]  # N: index into store_ids
    row_sku: NDArray[np.int32]  # N: index into sku_ids
    row_day: NDArray[np.int32]  # N: day index
    row_qty: NDArray[np.int32]  # N
    row_censored: NDArray[np.bool_]  # N: out of stock all day, nothing sold

    @property
    def first(self) -> date:
        """The first day of the history."""
        return self.end - timedelta(days=self.days)

    def before(self, cutoff: date) -> History:
        """The same history ending the day before `cutoff` (a backtest's training data)."""
        drop = (self.end - cutoff).days
        if drop < 0 or drop >= self.days:
            raise ValueError(f"cutoff {cutoff} is outside the history")
        keep = self.row_day < self.days - drop
        return replace(
            self,
            end=cutoff,
            days=self.days - drop,
            row_store=self.row_store[keep],
            row_sku=self.row_sku[keep],
            row_day=self.row_day[keep],
            row_qty=self.row_qty[keep],
            row_censored=self.row_censored[keep],
        )


async def load_history(
    session: AsyncSession, *, store_ids: Sequence[int] | None, end: date, days: int = HISTORY_DAYS
) -> History:
    """Daily sales of `store_ids` (None: every active store the session sees) for every active
    SKU over the `days` days before `end`, with the store and catalogue facts the forecast pools
    on. Tenancy and store visibility come from the session."""
    if days < 1:
        raise ValueError("days must be at least 1")
    first = end - timedelta(days=days)
    store_query = select(
        Store.id, Store.region_id, Store.tier, Store.floor_area, Store.opened_on, Store.province
    ).order_by(Store.id)
    if store_ids is None:
        store_query = store_query.where(Store.status == StoreStatus.ACTIVE)
    else:
        store_query = store_query.where(Store.id.in_(list(store_ids)))
    stores = (await session.execute(store_query)).all()
    sku_rows = (
        await session.execute(
            select(Sku.id, Product.id, Product.category, Product.launched_on)
            .join(Product, Sku.product_id == Product.id)
            .where(Sku.is_active.is_(True), Product.is_active.is_(True))
            .order_by(Product.id, Sku.id)
        )
    ).all()

    store_id_arr = np.array([r[0] for r in stores], dtype=np.int64)
    region_ids, store_region = np.unique(
        np.array([r[1] for r in stores], dtype=np.int64), return_inverse=True
    )
    sku_id_arr = np.array([r[0] for r in sku_rows], dtype=np.int64)
    style_ids, sku_style = np.unique(
        np.array([r[1] for r in sku_rows], dtype=np.int64), return_inverse=True
    )
    style_first = np.searchsorted(sku_style, np.arange(style_ids.size))
    categories = tuple(sorted({str(r[2]) for r in sku_rows}))
    category_index = {c: i for i, c in enumerate(categories)}

    def index_of(day: date | None) -> int:
        return int(NOT_OPENED) if day is None else (day - first).days

    history = History(
        end=end,
        days=days,
        store_ids=store_id_arr,
        store_region=store_region.astype(np.int64),
        region_ids=region_ids,
        store_province=np.unique([str(r[5]) for r in stores], return_inverse=True)[1].astype(
            np.int64
        ),
        store_tier=np.array([TIER_INDEX[Tier(r[2])] for r in stores], dtype=np.int64),
        store_area=np.array([float(r[3]) for r in stores], dtype=np.float64),
        store_open=np.array([index_of(r[4]) for r in stores], dtype=np.int64),
        sku_ids=sku_id_arr,
        sku_style=sku_style.astype(np.int64),
        style_ids=style_ids,
        style_category=np.array(
            [category_index[str(sku_rows[i][2])] for i in style_first], dtype=np.int64
        ),
        style_launch=np.array([index_of(sku_rows[i][3]) for i in style_first], dtype=np.int64),
        categories=categories,
        row_store=np.zeros(0, dtype=np.int32),
        row_sku=np.zeros(0, dtype=np.int32),
        row_day=np.zeros(0, dtype=np.int32),
        row_qty=np.zeros(0, dtype=np.int32),
        row_censored=np.zeros(0, dtype=bool),
    )
    if store_id_arr.size and sku_id_arr.size:
        await _load_rows(session, history, first, end)
    return history


DAY_BITS = 12  # a row's day index is packed into the low bits of its SKU id (days < 4096)


def _day_index(session: AsyncSession, first: date) -> ColumnElement[int]:
    """Days since `first` of a sale's day, computed by the database."""
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.julianday(DailySale.day) - func.julianday(first.isoformat()), Integer)
    return cast(DailySale.day - first, Integer)


async def _load_rows(session: AsyncSession, history: History, first: date, end: date) -> None:
    """Fill the history's rows from daily_sales (only the stores and SKUs it knows).

    Millions of rows cost seconds each way as Python tuples; one text row per store, its
    sales packed as "sku·day:qty·censored" items, is read several times faster (and parsed by
    numpy), through the same tenant-bound ORM query as any other.
    """
    if history.days >= 1 << DAY_BITS:
        raise ValueError(f"at most {(1 << DAY_BITS) - 1} days of history")
    censored = case(((DailySale.qty == 0) & (DailySale.on_hand_close == 0), 1), else_=0)
    key = cast(DailySale.sku_id, BigInteger) * (1 << DAY_BITS) + _day_index(session, first)
    item = cast(key, String) + ":" + cast(DailySale.qty * 2 + censored, String)
    query = (
        select(DailySale.store_id, func.aggregate_strings(item, ","))
        .where(DailySale.day >= first, DailySale.day < end)
        .group_by(DailySale.store_id)
    )
    if history.store_ids.size < 500:  # a long IN list costs more than filtering afterwards
        query = query.where(DailySale.store_id.in_(history.store_ids.tolist()))
    parts_store, parts_key, parts_value = [], [], []
    for store_id, text in (await session.execute(query)).all():
        pairs = np.array(text.replace(":", ",").split(","), dtype=np.int64).reshape(-1, 2)
        parts_store.append(np.full(pairs.shape[0], store_id, dtype=np.int64))
        parts_key.append(pairs[:, 0])
        parts_value.append(pairs[:, 1])
    if not parts_store:
        return
    keys, values = np.concatenate(parts_key), np.concatenate(parts_value)
    store_pos = positions(history.store_ids, np.concatenate(parts_store))
    sku_pos = positions(history.sku_ids, keys >> DAY_BITS)
    keep = (store_pos >= 0) & (sku_pos >= 0)
    history.row_store = store_pos[keep].astype(np.int32)
    history.row_sku = sku_pos[keep].astype(np.int32)
    history.row_day = (keys[keep] & ((1 << DAY_BITS) - 1)).astype(np.int32)
    history.row_qty = (values[keep] >> 1).astype(np.int32)
    history.row_censored = (values[keep] & 1).astype(bool)


def positions(ids: NDArray[np.int64], values: NDArray[np.int64]) -> NDArray[np.int64]:
    """Position of each value in the ids (sorted or not), -1 where absent."""
    if ids.size == 0:
        return np.full(values.size, -1, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    at = np.clip(np.searchsorted(sorted_ids, values), 0, ids.size - 1)
    found = sorted_ids[at] == values
    return np.where(found, order[at], -1)
