"""Bulk upserts for high-volume tables, in one statement per chunk, on SQLite and PostgreSQL.

PostgreSQL gets `INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE`: one round trip
per chunk, and unlike COPY it works under row-level security (the WITH CHECK policy still
applies, so a row of another tenant is refused). SQLite gets `executemany` of the same upsert.
Values go through each column's bind processor, so they are stored exactly as the ORM would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import chunks

CHUNK_ROWS = 20_000


def _processors(
    table: Table, columns: Sequence[str], dialect: Any
) -> list[Callable[[Any], Any] | None]:
    return [table.c[name].type.bind_processor(dialect) for name in columns]


def _quote(dialect: Any, name: str) -> str:
    return str(dialect.identifier_preparer.quote(name))


def _conflict(dialect: Any, key: Sequence[str], update: Sequence[str]) -> str:
    if not key:
        return ""
    sets = ", ".join(f"{_quote(dialect, c)} = excluded.{_quote(dialect, c)}" for c in update)
    conflict = ", ".join(_quote(dialect, c) for c in key)
    return f" ON CONFLICT ({conflict}) DO UPDATE SET {sets}"


def _postgres_sql(
    table: Table, columns: Sequence[str], key: Sequence[str], update: Sequence[str], dialect: Any
) -> str:
    names = ", ".join(_quote(dialect, c) for c in columns)
    arrays = ", ".join(
        f"CAST(:c{i} AS {table.c[c].type.compile(dialect=dialect)}[])"
        for i, c in enumerate(columns)
    )
    aliases = ", ".join(f"v{i}" for i in range(len(columns)))
    return (
        f"INSERT INTO {_quote(dialect, table.name)} ({names}) "
        f"SELECT {aliases} FROM unnest({arrays}) AS v({aliases})" + _conflict(dialect, key, update)
    )


def _sqlite_sql(
    table: Table, columns: Sequence[str], key: Sequence[str], update: Sequence[str], dialect: Any
) -> str:
    names = ", ".join(_quote(dialect, c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {_quote(dialect, table.name)} ({names}) VALUES ({marks})" + _conflict(
        dialect, key, update
    )


async def bulk_upsert(
    session: AsyncSession,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    key: Sequence[str],
    update: Sequence[str],
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> int:
    """Insert `rows` (tuples in `columns` order), updating `update` where `key` already exists.

    Runs in the session's transaction (tenant-bound: on PostgreSQL row-level security checks
    every row). Returns how many rows were written; `progress` is told after each chunk.
    """
    return await _write(session, table, columns, rows, key, update, progress, chunk_rows, False)


async def bulk_insert(
    session: AsyncSession,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    driver_ready: bool = False,
) -> int:
    """Insert new `rows` like `bulk_upsert`, without a conflict clause (a duplicate fails).

    With `driver_ready` the values are already what the driver takes for this dialect (what
    the columns' bind processors would give, e.g. floats for amounts, ISO text for dates on
    SQLite): per-value conversion is skipped, which matters for millions of rows.
    """
    return await _write(session, table, columns, rows, (), (), progress, chunk_rows, driver_ready)


async def _write(
    session: AsyncSession,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    key: Sequence[str],
    update: Sequence[str],
    progress: Callable[[int], None] | None,
    chunk_rows: int,
    driver_ready: bool,
) -> int:
    connection = await session.connection()
    dialect = connection.dialect
    processors = _processors(table, columns, dialect)
    postgres = dialect.name == "postgresql"
    sql = (_postgres_sql if postgres else _sqlite_sql)(table, columns, key, update, dialect)
    written = 0
    for batch in chunks(rows, chunk_rows):
        values = (
            batch
            if driver_ready
            else [
                tuple(
                    p(v) if p is not None and v is not None else v
                    for p, v in zip(processors, row, strict=True)
                )
                for row in batch
            ]
        )
        if postgres:
            arrays = {f"c{i}": list(col) for i, col in enumerate(zip(*values, strict=True))}
            await connection.execute(text(sql), arrays)
        else:
            await connection.exec_driver_sql(sql, values)
        written += len(batch)
        if progress is not None:
            progress(len(batch))
    _expire_loaded(session, table)
    return written


def _expire_loaded(session: AsyncSession, table: Table) -> None:
    """Objects of `table` already loaded are stale now: the next query reloads them."""
    for obj in list(session.sync_session.identity_map.values()):
        if inspect(obj).mapper.local_table is table:
            session.expire(obj)
