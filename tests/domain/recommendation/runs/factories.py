"""Runs test support: a small world with sales history, store stock and scarce HQ stock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import func, insert, select, update

from domain import clock
from domain.db import Database
from domain.orders.models import Order, OrderLine, OrderStatus
from domain.permissions import Actor
from domain.recommendation.runs.execute import execute_run
from domain.recommendation.runs.models import RecommendationRun
from domain.recommendation.runs.service import RunRequest, request_run
from domain.sales.models import DailySale
from domain.stock.models import StoreInventory, WarehouseStock
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.factories import World, system


async def give_history(
    db: Database,
    world: World,
    days: int = 84,
    seed: int = 7,
    on_hand: int = 1,
    hq_stock: int | None = None,
) -> None:
    """Daily sales of every store × SKU up to yesterday (Poisson, a rate per pair), `on_hand`
    units of each SKU in every store, and (when given) `hq_stock` units of each SKU at HQ."""
    rng = np.random.default_rng(seed)
    tz = ZoneInfo(world.tenant.time_zone)
    today = clock.now().astimezone(tz).date()
    rows = []
    inventory = []
    for store in world.stores:
        for sku in world.skus:
            rate = rng.uniform(0.3, 1.0)
            for back in range(1, days + 1):
                rows.append(
                    {
                        "tenant_id": world.tenant.id,
                        "store_id": store.id,
                        "sku_id": sku.id,
                        "day": today - timedelta(days=back),
                        "qty": int(rng.poisson(rate)),
                        "on_hand_close": 5,
                    }
                )
            inventory.append(
                {
                    "tenant_id": world.tenant.id,
                    "store_id": store.id,
                    "sku_id": sku.id,
                    "on_hand": on_hand,
                }
            )
    async with tenant_session(db, system(world.tenant)) as session:
        await session.execute(insert(DailySale), rows)
        await session.execute(insert(StoreInventory), inventory)
        if hq_stock is not None:
            await session.execute(update(WarehouseStock).values(on_hand=hq_stock))
        await session.commit()


async def set_policy(db: Database, world: World, **allocation: object) -> None:
    """Change the tenant's allocation policy (holdout fraction, nightly schedule...)."""
    async with db.session() as session:
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        policies = tenant.policies
        tenant.policies = policies.model_copy(
            update={"allocation": policies.allocation.model_copy(update=allocation)}
        )
        await session.commit()


async def ask(db: Database, actor: Actor, request: RunRequest | None = None) -> RecommendationRun:
    """Ask for a run as `actor` and commit (the job waits in the outbox)."""
    async with tenant_session(db, actor) as session:
        run = await request_run(session, actor, request or RunRequest())
        await session.commit()
        return run


async def run_now(
    db: Database, world: World, run_id: int, batch_stores: int | None = None
) -> RecommendationRun:
    """Execute a run in this process, as the job does (system actor)."""
    async with tenant_session(db, system(world.tenant)) as session:
        return await execute_run(session, run_id, batch_stores=batch_stores)


async def run_orders(db: Database, world: World, run_id: int) -> list[Order]:
    """The orders of a run, with their lines, by store."""
    from sqlalchemy.orm import selectinload

    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(Order)
            .where(Order.run_id == run_id)
            .options(selectinload(Order.lines))
            .order_by(Order.store_id)
        )
        return list(rows)


async def store_drafts(db: Database, world: World, store_ids: Sequence[int]) -> dict[int, int]:
    """How many engine drafts each store has (every run together)."""
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.execute(
            select(Order.store_id, func.count())
            .where(
                Order.store_id.in_(list(store_ids)),
                Order.status == OrderStatus.DRAFT,
                Order.run_id.is_not(None),
            )
            .group_by(Order.store_id)
        )
        found = dict(rows.all())
    return {s: int(found.get(s, 0)) for s in store_ids}


async def proposed_units(db: Database, world: World, run_id: int) -> dict[int, int]:
    """Units of each SKU the run proposes, every store together."""
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.execute(
            select(OrderLine.sku_id, func.sum(OrderLine.qty))
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.run_id == run_id)
            .group_by(OrderLine.sku_id)
        )
        return {int(k): int(v or 0) for k, v in rows.all()}


async def free_stock(db: Database, world: World) -> dict[int, int]:
    """HQ units free to promise per SKU (on hand − reserved)."""
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.execute(
            select(
                WarehouseStock.sku_id, func.sum(WarehouseStock.on_hand - WarehouseStock.reserved)
            ).group_by(WarehouseStock.sku_id)
        )
        return {int(k): int(v or 0) for k, v in rows.all()}
