"""Sales service: bulk recording (idempotent, all-or-nothing) and summaries checked by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from domain import clock
from domain.bulk.rows import RowsRejected
from domain.catalogue.models import Sku
from domain.db import Database
from domain.errors import DomainError
from domain.sales.models import DailySale
from domain.sales.service import SaleRow, SalesGrouping, record_sales, sales_summary
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.factories import make_region, make_skus, make_store, make_tenant, system

D = Decimal


@dataclass
class Shop:
    tenant: Tenant
    store: Store
    other_store: Store
    knit: list[Sku]  # two styles × S/M/L at 199.00
    denim: list[Sku]  # one style × S/M/L at 350.00


async def make_shop(db: Database) -> Shop:
    tenant = await make_tenant(db)
    region = await make_region(db, tenant, "R1", ["Beijing"])
    store = await make_store(db, tenant, region)
    other_store = await make_store(db, tenant, region)
    _, knit = await make_skus(db, tenant, n_styles=2, category="knitwear", price=D("199.00"))
    _, denim = await make_skus(db, tenant, n_styles=1, category="denim", price=D("350.00"))
    return Shop(tenant, store, other_store, knit, denim)


def march_rows(shop: Shop) -> list[SaleRow]:
    s, k, d = shop.store.code, shop.knit, shop.denim
    return [
        SaleRow(0, s, date(2026, 3, 2), 2, sku_code=k[0].code, revenue=D("380.00")),
        SaleRow(1, s, date(2026, 3, 2), 1, sku_code=k[1].code),  # no revenue: 1 × 199
        SaleRow(2, s, date(2026, 3, 8), 3, barcode=d[0].barcode),  # 3 × 350
        SaleRow(3, s, date(2026, 3, 9), 1, sku_code=k[3].code, revenue=D("150.00")),
        SaleRow(4, s, date(2026, 4, 1), 0, sku_code=d[0].code, on_hand_close=0),
        SaleRow(
            5, shop.other_store.code, date(2026, 3, 2), 10, sku_code=k[0].code, revenue=D("1990")
        ),
    ]


async def test_resending_a_feed_replaces_instead_of_double_counting(db: Database) -> None:
    shop = await make_shop(db)
    actor = system(shop.tenant)
    rows = march_rows(shop)
    async with tenant_session(db, actor) as session:
        first = await record_sales(session, actor, rows)
        await session.commit()
        resent = [
            SaleRow(
                0, r.store_code, r.day, r.qty, r.sku_code, r.barcode, r.revenue, r.on_hand_close
            )
            for r in rows[:1]
        ]
        corrected = [
            *resent,
            SaleRow(1, shop.store.code, date(2026, 3, 2), 5, sku_code=shop.knit[1].code),
        ]
        second = await record_sales(session, actor, corrected)
        await session.commit()
        units = await session.scalar(select(func.sum(DailySale.qty)))
        count = await session.scalar(select(func.count()).select_from(DailySale))
    assert (first.created, first.updated) == (6, 0)
    assert (second.created, second.updated) == (0, 2)
    assert count == 6
    assert units == 2 + 5 + 3 + 1 + 0 + 10


async def test_every_bad_row_is_reported_and_nothing_is_written(db: Database) -> None:
    shop = await make_shop(db)
    foreign = await make_shop(db)
    actor = system(shop.tenant)
    s, k = shop.store.code, shop.knit
    future = clock.now().date() + timedelta(days=5)
    rows = [
        SaleRow(0, s, date(2026, 3, 2), 1, sku_code=k[0].code),  # good
        SaleRow(1, foreign.store.code, date(2026, 3, 2), 1, sku_code=foreign.knit[0].code),
        SaleRow(2, s, future, -1, sku_code=k[0].code, barcode=k[1].barcode),
        SaleRow(3, s, date(2026, 3, 2), 1, sku_code=k[0].code, revenue=D("1.005")),
        SaleRow(4, "", date(2026, 3, 2), 1),
    ]
    async with tenant_session(db, actor) as session:
        with pytest.raises(RowsRejected) as caught:
            await record_sales(session, actor, rows)
        await session.rollback()
        count = await session.scalar(select(func.count()).select_from(DailySale))
    assert count == 0
    assert [(e.row, e.field, e.code.value) for e in caught.value.rows] == [
        (1, "sku_code", "NOT_FOUND"),
        (1, "store_code", "NOT_FOUND"),
        (2, "barcode", "INVALID"),
        (2, "day", "INVALID"),
        (2, "qty", "INVALID"),
        (3, "revenue", "INVALID"),
        (4, "sku_code", "REQUIRED"),
        (4, "store_code", "REQUIRED"),
    ]


async def test_a_row_repeated_in_one_batch_is_refused(db: Database) -> None:
    shop = await make_shop(db)
    actor = system(shop.tenant)
    row = SaleRow(0, shop.store.code, date(2026, 3, 2), 1, sku_code=shop.knit[0].code)
    async with tenant_session(db, actor) as session:
        with pytest.raises(RowsRejected) as caught:
            await record_sales(
                session,
                actor,
                [row, SaleRow(1, row.store_code, row.day, 2, barcode=shop.knit[0].barcode)],
            )
    assert [(e.row, e.field, e.code.value) for e in caught.value.rows] == [(1, "day", "DUPLICATE")]
    assert "row 0" in caught.value.rows[0].message


async def summary(db: Database, shop: Shop, group_by: SalesGrouping, store: Store | None = None):  # type: ignore[no-untyped-def]
    actor = system(shop.tenant)
    async with tenant_session(db, actor) as session:
        store_id = (store or shop.store).id
        return await sales_summary(
            session, actor, store_id, date(2026, 3, 1), date(2026, 4, 1), group_by
        )


@pytest.fixture
async def recorded(db: Database) -> Shop:
    shop = await make_shop(db)
    async with tenant_session(db, system(shop.tenant)) as session:
        await record_sales(session, system(shop.tenant), march_rows(shop))
        await session.commit()
    return shop


async def test_summary_by_day_fills_every_day(db: Database, recorded: Shop) -> None:
    result = await summary(db, recorded, SalesGrouping.DAY)
    assert (result.units, result.revenue) == (7, D("1779.00"))
    assert len(result.buckets) == 32
    sold = {b.key: (b.units, b.revenue) for b in result.buckets if b.units}
    assert sold == {
        "2026-03-02": (3, D("579.00")),
        "2026-03-08": (3, D("1050.00")),
        "2026-03-09": (1, D("150.00")),
    }


async def test_summary_by_week_and_month(db: Database, recorded: Shop) -> None:
    weeks = await summary(db, recorded, SalesGrouping.WEEK)
    assert [(b.key, b.start, b.units, b.revenue) for b in weeks.buckets] == [
        ("2026-W09", date(2026, 2, 23), 0, D("0.00")),
        ("2026-W10", date(2026, 3, 2), 6, D("1629.00")),
        ("2026-W11", date(2026, 3, 9), 1, D("150.00")),
        ("2026-W12", date(2026, 3, 16), 0, D("0.00")),
        ("2026-W13", date(2026, 3, 23), 0, D("0.00")),
        ("2026-W14", date(2026, 3, 30), 0, D("0.00")),
    ]
    months = await summary(db, recorded, SalesGrouping.MONTH)
    assert [(b.key, b.end, b.units, b.revenue) for b in months.buckets] == [
        ("2026-03", date(2026, 3, 31), 7, D("1779.00")),
        ("2026-04", date(2026, 4, 30), 0, D("0.00")),
    ]


async def test_summary_by_category_and_product_best_first(db: Database, recorded: Shop) -> None:
    categories = await summary(db, recorded, SalesGrouping.CATEGORY)
    assert [(b.key, b.units, b.revenue) for b in categories.buckets] == [
        ("denim", 3, D("1050.00")),
        ("knitwear", 4, D("729.00")),
    ]
    products = await summary(db, recorded, SalesGrouping.PRODUCT)
    assert [(b.product_id, b.units, b.revenue) for b in products.buckets] == [
        (recorded.denim[0].product_id, 3, D("1050.00")),
        (recorded.knit[0].product_id, 3, D("579.00")),
        (recorded.knit[3].product_id, 1, D("150.00")),
    ]
    other = await summary(db, recorded, SalesGrouping.MONTH, recorded.other_store)
    assert (other.units, other.revenue) == (10, D("1990.00"))


async def test_summary_refuses_a_backwards_range(db: Database, recorded: Shop) -> None:
    actor = system(recorded.tenant)
    async with tenant_session(db, actor) as session:
        with pytest.raises(DomainError) as caught:
            await sales_summary(
                session, actor, None, date(2026, 3, 2), date(2026, 3, 1), SalesGrouping.DAY
            )
    assert caught.value.errors[0].field == "to"
