"""Bulk writes' shared pieces: lookups in chunks a database takes in one IN list, and the counts
a bulk write reports. Used by the catalogue, stock, sales, stores and the imports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

#: Values per IN list: well under SQLite's and asyncpg's bound-parameter limits.
LOOKUP_CHUNK = 5000


@dataclass(frozen=True)
class UpsertCounts:
    """What a bulk write did."""

    created: int = 0
    updated: int = 0

    @property
    def total(self) -> int:
        """Rows written."""
        return self.created + self.updated


def chunks(values: Iterable[Any], size: int = LOOKUP_CHUNK) -> Iterator[list[Any]]:
    """`values` in lists of at most `size`."""
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
