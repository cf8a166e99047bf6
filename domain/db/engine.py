"""Engines and session factories: one `Database` per process (or per worker thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


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
