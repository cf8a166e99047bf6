"""What a run knows of the network before it forecasts: stores, SKUs, HQ stock, store stock.

Read in a handful of set-based queries (never row by row), into arrays aligned with the
store and SKU lists, so that building the allocation problem is array work:

- HQ stock offered = on hand − reserved (stock promised to confirmed orders is not offered
  again) − units on open proposals of stores *outside* the run's scope (earmarked for them;
  the stores inside are re-planned by this run);
- store stock = what the store holds (StoreInventory) + what is already on its way to it
  (confirmed, picking or shipped orders), so goods in transit are not sent twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.catalogue.models import Product, Sku
from domain.orders.models import Order, OrderLine, OrderStatus
from domain.recommendation.forecast.history import positions
from domain.stock.models import StoreInventory, WarehouseStock
from domain.stores.models import Store, StoreStatus

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: Orders whose goods are on their way to the store (stock already reserved or shipped).
INBOUND = (OrderStatus.CONFIRMED, OrderStatus.PICKING, OrderStatus.SHIPPED)
#: Proposals still open: their units are earmarked for their store until answered.
OPEN = (OrderStatus.DRAFT, OrderStatus.PROPOSED, OrderStatus.VIEWED)


@dataclass(eq=False)
class Network:
    """The stores of a run and the orderable SKUs, with stock aligned to them.

    `on_hand[i, k]` is store i's stock of SKU k including inbound goods; `inbound[i, k]` the
    inbound part; `hq_stock[k]` what HQ can offer this run.
    """

    stores: list[Store]
    skus: list[Sku]
    unit_cost: FloatArray
    retail_price: FloatArray
    pack_size: IntArray
    hq_stock: IntArray
    on_hand: IntArray
    inbound: IntArray

    @property
    def store_ids(self) -> IntArray:
        """Store database ids, in store order."""
        return np.array([s.id for s in self.stores], dtype=np.int64)

    @property
    def sku_ids(self) -> IntArray:
        """SKU database ids, in SKU order."""
        return np.array([k.id for k in self.skus], dtype=np.int64)


async def scope_stores(
    session: AsyncSession, region_ids: Sequence[int], store_ids: Sequence[int]
) -> list[Store]:
    """The active stores of a scope (both empty: every active store the session sees), by id."""
    stmt = select(Store).where(Store.status == StoreStatus.ACTIVE).order_by(Store.id)
    if region_ids:
        stmt = stmt.where(Store.region_id.in_(list(region_ids)))
    if store_ids:
        stmt = stmt.where(Store.id.in_(list(store_ids)))
    return list(await session.scalars(stmt))


async def load_network(session: AsyncSession, stores: Sequence[Store]) -> Network:
    """Stores, orderable SKUs and every stock figure a run needs (see the module docstring)."""
    skus = list(
        await session.scalars(
            select(Sku)
            .join(Product, Product.id == Sku.product_id)
            .where(Sku.is_active, Product.is_active)
            .options(selectinload(Sku.product))
            .order_by(Sku.id)
        )
    )
    store_ids = np.array([s.id for s in stores], np.int64)
    sku_ids = np.array([k.id for k in skus], np.int64)
    in_scope = store_ids.tolist()
    rows = await session.execute(
        select(StoreInventory.store_id, StoreInventory.sku_id, StoreInventory.on_hand).where(
            StoreInventory.store_id.in_(in_scope), StoreInventory.on_hand > 0
        )
    )
    on_hand = _matrix(rows.all(), store_ids, sku_ids)
    rows = await session.execute(
        select(Order.store_id, OrderLine.sku_id, func.sum(OrderLine.qty))
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.status.in_(INBOUND), Order.store_id.in_(in_scope), OrderLine.qty > 0)
        .group_by(Order.store_id, OrderLine.sku_id)
    )
    inbound = _matrix(rows.all(), store_ids, sku_ids)
    sku_index = {int(k): j for j, k in enumerate(sku_ids)}
    hq = await _hq_offer(session, in_scope, sku_index)
    return Network(
        stores=list(stores),
        skus=skus,
        unit_cost=np.array([float(k.product.unit_cost) for k in skus], np.float64),
        retail_price=np.array([float(k.product.retail_price) for k in skus], np.float64),
        pack_size=np.array([k.pack_size for k in skus], np.int64),
        hq_stock=hq,
        on_hand=on_hand + inbound,
        inbound=inbound,
    )


async def _hq_offer(
    session: AsyncSession, in_scope: list[int], sku_index: dict[int, int]
) -> IntArray:
    """Per SKU: on hand − reserved at HQ, less the open proposals of stores outside the scope."""
    offer = np.zeros(len(sku_index), np.int64)
    rows = await session.execute(
        select(
            WarehouseStock.sku_id, func.sum(WarehouseStock.on_hand - WarehouseStock.reserved)
        ).group_by(WarehouseStock.sku_id)
    )
    for sku_id, free in rows.all():
        if sku_id in sku_index:
            offer[sku_index[sku_id]] += int(free or 0)
    earmarked = await session.execute(
        select(OrderLine.sku_id, func.sum(OrderLine.qty))
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.status.in_(OPEN), Order.store_id.not_in(in_scope), OrderLine.qty > 0)
        .group_by(OrderLine.sku_id)
        .execution_options(all_stores=True)
    )
    for sku_id, units in earmarked.all():
        if sku_id in sku_index:
            offer[sku_index[sku_id]] -= int(units or 0)
    return np.maximum(offer, 0)


def _matrix(rows: Sequence[Any], store_ids: IntArray, sku_ids: IntArray) -> IntArray:
    """(store id, SKU id, units) rows as a (store, SKU) matrix in the given id orders.

    Vectorised (a demo-sized network has millions of inventory rows): ids are found by binary
    search in the sorted id arrays; rows of other stores or SKUs are dropped.
    """
    matrix = np.zeros((store_ids.size, sku_ids.size), np.int64)
    if not rows or not store_ids.size or not sku_ids.size:
        return matrix
    # Iterating the rows flat is fast; numpy indexing each Row object is not.
    flat = itertools.chain.from_iterable(rows)
    table = np.fromiter(flat, dtype=np.int64, count=3 * len(rows)).reshape(-1, 3)
    s = positions(store_ids, table[:, 0])
    k = positions(sku_ids, table[:, 1])
    known = (s >= 0) & (k >= 0)
    np.add.at(matrix, (s[known], k[known]), table[known, 2])
    return matrix
