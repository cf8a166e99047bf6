"""File imports: every problem reported by row and column, nothing written on error, CSV and
XLSX alike, and an export that imports back unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from domain.bulk.rows import RowsRejected
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.imports.service import ImportResult, export, import_file
from domain.imports.tabular import write_table
from domain.sales.models import DailySale
from domain.stock.models import WarehouseStock
from domain.tenancy.session import tenant_session
from tests.factories import World, system

SALES = ["store_code", "sku_code", "barcode", "day", "qty", "revenue", "on_hand_close"]


async def run_import(
    db: Database, world: World, kind: str, path: Path, write: bool = True
) -> ImportResult:
    actor = system(world.tenant)
    async with tenant_session(db, actor) as session:
        result = await import_file(session, actor, kind, path, write)
        await session.commit()
        return result


async def run_export(db: Database, world: World, kind: str, path: Path, **period: date) -> int:
    actor = system(world.tenant)
    async with tenant_session(db, actor) as session:
        return await export(session, actor, kind, path, **period)


async def count(db: Database, world: World, model: Any) -> int:
    async with tenant_session(db, system(world.tenant)) as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def sales_rows(world: World) -> list[list[Any]]:
    a, b = world.stores[0].code, world.stores[1].code
    k = world.skus
    return [
        [a, k[0].code, "", "2026-03-02", 2, "398.00", 5],
        [a, "", k[1].barcode, "2026-03-02", 1, "", ""],
        [b, k[2].code, "", "2026/03/03", 0, "", 0],
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
async def test_a_good_file_is_written_whole(
    db: Database, world: World, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"sales{suffix}"
    write_table(path, SALES, sales_rows(world))
    result = await run_import(db, world, "sales", path)
    assert (result.rows, result.created, result.updated, result.written) == (3, 3, 0, True)
    assert await count(db, world, DailySale) == 3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
async def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(
    db: Database, world: World, tmp_path: Path, suffix: str
) -> None:
    rows = sales_rows(world)
    rows[1][4] = "two"  # row 3: not a number
    rows.append(["NO-SUCH-STORE", world.skus[0].code, "", "2026-03-04", 1, "", ""])  # row 5
    rows.append([world.stores[0].code, "NO-SKU", "", "2026-13-01", 1, "", ""])  # row 6
    path = tmp_path / f"sales{suffix}"
    write_table(path, SALES, rows)
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, world, "sales", path)
    found = {(e.row, e.field, e.code) for e in caught.value.rows}
    assert found == {
        (3, "qty", ErrorCode.INVALID),
        (5, "store_code", ErrorCode.NOT_FOUND),
        (6, "sku_code", ErrorCode.NOT_FOUND),  # in the same run as its unreadable day
        (6, "day", ErrorCode.INVALID),
    }
    assert "'two' is not a whole number" in next(e.message for e in caught.value.rows if e.row == 3)
    assert await count(db, world, DailySale) == 0


async def test_a_problem_only_the_database_knows_is_reported_with_the_parse_errors(
    db: Database, world: World, tmp_path: Path
) -> None:
    rows = sales_rows(world)
    rows[0][4] = "-1"  # row 2: a negative quantity (the sales service's rule)
    rows[2][1] = "NO-SKU"  # row 4: unknown SKU
    rows.append([world.stores[0].code, world.skus[0].code, "", "2026-03-02", 1, "", ""])  # row 5
    path = tmp_path / "sales.csv"
    write_table(path, SALES, rows)
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, world, "sales", path)
    found = {(e.row, e.field) for e in caught.value.rows}
    assert found == {(2, "qty"), (4, "sku_code")}
    assert await count(db, world, DailySale) == 0


async def test_the_header_is_checked_first(db: Database, world: World, tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    write_table(
        path,
        ["Store Code", "SKU-Code", "day", "qty", "colour"],
        [["S1", "K1", "2026-03-02", 1, "red"]],
    )
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, world, "sales", path)
    assert [(e.row, e.field) for e in caught.value.rows] == [(1, "colour")]


async def test_a_file_that_is_not_a_table_is_refused_clearly(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "sales.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(DomainError, match=r"not a readable \.xlsx workbook"):
        await run_import(db, world, "sales", path)
    with pytest.raises(DomainError, match="unknown kind"):
        await run_import(db, world, "orders", path)


async def test_a_dry_run_checks_and_writes_nothing(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "sales.csv"
    write_table(path, SALES, sales_rows(world))
    result = await run_import(db, world, "sales", path, write=False)
    assert (result.rows, result.created, result.written) == (3, 3, False)
    assert await count(db, world, DailySale) == 0


@pytest.mark.parametrize("kind", ["stores", "products", "stock", "sales"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
async def test_an_export_imports_back_unchanged(
    db: Database, world: World, tmp_path: Path, kind: str, suffix: str
) -> None:
    write_table(tmp_path / "seed.csv", SALES, sales_rows(world))
    await run_import(db, world, "sales", tmp_path / "seed.csv")
    first = tmp_path / f"first{suffix}"
    exported = await run_export(db, world, kind, first)
    assert exported > 0
    result = await run_import(db, world, kind, first)
    assert result.rows == exported and result.created == 0
    second = tmp_path / f"second{suffix}"
    assert await run_export(db, world, kind, second) == exported
    if suffix == ".csv":
        assert second.read_text("utf-8-sig") == first.read_text("utf-8-sig")
    else:
        assert second.stat().st_size > 0


async def test_stock_export_carries_reserved_units_the_import_ignores(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "stock.csv"
    assert await run_export(db, world, "stock", path) == len(world.skus)
    header = path.read_text("utf-8-sig").splitlines()[0]
    assert header == "warehouse_code,sku_code,barcode,on_hand,reserved,available"
    lines = path.read_text("utf-8-sig").splitlines()
    lines[1] = lines[1].replace(",100,0,100", ",40,0,100")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    await run_import(db, world, "stock", path)
    async with tenant_session(db, system(world.tenant)) as session:
        levels = sorted(await session.scalars(select(WarehouseStock.on_hand)))
    assert levels == [40] + [100] * (len(world.skus) - 1)


async def test_sales_export_can_be_limited_to_a_period(
    db: Database, world: World, tmp_path: Path
) -> None:
    write_table(tmp_path / "seed.csv", SALES, sales_rows(world))
    await run_import(db, world, "sales", tmp_path / "seed.csv")
    path = tmp_path / "march-3.csv"
    assert (
        await run_export(db, world, "sales", path, start=date(2026, 3, 3), end=date(2026, 3, 3))
        == 1
    )
    with pytest.raises(DomainError, match="no dates"):
        await run_export(db, world, "stock", path, start=date(2026, 3, 3))
