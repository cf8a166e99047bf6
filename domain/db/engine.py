"""Engines and session factories: one `Database` per process (or per worker thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for `url` (SQLite via aiosqlite, PostgreSQL via asyncpg)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.pop("pool_timeout", None)  # the embedded setup has no pool to wait for
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


class Database:
    """An engine and its session factory."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        # Every model, so that any entry point (a CLI command imports only what it uses)
        # gets the whole metadata: a relation or foreign key to a model nobody imported
        # would fail at the first query. Imported here, not at the top: the models import
        # this package.
        import domain.models  # noqa: F401

        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def session(self, **info: Any) -> AsyncSession:
        """A bare session carrying `info` (use domain.tenancy.session to get a tenant's)."""
        return self.sessionmaker(info=dict(info))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


async def refresh_statistics(url: str) -> None:
    """ANALYZE the database at `url` (its owner's URL: PostgreSQL skips tables the role does not
    own), so the planner knows the sizes of tables a bulk load just filled.

    Autovacuum does this on its own schedule, and not at all where it is off; until it has, a
    freshly seeded table counts as nearly empty and a join over it can be planned as a nested
    loop of sequential scans (a 0.1 ms lookup took 15 ms of the stores page). Bulk loads call this
    when they finish, as `pg_restore` users do."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
