"""The PostgreSQL pool: a connection is pinged before it is lent only after it sat idle."""

from __future__ import annotations

from collections.abc import AsyncIterator

import psycopg
import pytest
import pytest_asyncio
from asyncpg.connection import LoggedQuery
from sqlalchemy import text

from domain.db import Database
from domain.db import engine as engine_module
from domain.settings import Settings
from tests.backends import PG_HOST, PG_PORT
from tests.conftest import is_postgres


@pytest_asyncio.fixture(loop_scope="session")
async def one_connection(settings: Settings) -> AsyncIterator[Database]:
    """The application's database with a pool of one connection (each use lends the same)."""
    if not is_postgres(settings):
        pytest.skip("the ping is the PostgreSQL pool's")
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    yield database
    await database.dispose()


async def _backend_pid(db: Database) -> int:
    async with db.engine.connect() as connection:
        return int(await connection.scalar(text("SELECT pg_backend_pid()")))


async def _transactions_of_one_use(db: Database) -> int:
    """How many transactions the pooled connection begins for one statement (a ping is one)."""
    async with db.engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    begun: list[str] = []

    def log(record: LoggedQuery) -> None:
        if record.query.startswith("BEGIN"):
            begun.append(record.query)

    driver.add_query_logger(log)
    try:
        await _backend_pid(db)
    finally:
        driver.remove_query_logger(log)
    return len(begun)


@pytest.mark.parametrize(("idle_after", "transactions"), [(60.0, 1), (0.0, 2)])
async def test_a_connection_is_pinged_before_it_is_lent_only_after_idling(
    one_connection: Database,
    monkeypatch: pytest.MonkeyPatch,
    idle_after: float,
    transactions: int,
) -> None:
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", idle_after)
    # Used a moment ago: the statement's transaction alone. Idle: the ping's first.
    assert await _transactions_of_one_use(one_connection) == transactions


async def test_a_connection_idle_in_the_pool_is_pinged_and_replaced_when_dead(
    one_connection: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = await _backend_pid(one_connection)
    with psycopg.connect(
        f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres", autocommit=True
    ) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.0)  # any pause is idle
    # The ping finds the connection dead: a new one is lent, and the statement succeeds.
    assert await _backend_pid(one_connection) != pid
