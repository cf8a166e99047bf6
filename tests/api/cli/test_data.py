"""`peihuo import` and `peihuo export`: files in and out, a report of every refused row."""

from __future__ import annotations

import csv
from pathlib import Path

from domain.imports.tabular import write_table
from tests.api.cli.conftest import Invoke
from tests.factories import World


async def test_an_export_imports_back(peihuo: Invoke, world: World, tmp_path: Path) -> None:
    path = tmp_path / "stores.xlsx"
    exported = await peihuo("export", "stores", "--tenant", world.tenant.slug, "-o", str(path))
    assert exported.exit_code == 0, exported.output
    assert f"{len(world.stores)} rows written" in exported.stderr
    imported = await peihuo("import", "stores", str(path), "--tenant", world.tenant.slug)
    assert imported.exit_code == 0, imported.output
    assert (
        f"wrote {len(world.stores)} rows (stores: 0 new, {len(world.stores)} existing)"
        in imported.stderr
    )


async def test_refused_rows_are_shown_and_written_to_the_errors_file(
    peihuo: Invoke, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "sales.csv"
    write_table(path, ["store_code", "sku_code", "day", "qty"], [
        [world.stores[0].code, world.skus[0].code, "2026-03-02", "1"],
        ["NOPE", world.skus[0].code, "2026-03-02", "x"],
    ])  # fmt: skip
    report = tmp_path / "errors.csv"
    result = await peihuo(
        "import", "sales", str(path), "--tenant", world.tenant.slug, "--errors", str(report)
    )
    assert result.exit_code == 1
    assert "Rows refused (nothing was written)" in result.stderr
    assert "'x' is not a whole number" in result.stderr
    with report.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row", "column", "code", "message"]
    assert sorted((r[0], r[1], r[2]) for r in rows[1:]) == [
        ("3", "qty", "INVALID"),
        ("3", "store_code", "NOT_FOUND"),
    ]


async def test_sales_export_to_standard_output_and_a_dry_run(
    peihuo: Invoke, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "sales.csv"
    write_table(
        path,
        ["store_code", "sku_code", "day", "qty"],
        [[world.stores[0].code, world.skus[0].code, "2026-03-02", "3"]],
    )
    dry = await peihuo("import", "sales", str(path), "--tenant", world.tenant.slug, "--dry-run")
    assert dry.exit_code == 0 and "checked, would write 1 rows" in dry.stderr
    empty = await peihuo("export", "sales", "--tenant", world.tenant.slug)
    assert empty.stdout.strip() == "store_code,sku_code,barcode,day,qty,revenue,on_hand_close"
    await peihuo("import", "sales", str(path), "--tenant", world.tenant.slug)
    exported = await peihuo(
        "export", "sales", "--tenant", world.tenant.slug, "--from", "2026-03-01"
    )
    lines = exported.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{world.stores[0].code},{world.skus[0].code},")


async def test_unknown_tenants_kinds_and_files_are_clear_errors(
    peihuo: Invoke, world: World, tmp_path: Path
) -> None:
    missing = await peihuo("export", "stores", "--tenant", "no-such-brand")
    assert missing.exit_code == 2 and "no tenant 'no-such-brand'" in missing.stderr
    kind = await peihuo("import", "orders", str(tmp_path / "x.csv"), "--tenant", world.tenant.slug)
    assert kind.exit_code == 1 and "unknown kind 'orders'" in kind.stderr
    absent = await peihuo(
        "import", "sales", str(tmp_path / "absent.csv"), "--tenant", world.tenant.slug
    )
    assert absent.exit_code == 1 and "absent.csv: no such file" in absent.stderr
    described = await peihuo("columns", "products")
    assert "sku_code (required)" in described.stdout


async def test_cells_a_spreadsheet_would_run_are_shown_as_warnings(
    peihuo: Invoke, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "stores.csv"
    path.write_text(f"code,name\n{world.stores[0].code},=cmd|' /C calc'!A0\n", encoding="utf-8")
    result = await peihuo("import", "stores", str(path), "--tenant", world.tenant.slug)
    assert result.exit_code == 0, result.output
    assert "Cells to look at (taken as they are)" in result.stderr
    assert "starts with '='" in result.stderr and "formula" in result.stderr
    exported = await peihuo("export", "stores", "--tenant", world.tenant.slug)
    assert f"{world.stores[0].code},'=cmd|' /C calc'!A0," in exported.stdout
