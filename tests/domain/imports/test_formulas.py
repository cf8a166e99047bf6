"""Exports never hand a spreadsheet a formula; imports say when a cell looks like one.

OWASP's CSV injection guidance: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is run by Excel, LibreOffice and Google Sheets. CSV cells get a leading `'` (the import
takes it off again); XLSX text cells are written as text, never as formulas.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from domain.catalogue.models import Product
from domain.db import Database
from domain.imports.service import export, import_file
from domain.imports.tabular import table_bytes
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system

PAYLOAD = "=cmd|' /C calc'!A0"
TRIGGERS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x")']


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_cells(content: bytes) -> list[list[openpyxl.cell.cell.Cell]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("text", TRIGGERS)
def test_a_csv_cell_that_starts_a_formula_gets_a_leading_quote(text: str) -> None:
    [_, row] = csv_cells(table_bytes(".csv", ["name", "qty"], [[text, 3]]))
    assert row == ["'" + text.strip(), "3"]  # cells are written trimmed
    assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("text", TRIGGERS)
def test_an_xlsx_cell_that_starts_a_formula_is_text(text: str) -> None:
    [_, row] = xlsx_cells(table_bytes(".xlsx", ["name", "qty"], [[text, 3]]))
    assert row[0].data_type == "s"
    assert row[0].value in (text, text.replace("\r", "\n"))  # XML reads CR as a line feed
    assert row[0].quotePrefix  # Excel keeps it text even when someone edits the cell
    assert row[1].data_type == "n" and row[1].value == 3


def test_numbers_stay_numbers_and_plain_text_is_unchanged() -> None:
    from decimal import Decimal

    rows = [["S-001", Decimal("-12.50"), -3, "#DIV/0!", "'quoted"]]
    columns = ["code", "amount", "qty", "note", "other"]
    [_, csv_row] = csv_cells(table_bytes(".csv", columns, rows))
    assert csv_row == ["S-001", "-12.50", "-3", "#DIV/0!", "'quoted"]
    [_, xlsx_row] = xlsx_cells(table_bytes(".xlsx", columns, rows))
    assert [(c.data_type, c.value) for c in xlsx_row] == [
        ("s", "S-001"),
        ("n", -12.5),
        ("n", -3),
        ("s", "#DIV/0!"),  # openpyxl would have made it an error cell
        ("s", "'quoted"),
    ]


async def name_things(db: Database, world: World, name: str) -> None:
    async with tenant_session(db, system(world.tenant)) as session:
        store = await session.get(Store, world.stores[0].id)
        product = await session.scalar(select(Product).limit(1))
        assert store is not None and product is not None
        store.name = name
        product.name = name
        await session.commit()


@pytest.mark.parametrize("kind", ["stores", "products"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
async def test_a_formula_name_is_exported_harmless_and_imports_back_unchanged(
    db: Database, world: World, tmp_path: Path, kind: str, suffix: str
) -> None:
    await name_things(db, world, PAYLOAD)
    actor = system(world.tenant)
    path = tmp_path / f"{kind}{suffix}"
    async with tenant_session(db, actor) as session:
        await export(session, actor, kind, path)
    content = path.read_bytes()
    if suffix == ".csv":
        cells = [c for row in csv_cells(content) for c in row]
        assert "'" + PAYLOAD in cells and PAYLOAD not in cells
    else:
        cells = [c for row in xlsx_cells(content) for c in row if c.value == PAYLOAD]
        assert cells and all(c.data_type == "s" for c in cells)

    async with tenant_session(db, actor) as session:
        result = await import_file(session, actor, kind, path)
        await session.commit()
    assert {(w.field, w.message) for w in result.warnings} >= {
        ("name", "starts with '=': kept as text, but a spreadsheet would run it as a formula")
    }
    async with tenant_session(db, actor) as session:
        store = await session.get(Store, world.stores[0].id)
        names = set(await session.scalars(select(Product.name)))
    assert store is not None and store.name == PAYLOAD
    assert PAYLOAD in names


async def test_the_import_warns_on_formula_cells_of_a_hand_made_file(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "stores.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "franchisee_phone"])
        writer.writerow([world.stores[0].code, "@SUM(1+1)*cmd|' /C calc'!A0", "+86 139 0000 0000"])
        writer.writerow([world.stores[1].code, "Plain shop", ""])
    actor = system(world.tenant)
    async with tenant_session(db, actor) as session:
        result = await import_file(session, actor, "stores", path)
        await session.commit()
    # A phone number with its country code is no formula: only the name is flagged.
    assert [(w.row, w.field) for w in result.warnings] == [(2, "name")]
    async with tenant_session(db, actor) as session:
        store = await session.get(Store, world.stores[0].id)
    assert store is not None and store.name == "@SUM(1+1)*cmd|' /C calc'!A0"
