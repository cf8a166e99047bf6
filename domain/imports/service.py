"""Importing and exporting files of stores, products, stock and sales, for the CLI and the API.

An import reads the whole file, parses every row, lets the kind check every row against the
database, and raises RowsRejected listing every problem (row, column, message) before
anything is written; the caller's transaction then holds all the rows or none. An export
streams the kind's rows into a CSV or XLSX file that the import reads back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk.rows import RowErrors, RowsRejected, RowWarning
from domain.errors import ErrorCode, Invalid
from domain.imports import products, sales, stock, stores
from domain.imports.columns import check_header, parse_row, unreadable_columns
from domain.imports.kinds import Kind, NoProgress, Progress, Record
from domain.imports.tabular import Table, TableError, TableWriter, read_table
from domain.permissions import Actor, authorize

KINDS: dict[str, Kind] = {k.name: k for k in (stores.KIND, products.KIND, stock.KIND, sales.KIND)}
EXPORT_BATCH = 5000


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, checked only, would do): rows read, and how many of what they
    describe (`counted`: stores, styles, stock levels, daily sales) were new or existed; cells
    taken as they are that the person should look at (`warnings`)."""

    kind: str
    rows: int
    created: int
    updated: int
    written: bool
    counted: str
    warnings: list[RowWarning] = field(default_factory=list)


def kind_named(name: str) -> Kind:
    """The kind of file called `name` (stores, products, stock, sales)."""
    kind = KINDS.get(name.strip().lower())
    if kind is None:
        raise Invalid("kind", f"unknown kind {name!r}; expected one of {', '.join(KINDS)}")
    return kind


def open_table(path: Path) -> Table:
    """A file opened for import; a file that is not a readable table is a clear error."""
    try:
        return read_table(path)
    except FileNotFoundError:
        raise Invalid("file", f"{path.name}: no such file") from None
    except OSError as error:
        raise Invalid("file", f"{path.name}: {error.strerror or error}") from None
    except TableError as error:
        raise Invalid("file", str(error)) from None


async def import_table(
    session: AsyncSession,
    actor: Actor,
    kind: Kind,
    table: Table,
    write: bool = True,
    source: str = "file",
    progress: Progress | None = None,
) -> ImportResult:
    """Import a table's rows as `kind`: all of them, or none and RowsRejected saying why.

    One run reports every problem: cells that cannot be read, and what the kind's checks say of
    the rest of each row (references, its rules) and of the other rows.
    """
    progress = progress or NoProgress()
    authorize(actor, kind.write_permission)
    positions, header_errors = check_header(kind.columns, table.columns)
    if header_errors:
        raise RowsRejected(header_errors)
    errors = RowErrors()
    warnings: list[RowWarning] = []
    records = _read_records(kind, table, positions, errors, warnings, progress)
    if not records:
        raise Invalid("file", "the file has no data rows", ErrorCode.REQUIRED)
    unreadable = {(row, name) for row, values in records for name in unreadable_columns(values)}
    try:
        counts = await kind.load(session, actor, records, write and not errors, source, progress)
    except RowsRejected as rejected:
        # An unreadable cell is reported once, as its reading problem.
        errors.extend(e for e in rejected.rows if (e.row, e.field) not in unreadable)
        errors.dropped += rejected.omitted
    errors.raise_if_any(warnings)
    return ImportResult(
        kind.name, len(records), counts.created, counts.updated, write, kind.counted, warnings
    )


def _read_records(
    kind: Kind,
    table: Table,
    positions: dict[str, int],
    errors: RowErrors,
    warnings: list[RowWarning],
    progress: Progress,
) -> list[Record]:
    records: list[Record] = []
    progress.phase("reading", table.size_hint)
    try:
        for number, cells in table.rows:
            values = parse_row(kind.columns, positions, number, cells, errors, warnings)
            if kind.partial:
                values = {k: v for k, v in values.items() if k in positions}
            records.append((number, values))
            if len(records) % 1000 == 0:
                progress.advance(1000)
    except TableError as error:
        raise Invalid("file", str(error)) from None
    progress.advance(len(records) % 1000)
    return records


async def import_file(
    session: AsyncSession,
    actor: Actor,
    kind: str,
    path: Path,
    write: bool = True,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file of `kind` (see `import_table`)."""
    found = kind_named(kind)
    table = open_table(path)
    return await import_table(session, actor, found, table, write, f"file:{path.name}", progress)


async def export(
    session: AsyncSession,
    actor: Actor,
    kind: str,
    target: Path | None,
    start: date | None = None,
    end: date | None = None,
    stdout: IO[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """Write every row of `kind` the actor may see to `target` (CSV or XLSX by its name; CSV
    on `stdout` without one), optionally only the days from `start` to `end`; returns the
    number of rows."""
    found = kind_named(kind)
    progress = progress or NoProgress()
    authorize(actor, found.read_permission)
    if (start is not None or end is not None) and not found.dated:
        raise Invalid("from", f"{found.name} have no dates; export them without a period")
    statement = found.dump(actor, start, end)
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    progress.phase(f"exporting {found.name}", int(total or 0))
    writer = _writer(target, found, stdout)
    result = await session.stream(statement)
    try:
        async for batch in result.partitions(EXPORT_BATCH):
            writer.write(found.format_row(row) for row in batch)
            progress.advance(len(batch))
    except TableError as error:
        raise Invalid("file", str(error)) from None
    finally:
        await result.close()
    return writer.close()


def _writer(target: Path | None, kind: Kind, stdout: IO[str] | None) -> TableWriter:
    try:
        return TableWriter(target, kind.export_columns, stdout)
    except (TableError, OSError) as error:
        raise Invalid("file", str(error)) from None
