"""When a store changes merchandiser, its orders in flight follow (a handler of a store event)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.events import handles
from domain.orders.models import Order, OrderStatus
from domain.stores.events import MerchandiserAssigned


@handles(MerchandiserAssigned)
async def hand_over_open_orders(session: AsyncSession, event: MerchandiserAssigned) -> int:
    """Give the store's orders in flight to its new merchandiser; how many there were."""
    in_flight = (
        OrderStatus.DRAFT,
        OrderStatus.PROPOSED,
        OrderStatus.VIEWED,
        OrderStatus.CONFIRMED,
        OrderStatus.PICKING,
        OrderStatus.SHIPPED,
    )
    result = await session.execute(
        update(Order)
        .where(Order.store_id == event.store_id, Order.status.in_(in_flight))
        .values(merchandiser_id=event.merchandiser_id)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)
