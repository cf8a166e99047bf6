"""`/healthz` (the process is alive) and `/readyz` (database, Redis and schema): what a container
orchestrator asks before it sends a process traffic, and before it restarts one."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest_asyncio
from sqlalchemy import text

from api.app import create_app
from api.health import CACHE_SECONDS, Readiness, Revisions, code_revisions, schema_state
from domain import migrations
from domain.db import Database
from domain.settings import Settings

UNREACHABLE_PG = "postgresql+asyncpg://peihuo_app@127.0.0.1:1/nowhere"


async def _get(settings: Settings, db: Database, path: str) -> httpx.Response:
    app = create_app(settings, db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as http:
        return await http.get(path)


@pytest_asyncio.fixture(loop_scope="session")
async def scratch(tmp_path: Path) -> AsyncIterator[tuple[str, Database]]:
    """An empty SQLite database of its own (migrated as each test needs)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'scratch.db'}"
    database = Database(url)
    yield url, database
    await database.dispose()


async def test_healthz_answers_without_asking_the_database(settings: Settings) -> None:
    gone = Database(UNREACHABLE_PG)
    try:
        response = await _get(settings, gone, "/healthz")
    finally:
        await gone.dispose()
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_ready_when_the_database_redis_and_schema_answer(
    settings: Settings, db: Database
) -> None:
    # On PostgreSQL the application's role reads alembic_version: migration 0009 grants it.
    response = await _get(settings, db, "/readyz")
    assert response.status_code == 200, response.text
    redis = "embedded" if settings.is_embedded_redis else "ok"
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "migrations": "ok",
        "redis": redis,
    }
    assert response.headers["cache-control"] == "no-store"


async def test_not_ready_when_redis_does_not_answer(settings: Settings, db: Database) -> None:
    nowhere = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    response = await _get(nowhere, db, "/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "not ready" and response.json()["redis"] == "unreachable"


async def test_not_ready_when_the_database_does_not_answer(settings: Settings) -> None:
    gone = Database(UNREACHABLE_PG)
    started = time.monotonic()
    try:
        response = await _get(settings, gone, "/readyz")
    finally:
        await gone.dispose()
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert time.monotonic() - started < 5  # fast, for a probe with a timeout of its own


async def test_a_schema_behind_the_code_is_not_ready_and_one_ahead_is(
    settings: Settings, scratch: tuple[str, Database]
) -> None:
    url, database = scratch
    embedded = settings.model_copy(update={"redis_url": "fakeredis://"})
    assert (await _get(embedded, database, "/readyz")).json()["migrations"] == "not migrated"
    await asyncio.to_thread(migrations.upgrade, url, "0008")
    behind = await _get(embedded, database, "/readyz")
    assert behind.status_code == 503 and behind.json()["migrations"] == "behind"
    await asyncio.to_thread(migrations.upgrade, url)
    assert (await _get(embedded, database, "/readyz")).status_code == 200
    # The next release migrated first (a revision this code does not know): still serve.
    async with database.engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = 'next-release'"))
    ahead = await _get(embedded, database, "/readyz")
    assert ahead.status_code == 200 and ahead.json()["migrations"] == "ahead"


def test_the_schema_state_compares_applied_revisions_with_the_codes() -> None:
    code = Revisions(heads=frozenset({"3"}), known=frozenset({"1", "2", "3"}))
    assert schema_state({"3"}, code) == "ok"
    assert schema_state({"2"}, code) == "behind"
    assert schema_state({"4"}, code) == "ahead"
    assert schema_state(set(), code) == "not migrated"
    shipped = code_revisions()
    assert shipped.heads <= shipped.known and len(shipped.heads) == 1


async def test_checks_are_cached_briefly(settings: Settings, db: Database) -> None:
    readiness = Readiness(settings, db)
    first = await readiness.check()
    checked_at = readiness.checked_at
    assert await readiness.check() is first and readiness.checked_at == checked_at
    readiness.checked_at -= CACHE_SECONDS  # as if the cache had aged
    await readiness.check()
    assert readiness.checked_at > checked_at
