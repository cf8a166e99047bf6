"""Policy test support: proposals a franchisee adjusts and confirms, as the order services do it."""

from __future__ import annotations

from domain.catalogue.models import Sku
from domain.db import Database
from domain.orders.models import OrderStatus
from domain.orders.states import Action
from domain.stores.models import Store
from tests.domain.orders.factories import act, adjust, cast, order_in
from tests.factories import World


async def confirmed_with_cuts(
    db: Database, world: World, store: Store, offered: dict[Sku, int], kept: dict[Sku, int]
) -> None:
    """A proposal of `offered` that the franchisee adjusts to `kept` and confirms."""
    order = await order_in(db, world, store, OrderStatus.PROPOSED, list(offered.items()))
    franchisee = cast(world, store).franchisee
    order = await adjust(db, franchisee, order, kept)
    await act(db, franchisee, order, Action.CONFIRM)
