"""`peihuo import` and `peihuo export`: stores, products, stock and sales as CSV or XLSX files.

The import machinery is imported when one of these commands runs, not when `peihuo` starts:
every other command would otherwise pay for loading it.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from api.cli.progress import BarProgress, err
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.bulk.rows import RowError, RowWarning
    from domain.imports.service import ImportResult

SHOWN_ERRORS = 50
KIND_HELP = "What the file holds: stores, products, stock or sales."


async def _import(kind: str, path: Path, slug: str, write: bool) -> ImportResult:
    from api.cli.tenants import tenant_actor
    from domain.db import Database
    from domain.imports.service import import_file
    from domain.settings import get_settings
    from domain.tenancy.session import tenant_session

    db = Database(get_settings().database_url)
    try:
        actor = await tenant_actor(db, slug, f"cli:import {path.name}")
        async with tenant_session(db, actor) as session:
            with BarProgress() as progress:
                result = await import_file(session, actor, kind, path, write, progress)
            if write:
                await session.commit()
            return result
    finally:
        await db.dispose()


def _show_errors(errors: list[RowError], omitted: int, report: Path | None) -> None:
    from rich.table import Table as RichTable

    from domain.imports.tabular import write_errors

    table = RichTable(title="Rows refused (nothing was written)", title_justify="left")
    for name in ("row", "column", "code", "message"):
        table.add_column(name)
    for e in errors[:SHOWN_ERRORS]:
        table.add_row(str(e.row), e.field or "", e.code.value, e.message)
    err.print(table)
    more = len(errors) - SHOWN_ERRORS + omitted
    if more > 0:
        err.print(f"… and {more} more" + ("" if report else " (write them all with --errors FILE)"))
    if report is not None:
        write_errors(report, errors)
        err.print(f"every problem written to {report}")


def _show_warnings(warnings: list[RowWarning]) -> None:
    from rich.table import Table as RichTable

    if not warnings:
        return
    table = RichTable(title="Cells to look at (taken as they are)", title_justify="left")
    for name in ("row", "column", "message"):
        table.add_column(name)
    for w in warnings[:SHOWN_ERRORS]:
        table.add_row(str(w.row), w.field or "", w.message)
    err.print(table, style="yellow")
    if len(warnings) > SHOWN_ERRORS:
        err.print(f"… and {len(warnings) - SHOWN_ERRORS} more", style="yellow")


def import_(
    kind: str = typer.Argument(..., help=KIND_HELP),
    file: Path = typer.Argument(
        ..., help="A .csv (UTF-8) or .xlsx file; the header names the columns."
    ),
    tenant: str = typer.Option(..., "--tenant", help="The tenant's slug."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row, write nothing."),
    errors: Path | None = typer.Option(
        None, "--errors", help="Write every refused row (row, column, code, message) to this CSV."
    ),
) -> None:
    """Import a file: every row is written, or none and a report of every bad row."""
    from domain.bulk.rows import RowsRejected
    from domain.imports.service import kind_named

    try:
        kind_named(kind)
        result = asyncio.run(_import(kind, file, tenant, not dry_run))
    except RowsRejected as rejected:
        _show_warnings(rejected.warnings)
        _show_errors(rejected.rows, rejected.omitted, errors)
        raise typer.Exit(1) from None
    except DomainError as error:
        err.print(f"[red]{error.message}[/]", soft_wrap=True)
        raise typer.Exit(1) from None
    _show_warnings(result.warnings)
    verb = "checked, would write" if dry_run else "wrote"
    err.print(
        f"[green]{result.kind}: {verb} {result.rows:,} rows ({result.counted}: "
        f"{result.created:,} new, {result.updated:,} existing)[/]"
    )


async def _export(
    kind: str, slug: str, target: Path | None, start: date | None, end: date | None
) -> int:
    from api.cli.tenants import tenant_actor
    from domain.db import Database
    from domain.imports.service import export
    from domain.settings import get_settings
    from domain.tenancy.session import tenant_session

    db = Database(get_settings().database_url)
    try:
        actor = await tenant_actor(db, slug, "cli:export")
        async with tenant_session(db, actor) as session:
            if target is None:
                return await export(session, actor, kind, None, start, end, stdout=sys.stdout)
            with BarProgress() as progress:
                return await export(session, actor, kind, target, start, end, progress=progress)
    finally:
        await db.dispose()


def export_(
    kind: str = typer.Argument(..., help=KIND_HELP),
    tenant: str = typer.Option(..., "--tenant", help="The tenant's slug."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="A .csv or .xlsx file (default: CSV on standard output)."
    ),
    start: datetime | None = typer.Option(
        None, "--from", formats=["%Y-%m-%d"], help="Sales: first day."
    ),
    end: datetime | None = typer.Option(
        None, "--to", formats=["%Y-%m-%d"], help="Sales: last day."
    ),
) -> None:
    """Export a tenant's stores, products, stock or sales in the format the import reads back."""
    try:
        count = asyncio.run(
            _export(
                kind, tenant, output, start.date() if start else None, end.date() if end else None
            )
        )
    except DomainError as error:
        err.print(f"[red]{error.message}[/]", soft_wrap=True)
        raise typer.Exit(1) from None
    if output is not None:
        err.print(f"[green]{count:,} rows written to {output}[/]")


def columns(kind: str = typer.Argument(..., help=KIND_HELP)) -> None:
    """Describe the columns of a kind of file."""
    from domain.imports.columns import describe
    from domain.imports.service import kind_named

    try:
        found = kind_named(kind)
    except DomainError as error:
        err.print(f"[red]{error.message}[/]", soft_wrap=True)
        raise typer.Exit(2) from None
    typer.echo(f"{found.name}: {found.summary}\n{describe(found.columns)}")
