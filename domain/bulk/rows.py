"""Row-level errors of bulk operations: which row, which field, what is wrong.

Bulk services (stock, sales, catalogue) and the file importers report problems per row so that
a caller fixes every bad row in one go; a batch with any bad row writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.errors import DomainError, ErrorCode, FieldError


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem with one row: `row` is the row's index in the input (or its line in a file)."""

    row: int
    field: str | None
    message: str
    code: ErrorCode = ErrorCode.INVALID


@dataclass(frozen=True, slots=True)
class RowWarning:
    """Something about a cell the import took as it is but the person should know."""

    row: int
    field: str | None
    message: str


class RowsRejected(DomainError):
    """A bulk operation refused because of bad rows; nothing was written."""

    def __init__(
        self, rows: Iterable[RowError], omitted: int = 0, warnings: Iterable[RowWarning] = ()
    ) -> None:
        self.rows = sorted(rows, key=lambda e: (e.row, e.field or ""))
        self.omitted = omitted  # problems found beyond the reporting limit
        self.warnings = list(warnings)
        assert self.rows, "RowsRejected needs at least one row error"
        first = self.rows[0]
        super().__init__(first.code, first.message, _path(first))
        self.errors = [
            FieldError(code=e.code, message=e.message, field=_path(e)) for e in self.rows
        ]


def _path(error: RowError) -> str:
    return f"rows[{error.row}].{error.field}" if error.field else f"rows[{error.row}]"


class RowErrors:
    """Collects row errors while a batch is validated, then raises them all at once."""

    def __init__(self, limit: int = 10_000) -> None:
        self.rows: list[RowError] = []
        self.limit = limit
        self.dropped = 0

    def add(
        self, row: int, field: str | None, message: str, code: ErrorCode = ErrorCode.INVALID
    ) -> None:
        """Record one problem (beyond `limit` problems only the count is kept)."""
        if len(self.rows) >= self.limit:
            self.dropped += 1
            return
        self.rows.append(RowError(row, field, message, code))

    def extend(self, errors: Iterable[RowError]) -> None:
        """Record problems found elsewhere (e.g. while reading a file)."""
        for e in errors:
            self.add(e.row, e.field, e.message, e.code)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def raise_if_any(self, warnings: Iterable[RowWarning] = ()) -> None:
        """Raise RowsRejected carrying everything collected, if anything was."""
        if self.rows:
            raise RowsRejected(self.rows, self.dropped, warnings)
