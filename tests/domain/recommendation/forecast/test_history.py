"""Loading the sales history from the database: rows, censored days, stores and SKUs."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from domain.db import Database
from domain.recommendation.forecast import forecast, load_history
from domain.sales.models import DailySale
from domain.stores.models import StoreStatus
from domain.tenancy.session import tenant_session
from tests.factories import World, make_skus, system

END = date(2026, 11, 23)


async def _sell(db: Database, world: World) -> None:
    a, b = world.stores[0], world.stores[1]
    async with tenant_session(db, system(world.tenant)) as session:
        for back in range(1, 29):
            day = END - timedelta(days=back)
            session.add(DailySale(store_id=a.id, sku_id=world.skus[0].id, day=day, qty=2))
        # Store b was out of the second SKU for a week: censored, not zero demand.
        for back in range(1, 8):
            day = END - timedelta(days=back)
            session.add(
                DailySale(store_id=b.id, sku_id=world.skus[1].id, day=day, qty=0, on_hand_close=0)
            )
        session.add(DailySale(store_id=b.id, sku_id=world.skus[1].id, day=END, qty=9))  # too late
        session.add(
            DailySale(store_id=b.id, sku_id=world.skus[1].id, day=END - timedelta(days=30), qty=1)
        )
        await session.commit()


async def test_load_history_reads_rows_censored_days_and_catalogue(
    db: Database, world: World
) -> None:
    await _sell(db, world)
    async with tenant_session(db, system(world.tenant)) as session:
        history = await load_history(session, store_ids=None, end=END, days=60)
    assert history.first == END - timedelta(days=60)
    assert sorted(history.store_ids.tolist()) == sorted(s.id for s in world.stores)
    assert sorted(history.sku_ids.tolist()) == sorted(s.id for s in world.skus)
    assert (np.diff(history.sku_style) >= 0).all()
    assert history.categories == ("knitwear",)
    assert history.row_qty.sum() == 2 * 28 + 1
    assert history.row_censored.sum() == 7
    assert history.row_day.max() == 59
    a = int(np.flatnonzero(history.store_ids == world.stores[0].id)[0])
    sku = int(np.flatnonzero(history.sku_ids == world.skus[0].id)[0])
    result = forecast(history, horizon_days=28)
    assert result.mean[a, sku] > result.mean[a].sum() / 2  # the SKU it sells most


async def test_load_history_keeps_the_given_stores_and_the_visible_ones(
    db: Database, world: World
) -> None:
    await _sell(db, world)
    first = world.stores[0]
    async with tenant_session(db, system(world.tenant)) as session:
        history = await load_history(session, store_ids=[first.id], end=END, days=60)
    assert history.store_ids.tolist() == [first.id]
    assert history.row_qty.sum() == 56
    # A regional manager sees only the stores of their region.
    manager = world.managers[1]
    async with tenant_session(db, manager.actor) as session:
        history = await load_history(session, store_ids=None, end=END, days=60)
    assert set(history.store_ids.tolist()) == {
        s.id for s in world.stores if s.region_id == world.regions[1].id
    }
    assert history.row_qty.sum() == 0


async def test_load_history_skips_closed_stores_and_inactive_skus(
    db: Database, world: World
) -> None:
    _, extra = await make_skus(db, world.tenant, n_styles=1, category="coats")
    async with tenant_session(db, system(world.tenant)) as session:
        store = await session.get(type(world.stores[0]), world.stores[0].id)
        assert store is not None
        store.status = StoreStatus.CLOSED
        sku = await session.get(type(extra[0]), extra[0].id)
        assert sku is not None
        sku.is_active = False
        await session.commit()
        history = await load_history(session, store_ids=None, end=END)
    assert world.stores[0].id not in history.store_ids.tolist()
    assert extra[0].id not in history.sku_ids.tolist()
    assert extra[1].id in history.sku_ids.tolist()
    assert history.categories == ("coats", "knitwear")
    assert history.days == 730
