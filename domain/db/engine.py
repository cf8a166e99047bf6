"""Engines and session factories: one `Database` per process (or per worker thread)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import event, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, NullPool, PoolProxiedConnection


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
    connect_args = {"connection_class": PgConnection, **kwargs.pop("connect_args", {})}
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)
    _watch_pool(engine)
    return engine


#: A pooled connection idle for longer than this is pinged before it is lent; one used more
#: recently is lent as it is.
PING_AFTER_IDLE_SECONDS = 1.0
_USED_AT = "peihuo_used_at"


def _watch_pool(engine: AsyncEngine) -> None:
    """Ping a connection that sat idle in the pool before lending it; drop what a statement
    left for the next BEGIN (PgConnection) when its connection goes back.

    `pool_pre_ping` pings on every checkout: three round trips (BEGIN, the ping, ROLLBACK)
    before each request. A connection in use a moment ago is alive, so under load none is
    pinged. One cut in that moment (a restart, a failover) fails its request as a disconnect
    (a 503), which invalidates the whole pool (SQLAlchemy's default): the others are replaced
    before they are lent again. One that idled is pinged and, dead, invalidates the pool too.
    """
    dialect = engine.sync_engine.dialect

    def used_now(_dbapi: Any, record: ConnectionPoolEntry) -> None:
        record.info[_USED_AT] = time.monotonic()

    def checkin(dbapi: Any, record: ConnectionPoolEntry) -> None:
        used_now(dbapi, record)
        if isinstance(driver := record.driver_connection, PgConnection):
            driver.forget_with_begin()  # nothing of one checkout's session reaches the next

    def checkout(dbapi: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
        if time.monotonic() - record.info.get(_USED_AT, 0.0) <= PING_AFTER_IDLE_SECONDS:
            return
        try:
            dialect.do_ping(dbapi)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi, None):
                raise exc.InvalidatePoolError() from error
            raise

    event.listen(engine.sync_engine, "connect", used_now)
    event.listen(engine.sync_engine, "checkin", checkin)
    event.listen(engine.sync_engine, "checkout", checkout)


class PgConnection(asyncpg.Connection):  # type: ignore[misc]  # asyncpg has no type hints
    """An asyncpg connection that can send a statement with the next BEGIN, in the same
    round trip (domain.tenancy.session sets the row-level security tenant this way)."""

    _with_begin: str = ""

    def run_with_next_begin(self, statement: str) -> None:
        """Run `statement` (SQL with its values in it: no parameters) right after the next
        BEGIN, in the same message; it is forgotten once sent."""
        self._with_begin = statement

    def forget_with_begin(self) -> None:
        """Drop a statement `run_with_next_begin` left unsent."""
        self._with_begin = ""

    async def execute(
        self,
        query: str,
        *args: Any,
        timeout: float | None = None,  # noqa: ASYNC109 - asyncpg's own signature
    ) -> str:
        # asyncpg's Transaction.start() sends `BEGIN[ ISOLATION ...];` through execute() with
        # no arguments (the simple query protocol, which takes several statements at once).
        if self._with_begin and not args and query.startswith("BEGIN"):
            query, self._with_begin = f"{query} {self._with_begin}", ""
        status: str = await super().execute(query, *args, timeout=timeout)
        return status


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
    """ANALYZE the PostgreSQL database at `url` (its owner's URL: PostgreSQL skips tables the
    role does not own), so the planner knows the sizes of tables a bulk load just filled.

    Autovacuum does this on its own schedule, and not at all where it is off; until it has, a
    freshly seeded table counts as nearly empty and a join over it can be planned as a nested
    loop of sequential scans (a 0.1 ms lookup took 15 ms of the stores page). Bulk loads call this
    when they finish, as `pg_restore` users do.

    SQLite is left without statistics: with a `sqlite_stat1` that has gone stale (an index seen
    as unique), SQLite 3.40 answers `tenant_id = ? AND status IN (?, ?) AND due_at < ?` over the
    (tenant_id, status, due_at) index with rows whose due_at is later (seen in the test suite's
    database; the same query without the statistics is right). Its planner does well enough
    without them for the embedded setup."""
    if make_url(url).get_backend_name() != "postgresql":
        return
    engine = make_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
