"""What every kind of import/export provides: its columns, how to load rows, how to dump them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import UpsertCounts
from domain.imports.columns import Column
from domain.permissions import Actor, Permission


class Progress(Protocol):
    """Told how a long import or export is getting on (the CLI draws a bar)."""

    def phase(self, name: str, total: int | None) -> None:
        """A new phase starts (reading, checking, writing), with its size when known."""

    def advance(self, count: int) -> None:
        """`count` more units of the current phase are done."""


class NoProgress:
    """Progress reporting that reports nothing."""

    def phase(self, name: str, total: int | None) -> None:
        """Ignored."""

    def advance(self, count: int) -> None:
        """Ignored."""


Record = tuple[int, dict[str, Any]]  # (row number in the file, values by column name)
Loader = Callable[
    [AsyncSession, Actor, Sequence[Record], bool, str, Progress], Awaitable[UpsertCounts]
]
Statement = Select[*tuple[Any, ...]]  # a SELECT of any columns
Dumper = Callable[[Actor, date | None, date | None], Statement]


def as_is(row: Sequence[Any]) -> tuple[Any, ...]:
    """An exported row whose values are written as they are."""
    return tuple(row)


@dataclass(frozen=True)
class Kind:
    """One kind of file: `load` checks (and with `write`, writes) parsed rows, raising
    RowsRejected with every bad row; `dump` checks the actor may read and gives the statement
    whose rows, passed through `format_row`, are the export in `columns` order."""

    name: str
    summary: str
    columns: tuple[Column, ...]
    load: Loader
    dump: Dumper
    read_permission: Permission
    write_permission: Permission
    dated: bool = False  # whether an export can be limited to a period
    format_row: Callable[[Sequence[Any]], tuple[Any, ...]] = as_is
    partial: bool = False  # rows carry only the file's columns (absent ones stay as they are)
    counted: str = "rows"  # what the load's counts count

    @property
    def export_columns(self) -> list[str]:
        """Column names of an export (and of a file the import reads back)."""
        return [c.name for c in self.columns]
