"""Stock service: warehouses, HQ stock and store inventory set in bulk, all-or-nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.bulk.rows import RowsRejected
from domain.db import Database
from domain.errors import DomainError
from domain.stock.models import StoreInventory, WarehouseStock
from domain.stock.service import (
    StockRow,
    StoreInventoryRow,
    WarehouseFields,
    create_warehouse,
    stock_levels_statement,
    upsert_stock,
    upsert_store_inventory,
)
from domain.tenancy.session import tenant_session
from tests.factories import make_region, make_skus, make_store, make_tenant, system


async def test_create_warehouse_checks_code_and_province(db: Database) -> None:
    tenant = await make_tenant(db)
    actor = system(tenant)
    async with tenant_session(db, actor) as session:
        warehouse = await create_warehouse(
            session, actor, WarehouseFields("WH1", "Main", "浙江", "Hangzhou")
        )
        await session.commit()
        assert warehouse.province == "Zhejiang"
        with pytest.raises(DomainError) as caught:
            await create_warehouse(session, actor, WarehouseFields("WH1", "", "Atlantis"))
    assert {(e.field, e.code.value) for e in caught.value.errors} == {
        ("code", "DUPLICATE"),
        ("name", "REQUIRED"),
        ("province", "INVALID"),
    }


async def test_stock_upsert_sets_on_hand_and_keeps_reserved(db: Database) -> None:
    tenant = await make_tenant(db)
    actor = system(tenant)
    warehouse, skus = await make_skus(db, tenant, n_styles=1, stock=10)
    rows = [
        StockRow(0, 50, warehouse_code=warehouse.code, sku_code=skus[0].code),
        StockRow(1, 7, warehouse_id=warehouse.id, barcode=skus[1].barcode),
    ]
    async with tenant_session(db, actor) as session:
        level = await session.scalar(
            select(WarehouseStock).where(WarehouseStock.sku_id == skus[0].id)
        )
        assert level is not None
        level.reserved = 4
        await session.commit()
        counts = await upsert_stock(session, actor, rows, source="test")
        await session.commit()
        levels = {
            s.sku_id: (s.on_hand, s.reserved) for s in await session.scalars(select(WarehouseStock))
        }
        audit = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "warehouse_stock.upsert")
        )
    assert (counts.created, counts.updated) == (0, 2)
    assert levels[skus[0].id] == (50, 4)
    assert levels[skus[1].id] == (7, 0)
    assert audit is not None and audit.after == {"created": 0, "updated": 2, "source": "test"}


async def test_bad_stock_rows_are_all_reported_and_nothing_is_written(db: Database) -> None:
    tenant = await make_tenant(db)
    actor = system(tenant)
    other = await make_tenant(db)
    warehouse, skus = await make_skus(db, tenant, n_styles=1, stock=10)
    _, foreign = await make_skus(db, other, n_styles=1)
    async with tenant_session(db, actor) as session:
        level = await session.scalar(
            select(WarehouseStock).where(WarehouseStock.sku_id == skus[0].id)
        )
        assert level is not None
        level.reserved = 6
        await session.commit()
    rows = [
        StockRow(0, 99, warehouse_code=warehouse.code, sku_code=skus[2].code),  # good
        StockRow(1, 5, warehouse_code=warehouse.code, sku_code=skus[0].code),  # below reserved
        StockRow(2, 5, warehouse_code="NOPE", sku_code=foreign[0].code),  # both unknown here
        StockRow(
            3, -1, warehouse_code=warehouse.code, sku_code=skus[1].code, barcode=skus[2].barcode
        ),
        StockRow(4, 1, warehouse_code=warehouse.code, sku_code=skus[2].code),  # duplicate of row 0
    ]
    async with tenant_session(db, actor) as session:
        with pytest.raises(RowsRejected) as caught:
            await upsert_stock(session, actor, rows)
        await session.rollback()
        on_hand = await session.scalar(
            select(WarehouseStock.on_hand).where(WarehouseStock.sku_id == skus[2].id)
        )
    assert on_hand == 10
    assert [(e.row, e.field, e.code.value) for e in caught.value.rows] == [
        (1, "on_hand", "INSUFFICIENT_STOCK"),
        (2, "sku_code", "NOT_FOUND"),
        (2, "warehouse_code", "NOT_FOUND"),
        (3, "barcode", "INVALID"),
        (3, "on_hand", "INVALID"),
        (4, "sku_code", "DUPLICATE"),
    ]


async def test_store_inventory_upsert_and_stores_of_other_tenants_are_not_found(
    db: Database,
) -> None:
    tenant, other = await make_tenant(db), await make_tenant(db)
    actor = system(tenant)
    region = await make_region(db, tenant, "R1", ["Beijing"])
    store = await make_store(db, tenant, region)
    foreign = await make_store(db, other, await make_region(db, other, "R1", ["Beijing"]))
    _, skus = await make_skus(db, tenant, n_styles=1)
    async with tenant_session(db, actor) as session:
        counts = await upsert_store_inventory(
            session, actor, [StoreInventoryRow(0, 3, store_code=store.code, sku_code=skus[0].code)]
        )
        await session.commit()
        again = await upsert_store_inventory(
            session, actor, [StoreInventoryRow(0, 4, store_id=store.id, sku_code=skus[0].code)]
        )
        await session.commit()
        with pytest.raises(RowsRejected) as caught:
            await upsert_store_inventory(
                session,
                actor,
                [StoreInventoryRow(0, 1, store_code=foreign.code, sku_code=skus[1].code)],
            )
        await session.rollback()
        rows = [
            (r.store_id, r.sku_id, r.on_hand) for r in await session.scalars(select(StoreInventory))
        ]
    assert (counts.created, again.updated) == (1, 1)
    assert rows == [(store.id, skus[0].id, 4)]
    assert [(e.row, e.field, e.code.value) for e in caught.value.rows] == [
        (0, "store_code", "NOT_FOUND")
    ]


async def test_stock_levels_filter_below_available(db: Database) -> None:
    tenant = await make_tenant(db)
    actor = system(tenant)
    warehouse, skus = await make_skus(db, tenant, n_styles=1, stock=10)
    async with tenant_session(db, actor) as session:
        await upsert_stock(
            session, actor, [StockRow(0, 2, warehouse_code=warehouse.code, sku_code=skus[1].code)]
        )
        await session.commit()
        low = list(await session.scalars(stock_levels_statement(below_available=5)))
        of_sku = list(await session.scalars(stock_levels_statement(sku_id=skus[0].id)))
    assert [s.sku_id for s in low] == [skus[1].id]
    assert [s.on_hand for s in of_sku] == [10]
