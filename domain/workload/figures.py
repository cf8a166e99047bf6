"""Merchandiser workload: how many stores each serves, what is open, and how much revenue they serve,
so that HQ can balance the stores between merchandisers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.catalogue.models import Product, Sku
from domain.orders.models import Order, OrderStatus
from domain.sales.models import DailySale
from domain.stores.models import Store, StoreStatus

WINDOW_DAYS: Final = 28
OPEN_PROPOSAL: Final = (OrderStatus.DRAFT, OrderStatus.PROPOSED, OrderStatus.VIEWED)
CONFIRMED: Final = (
    OrderStatus.CONFIRMED,
    OrderStatus.PICKING,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)


@dataclass(frozen=True)
class Workload:
    """One merchandiser's load over the stores they serve now (figures over the last 28 days)."""

    stores: int = 0
    tier_a_stores: int = 0
    open_proposals: int = 0
    sales_units: int = 0
    sales_revenue: Decimal = Decimal("0.00")
    confirmed_orders: int = 0
    confirmed_value: Decimal = Decimal("0.00")
    window_days: int = WINDOW_DAYS


def sale_amount() -> Any:
    """Takings of a daily sale; a feed that reports none sold at the style's retail price
    (as the sales summaries count it). Needs Sku and Product joined."""
    return func.coalesce(DailySale.revenue, DailySale.qty * Product.retail_price)


def _money(value: object) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _add(figures: dict[int, dict[str, object]], mid: int | None, **values: object) -> None:
    if mid is not None and mid in figures:
        figures[mid].update(values)


async def workloads(session: AsyncSession, merchandiser_ids: Sequence[int]) -> dict[int, Workload]:
    """The workload of each merchandiser, in three queries whatever their number.

    Counted over the stores the session shows (a regional manager's region, HQ's tenant);
    closed stores do not count.
    """
    ids = sorted(set(merchandiser_ids))
    figures: dict[int, dict[str, object]] = {i: {} for i in ids}
    if not ids:
        return {}
    mine = Store.merchandiser_id.in_(ids) & (Store.status != StoreStatus.CLOSED)
    stores = await session.execute(
        select(
            Store.merchandiser_id,
            func.count(Store.id),
            func.count(Store.id).filter(Store.tier == "A"),
        )
        .where(mine)
        .group_by(Store.merchandiser_id)
    )
    for mid, count, tier_a in stores:
        _add(figures, mid, stores=count, tier_a_stores=tier_a)
    since = clock.now() - timedelta(days=WINDOW_DAYS)
    orders = await session.execute(
        select(
            Store.merchandiser_id,
            func.count(Order.id).filter(Order.status.in_(OPEN_PROPOSAL)),
            func.count(Order.id).filter(Order.status.in_(CONFIRMED), Order.confirmed_at >= since),
            func.sum(Order.total_cost).filter(
                Order.status.in_(CONFIRMED), Order.confirmed_at >= since
            ),
        )
        .join(Store, Store.id == Order.store_id)
        .where(mine)
        .group_by(Store.merchandiser_id)
    )
    for mid, open_count, confirmed, value in orders:
        _add(
            figures,
            mid,
            open_proposals=open_count,
            confirmed_orders=confirmed,
            confirmed_value=_money(value),
        )
    first_day = (clock.now() - timedelta(days=WINDOW_DAYS - 1)).date()
    sales = await session.execute(
        select(Store.merchandiser_id, func.sum(DailySale.qty), func.sum(sale_amount()))
        .join(Store, Store.id == DailySale.store_id)
        .join(Sku, Sku.id == DailySale.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(mine, DailySale.day >= first_day)
        .group_by(Store.merchandiser_id)
    )
    for mid, units, revenue in sales:
        _add(figures, mid, sales_units=int(units or 0), sales_revenue=_money(revenue))
    return {mid: Workload(**values) for mid, values in figures.items()}  # type: ignore[arg-type]
