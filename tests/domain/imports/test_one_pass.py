"""One run of an import reports every bad row and every bad column of it: cells that cannot be
read, references that do not exist and the kind's own rules, together (and writes nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.bulk.rows import RowsRejected
from domain.catalogue.models import Product
from domain.db import Database
from domain.errors import ErrorCode
from domain.imports.service import import_file
from domain.imports.tabular import write_table
from domain.sales.models import DailySale
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.domain.imports.test_kinds import PRODUCTS, store_row, write_stores
from tests.factories import World, system

E = ErrorCode


async def problems(db: Database, world: World, kind: str, path: Path) -> set[tuple[int, str, E]]:
    actor = system(world.tenant)
    with pytest.raises(RowsRejected) as caught:
        async with tenant_session(db, actor) as session:
            await import_file(session, actor, kind, path)
            await session.commit()
    return {(e.row, e.field or "", e.code) for e in caught.value.rows}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
async def test_sales_rows_report_unreadable_cells_with_unknown_stores_and_skus(
    db: Database, world: World, tmp_path: Path, suffix: str
) -> None:
    a, k = world.stores[0].code, world.skus
    path = tmp_path / f"sales{suffix}"
    write_table(path, ["store_code", "sku_code", "day", "qty", "revenue"], [
        ["NO-SUCH-STORE", k[0].code, "2026-03-02", "two", ""],  # row 2
        [a, "NO-SKU", "2026-13-01", 1, ""],  # row 3
        [a, k[1].code, "2026-03-02", -1, "abc"],  # row 4
        [a, k[0].code, "some day", 1, ""],  # row 5: its day is unknown, so no duplicate
        [a, k[0].code, "2026-03-02", 1, ""],  # row 6: good
        [a, k[2].code, "2026-03-03", "x", ""],  # row 7
        [a, k[2].code, "2026-03-03", 2, ""],  # row 8: the same store, SKU and day as row 7
    ])  # fmt: skip
    assert await problems(db, world, "sales", path) == {
        (2, "store_code", E.NOT_FOUND),
        (2, "qty", E.INVALID),
        (3, "sku_code", E.NOT_FOUND),
        (3, "day", E.INVALID),
        (4, "qty", E.INVALID),
        (4, "revenue", E.INVALID),
        (5, "day", E.INVALID),
        (7, "qty", E.INVALID),
        (8, "day", E.DUPLICATE),
    }
    async with tenant_session(db, system(world.tenant)) as session:
        assert await session.scalar(select(func.count()).select_from(DailySale)) == 0


async def test_stock_rows_report_unreadable_cells_with_unknown_warehouses(
    db: Database, world: World, tmp_path: Path
) -> None:
    assert world.warehouse is not None
    path = tmp_path / "stock.csv"
    write_table(path, ["warehouse_code", "sku_code", "on_hand"], [
        ["NO-WH", world.skus[0].code, "many"],  # row 2
        [world.warehouse.code, "NO-SKU", "-3"],  # row 3
    ])  # fmt: skip
    assert await problems(db, world, "stock", path) == {
        (2, "warehouse_code", E.NOT_FOUND),
        (2, "on_hand", E.INVALID),
        (3, "sku_code", E.NOT_FOUND),
        (3, "on_hand", E.INVALID),
    }


async def test_store_rows_report_unreadable_cells_references_and_rules_together(
    db: Database, world: World, tmp_path: Path
) -> None:
    m1 = world.merchandisers[0].email
    path = tmp_path / "stores.csv"
    write_stores(path, [
        # row 2: unknown region, a budget that is no number, a tier that does not exist
        store_row("NEW-S1", "R9", "Beijing", m1, budget="lots", tier="Z"),
        # row 3: unknown merchandiser, an unreadable latitude (its longitude is not blamed)
        store_row("NEW-S2", "R1", "Beijing", "nobody@example.com", latitude="north",
                  longitude="117.0"),
        # row 4: an unreadable quiet hours start, and price band upside down
        store_row("NEW-S3", "R1", "Beijing", m1, quiet_hours_start="late", quiet_hours_end="08:00",
                  price_min="300", price_max="100"),
    ])  # fmt: skip
    assert await problems(db, world, "stores", path) == {
        (2, "region_code", E.NOT_FOUND),
        (2, "budget", E.INVALID),
        (2, "tier", E.INVALID),
        (3, "merchandiser", E.NOT_FOUND),
        (3, "latitude", E.INVALID),
        (4, "quiet_hours_start", E.INVALID),
        (4, "price_min", E.INVALID),
    }
    async with tenant_session(db, system(world.tenant)) as session:
        assert await session.scalar(select(Store).where(Store.code.like("NEW-%"))) is None


async def test_product_rows_report_unreadable_cells_with_the_catalogue_rules(
    db: Database, world: World, tmp_path: Path
) -> None:
    taken = world.skus[0].code  # belongs to another style
    path = tmp_path / "products.csv"
    write_table(path, PRODUCTS, [
        # row 2: a price that is no number, a barcode with a wrong check digit
        ["NEW-1", "大衣", "coats", "AW", "cheap", "350", "NEW-1-M", "black", "M", "6901234567890", 1],
        # row 3: the same style, its price readable here (row 2's is not blamed on it)
        ["NEW-1", "大衣", "coats", "AW", "899", "350", "NEW-1-L", "black", "L", "", "two"],
        # row 4: a SKU code of another style and a pack size that is no number
        ["NEW-2", "袜", "socks", "ALL", "29", "8", taken, "white", "F", "", "x"],
    ])  # fmt: skip
    assert await problems(db, world, "products", path) == {
        (2, "retail_price", E.INVALID),
        (2, "barcode", E.INVALID),
        (3, "pack_size", E.INVALID),
        (4, "sku_code", E.DUPLICATE),
        (4, "pack_size", E.INVALID),
    }
    async with tenant_session(db, system(world.tenant)) as session:
        assert await session.scalar(select(Product).where(Product.code.like("NEW-%"))) is None
