"""Learning from franchisees' edits: what they keep of each category shifts their next picks.

When a franchisee adjusts a proposal before confirming it, the order's lines keep both numbers:
what they were offered (`proposed_qty`, or `recommended_qty` when the merchandiser sent the
engine's pick unchanged) and what they confirmed (`qty`, with `changed_by = franchisee`). Over a
store's recent confirmed orders, the ratio of units kept to units offered, per category, says
how far the engine over- or under-picks that category for that store. `learned_factors` turns it
into a multiplier on the store's forecast of that category, shrunk towards 1 so that one edit
moves little and many move more, and held within [`FLOOR`, `CAP`] so that no history can zero a
category or double it. Recent orders count more than old ones (`RECENCY`), so a franchisee who
changes their mind is followed within a few months. No table of its own: order lines are the
record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.bulk import chunks
from domain.catalogue.models import Product, Sku
from domain.orders.models import LineSource, Order, OrderLine, OrderStatus
from domain.permissions import Actor, Permission
from domain.stores.access import visible_store

#: Pseudo-units of "kept as offered" added to every store × category: the shrinkage towards 1.
PRIOR_UNITS = 12.0
#: Bounds of a learned factor.
FLOOR = 0.5
CAP = 1.5
#: How much an order's lines count by how long ago it was confirmed: recent edits say more
#: about what the franchisee wants now (a step function, so the database sums it).
RECENCY = ((timedelta(days=90), 1.0), (timedelta(days=180), 0.5), (timedelta(days=365), 0.25))
#: How far back edits are read.
LOOKBACK = RECENCY[-1][0]
#: Orders whose lines say what the franchisee accepted (they confirmed them).
ACCEPTED = (
    OrderStatus.CONFIRMED,
    OrderStatus.PICKING,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)


@dataclass(frozen=True)
class CategoryEdits:
    """What one store was offered and kept of one category, and the factor learned from it."""

    store_id: int
    category: str
    offered: float
    kept: float

    @property
    def factor(self) -> float:
        """Kept over offered, shrunk towards 1 by `PRIOR_UNITS`, within [FLOOR, CAP]."""
        raw = (self.kept + PRIOR_UNITS) / (self.offered + PRIOR_UNITS)
        return min(max(raw, FLOOR), CAP)


@dataclass(frozen=True)
class LearnedFactors:
    """Learned demand multipliers by (store id, category); 1 where nothing was learned."""

    edits: dict[tuple[int, str], CategoryEdits] = field(default_factory=dict)

    def factor(self, store_id: int, category: str) -> float:
        """The multiplier on this store's forecast of this category."""
        found = self.edits.get((store_id, category))
        return 1.0 if found is None else found.factor

    def items(self) -> Iterable[CategoryEdits]:
        """Every store × category with history."""
        return self.edits.values()


async def learned_factors(
    session: AsyncSession, store_ids: Sequence[int], *, now: datetime | None = None
) -> LearnedFactors:
    """What the stores' franchisees kept of each category they were offered, as factors.

    Reads the lines of the stores' orders confirmed in the year before `now` (default: the
    clock's), each order's units weighted by its age (`RECENCY`: full weight for the last
    quarter, half for the quarter before, a quarter for the rest of the year).
    A line the franchisee changed or added counts its confirmed `qty` as kept; any other line
    counts as kept what was offered (a merchandiser's own edit is not the franchisee's
    preference). An added line was offered 0, so adding raises the factor.
    Rejected and expired proposals are not read: they say nothing about categories.
    """
    now = now or clock.now()
    confirmed = func.coalesce(Order.confirmed_at, Order.created_at)
    weight = case(
        *((confirmed >= now - age, factor) for age, factor in RECENCY[:-1]), else_=RECENCY[-1][1]
    )
    offered = func.coalesce(OrderLine.proposed_qty, OrderLine.recommended_qty)
    by_franchisee = (OrderLine.changed_by == LineSource.FRANCHISEE) | (
        OrderLine.source == LineSource.FRANCHISEE
    )
    kept = case((by_franchisee, OrderLine.qty), else_=offered)
    edits: dict[tuple[int, str], CategoryEdits] = {}
    ids = sorted(set(store_ids))
    for chunk in chunks(ids):
        rows = await session.execute(
            select(
                Order.store_id,
                Product.category,
                func.sum(offered * weight),
                func.sum(kept * weight),
            )
            .join(OrderLine, OrderLine.order_id == Order.id)
            .join(Sku, Sku.id == OrderLine.sku_id)
            .join(Product, Product.id == Sku.product_id)
            .where(
                Order.store_id.in_(chunk),
                Order.status.in_(ACCEPTED),
                confirmed >= now - LOOKBACK,
            )
            .group_by(Order.store_id, Product.category)
        )
        for store_id, category, total_offered, total_kept in rows:
            edits[(store_id, category)] = CategoryEdits(
                store_id=store_id,
                category=category,
                offered=float(total_offered or 0),
                kept=float(total_kept or 0),
            )
    return LearnedFactors(edits)


async def store_learned_factors(
    session: AsyncSession, actor: Actor, store_id: int
) -> list[CategoryEdits]:
    """What the engine has learned from one store's edits, by category, most shifted first.

    What a merchandiser (or the franchisee) reads to see why the store's picks lean as they
    do; the actor needs `recommendation:read` over the store.
    """
    await visible_store(session, actor, store_id, Permission.RECOMMENDATION_READ)
    learned = await learned_factors(session, [store_id])
    return sorted(learned.items(), key=lambda edits: (-abs(edits.factor - 1), edits.category))
