"""Proposals for the browser journeys and the portal benchmark: styles in stock at HQ, drafts
with the engine's kind of reason on every line, sent to the shop's store."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from domain.db import Database
from domain.orders import service
from domain.orders.service import DraftLine
from domain.orders.states import Action
from domain.stores.models import Store
from domain.tenancy.service import tenant_by_slug
from domain.tenancy.session import tenant_session
from tests.e2e.shop import Shop
from tests.factories import make_skus, system


@dataclass(frozen=True)
class Proposal:
    """A sent proposal: its number and what it costs."""

    number: str
    units: int
    cost: Decimal


def engine_reason(index: int) -> dict[str, object]:
    """A reason as the engine writes it (sales, stock, forecast, what stopped more, season)."""
    return {
        "kind": "demand",
        "mean": 6.0 + index % 4,
        "horizon_days": 28,
        "on_hand": 2 + index % 3,
        "sold_recent": 14 + index % 5,
        "sold_days": 28,
        "marginal_value": 12.5,
        "bound": "budget" if index % 2 else "demand",
        "season": {"category": "coats", "peak_month": 12, "index": 1.4},
    }


async def send_proposals(
    db: Database,
    shop: Shop,
    count: int = 2,
    n_styles: int = 2,
    sizes: tuple[str, ...] = ("S", "M", "L"),
    qty: int = 10,
    cost: Decimal = Decimal("400.00"),
) -> list[Proposal]:
    """`count` proposals sent to the shop's store, each with one line per SKU of new styles."""
    tenant = await tenant_by_slug(db, shop.tenant)
    assert tenant is not None
    actor = system(tenant)
    _, skus = await make_skus(
        db,
        tenant,
        n_styles=n_styles,
        sizes=sizes,
        stock=1000,
        category="coats",
        price=cost * 2 + Decimal("99"),
        cost=cost,
    )
    proposals: list[Proposal] = []
    async with tenant_session(db, actor) as session:
        store = await session.scalar(select(Store))
        assert store is not None
        for _ in range(count):
            lines = [DraftLine(sku.id, qty, engine_reason(i)) for i, sku in enumerate(skus)]
            order = await service.create_draft(session, actor, store.id, lines)
            order = await service.apply(session, actor, order.id, Action.SEND)
            proposals.append(Proposal(order.number, order.total_units, order.total_cost))
        await session.commit()
    return proposals
