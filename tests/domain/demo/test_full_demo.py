"""The full demo, seeded once on SQLite as `make demo` does (slow: about a minute)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import extract, func, select

from domain import migrations
from domain.catalogue.models import Product, Sku
from domain.db import Database
from domain.demo.seed import seed
from domain.demo.spec import beta, taozi
from domain.permissions import Actor
from domain.regions.models import Region
from domain.sales.models import DailySale
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.domain.demo.factories import TODAY


async def coats_per_store_in_january(db: Database, tenant_id: int, north: bool) -> float:
    """Coat units per store sold in January, north of 36° in Regions 1 and 3, or in Guangdong."""
    where = (
        (Region.code.in_(["R1", "R3"]) & (Store.latitude > 36))
        if north
        else (Store.province == "Guangdong")
    )
    async with tenant_session(db, Actor.system(tenant_id)) as session:
        stores = await session.scalar(
            select(func.count())
            .select_from(Store)
            .join(Region, Region.id == Store.region_id)
            .where(where)
        )
        units = await session.scalar(
            select(func.sum(DailySale.qty))
            .join(Store, Store.id == DailySale.store_id)
            .join(Region, Region.id == Store.region_id)
            .join(Sku, Sku.id == DailySale.sku_id)
            .join(Product, Product.id == Sku.product_id)
            .where(where, Product.category == "coats", extract("month", DailySale.day) == 1)
        )
    return float(units or 0) / max(int(stores or 0), 1)


@pytest.mark.slow
async def test_the_full_demo_seeds_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    await asyncio.to_thread(migrations.upgrade, url)
    db = Database(url)
    try:
        main = await seed(db, taozi(TODAY))
        second = await seed(db, beta(TODAY))
        assert main.built and second.built
        counts = main.counts
        assert (counts["stores"], counts["products"]) == (300, 150)
        assert 1_000_000 <= counts["sales_rows"] <= 2_000_000
        assert counts["users"] == 1 + 3 + 6 + 300
        async with db.session() as session:
            tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == "taozi"))
        assert tenant_id is not None
        async with tenant_session(db, Actor.system(tenant_id)) as session:
            orphans = await session.scalar(
                select(func.count())
                .select_from(Store)
                .where(Store.merchandiser_id.is_(None) | Store.franchisee_id.is_(None))
            )
            rows = await session.scalar(select(func.count()).select_from(DailySale))
        assert orphans == 0 and rows == counts["sales_rows"]
        north = await coats_per_store_in_january(db, tenant_id, north=True)
        south = await coats_per_store_in_january(db, tenant_id, north=False)
        assert north > 2 * south > 0
        again = await seed(db, taozi(TODAY))
        assert not again.built
    finally:
        await db.dispose()
