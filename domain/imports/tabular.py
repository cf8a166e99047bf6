"""Tabular files: CSV and XLSX read as rows of text keyed by column, and written back.

Every cell is read as text (XLSX numbers and dates are turned into the text a person would
type), so one set of parsers serves both formats. Row numbers are the ones a spreadsheet
shows: the header is row 1, the first data row is row 2.

`TableWriter` is the one writer of every file the service hands out (imports' exports, order
exports, forecasts, error reports): no text cell it writes is a formula (domain.imports.formulas),
while numbers and dates keep their types.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from domain.bulk.rows import RowError
from domain.imports import formulas

FORMATS = (".csv", ".xlsx")
CSV_ENCODING = "utf-8-sig"  # a BOM lets Excel open Chinese text correctly; read with or without


class TableError(Exception):
    """The file cannot be read as a table at all (wrong format, no header, bad encoding)."""


@dataclass
class Table:
    """A file's header and its data rows, each `(row number, cells in header order)`."""

    columns: list[str]
    rows: Iterator[tuple[int, list[str]]]
    size_hint: int | None  # how many data rows there are, roughly (for progress)


def normalise_header(name: str) -> str:
    """`Store Code ` → `store_code`: headers are matched without case, spaces or dashes."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def cell_text(value: Any) -> str:
    """A cell's value as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def format_of(path: Path) -> str:
    """`.csv` or `.xlsx`, from the file name."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise TableError(f"{path.name}: only .csv and .xlsx files are supported")
    return suffix


def read_table(path: Path) -> Table:
    """Open a CSV or XLSX file (the first sheet) for reading."""
    if format_of(path) == ".csv":
        return _read_csv(path)
    return _read_xlsx(path)


def _count_lines(path: Path) -> int:
    with path.open("rb") as raw:
        return sum(block.count(b"\n") for block in iter(lambda: raw.read(1 << 20), b""))


def _read_csv(path: Path) -> Table:
    handle = path.open(newline="", encoding=CSV_ENCODING)
    try:
        first = handle.read(4096)
        handle.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(first, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        header = next(reader, None)
    except UnicodeDecodeError:
        handle.close()
        raise TableError(f"{path.name}: not UTF-8 text (save the CSV as UTF-8)") from None
    if not header:
        handle.close()
        raise TableError(f"{path.name}: the file is empty (a header row is expected)")

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, cells in enumerate(reader, start=2):
                if any(c.strip() for c in cells):
                    yield number, [formulas.from_csv(c.strip()) for c in cells]
        except UnicodeDecodeError:
            raise TableError(f"{path.name}: not UTF-8 text (save the CSV as UTF-8)") from None
        finally:
            handle.close()

    return Table([normalise_header(h) for h in header], rows(), max(_count_lines(path) - 1, 0))


def _read_xlsx(path: Path) -> Table:
    import openpyxl  # only for workbooks: it takes a while to import

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(f"{path.name}: not a readable .xlsx workbook ({error})") from None
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)
    if header is None or not any(h is not None for h in header):
        workbook.close()
        raise TableError(f"{path.name}: the first sheet is empty (a header row is expected)")
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, cells in enumerate(values, start=2):
                texts = [cell_text(c) for c in cells[:width]]
                if any(texts):
                    yield number, texts
        finally:
            workbook.close()

    hint = (sheet.max_row - 1) if sheet.max_row else None
    return Table([normalise_header(cell_text(h)) for h in header], rows(), hint)


XLSX_MAX_ROWS = 1_048_575  # a sheet's rows, less the header


class TableWriter:
    """Writes a CSV or XLSX file (by its name), or CSV to a text stream, a batch at a time."""

    def __init__(
        self,
        target: Path | None,
        columns: Sequence[str],
        stdout: IO[str] | None = None,
        xlsx: bool | None = None,
    ) -> None:
        self.count = 0
        self.target = target
        self.xlsx = (
            xlsx if xlsx is not None else target is not None and format_of(target) == ".xlsx"
        )
        self.content = b""  # a workbook written without a target
        self.handle: IO[str] | None = None
        if self.xlsx:
            import openpyxl  # only for workbooks: it takes a while to import

            self.workbook = openpyxl.Workbook(write_only=True)
            self.sheet = self.workbook.create_sheet()
            self.sheet.append(list(columns))
        else:
            self.handle = (
                target.open("w", newline="", encoding=CSV_ENCODING)
                if target is not None
                else (stdout or sys.stdout)
            )
            self.writer = csv.writer(self.handle, lineterminator="\n")
            self.writer.writerow(columns)

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        """Append rows (values in column order)."""
        for row in rows:
            if self.xlsx:
                if self.count >= XLSX_MAX_ROWS:
                    raise TableError(
                        f"more than {XLSX_MAX_ROWS:,} rows do not fit in an .xlsx sheet; "
                        "export to .csv or a shorter period"
                    )
                self.sheet.append([self._xlsx_cell(v) for v in row])
            else:
                self.writer.writerow([_csv_cell(v) for v in row])
            self.count += 1

    def _xlsx_cell(self, value: Any) -> Any:
        # Codes stay text (a leading zero matters); amounts and counts are numbers.
        if isinstance(value, Decimal):
            return float(value)
        if not isinstance(value, str) or not value.startswith((*formulas.TRIGGERS, "#")):
            return value
        from openpyxl.cell import WriteOnlyCell

        # openpyxl would write `=…` as a formula and `#DIV/0!` as an error: text, always; the
        # quote prefix keeps Excel from turning it into a formula when someone edits the cell.
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = formulas.starts_formula(value)
        return cell

    def close(self) -> int:
        """Finish the file; returns how many rows were written."""
        if self.xlsx:
            buffer = io.BytesIO()
            self.workbook.save(buffer)
            self.content = buffer.getvalue()
            if self.target is not None:
                self.target.write_bytes(self.content)
        elif self.handle is not None and self.target is not None:
            self.handle.close()
        elif self.handle is not None:
            self.handle.flush()
        return self.count


def write_table(
    target: Path | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    stdout: IO[str] | None = None,
) -> int:
    """Write rows to a CSV or XLSX file (by its name), or as CSV to stdout; returns the row count."""
    writer = TableWriter(target, columns, stdout)
    writer.write(rows)
    return writer.close()


def table_bytes(suffix: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A table as the bytes of a `.csv` (UTF-8 with a BOM, for Excel) or `.xlsx` file."""
    if suffix not in FORMATS:
        raise TableError(f"only {' and '.join(FORMATS)} can be written")
    text = io.StringIO()
    writer = TableWriter(None, columns, stdout=text, xlsx=suffix == ".xlsx")
    writer.write(rows)
    writer.close()
    return writer.content or text.getvalue().encode(CSV_ENCODING)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    text = cell_text(value)
    return formulas.to_csv(text) if isinstance(value, str) else text


def write_errors(target: Path, errors: Iterable[RowError]) -> None:
    """A CSV report of row errors: row, column, code, message (columns as the file named them,
    so through the same writer as every export)."""
    write_table(
        target,
        ["row", "column", "code", "message"],
        ([e.row, e.field or "", e.code.value, e.message] for e in errors),
    )
