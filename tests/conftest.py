"""Shared fixtures: every database test runs on SQLite and (when present) PostgreSQL.

Isolation comes from tenancy: each test makes its own tenants (factories give unique slugs),
so tests can commit, run workers and race each other without seeing one another's rows.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

from tests.backends import (
    AVAILABLE,
    DATABASES,
    IN_CI,
    PG_HOST,
    PG_PORT,
    REDIS_HOST,
    REDIS_PORT,
    REDISES,
)

if TYPE_CHECKING:
    import httpx

    from domain.db import Database
    from domain.settings import Settings

# The application is imported by the fixtures that use it, not here: xdist's controller process
# loads this file too, and runs no test (importing the app costs seconds of CPU).
pytest_plugins = ["tests.fixtures"]

# The slow lane: `make check` runs every test not marked slow, `make test` runs them all. Whole
# folders are slow (browsers; wheels, images and charts); single modules say so themselves.
SLOW_FOLDERS = ("e2e", "deploy")
TESTS_DIR = Path(__file__).parent
_on_one_backend = {"tests": 0}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow folders (before `-m` picks)."""
    for item in items:
        parts = item.path.relative_to(TESTS_DIR).parts if TESTS_DIR in item.path.parents else ()
        if parts and parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Count the database tests of this run, which without PostgreSQL run on SQLite only."""
    _on_one_backend["tests"] = sum(
        1
        for item in session.items
        if getattr(item, "callspec", None) is not None
        and item.callspec.params.get("backend") == "sqlite"  # type: ignore[attr-defined]
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Outside CI, a missing PostgreSQL or Redis is skipped quietly: say so on one line."""
    if IN_CI or (AVAILABLE.postgres and AVAILABLE.redis):
        return
    missing = []
    if not AVAILABLE.postgres:
        missing.append(
            f"PostgreSQL ({PG_HOST}:{PG_PORT}): {_on_one_backend['tests']} database tests "
            "ran on SQLite only"
        )
    if not AVAILABLE.redis:
        missing.append(f"Redis ({REDIS_HOST}:{REDIS_PORT}): jobs ran on fakeredis")
    terminalreporter.write_line(
        f"not reachable, so skipped: {'; '.join(missing)}; start them and run with CI=true "
        "(as .ci/run does) to run everything",
        yellow=True,
    )


def _worker_suffix() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _run_id() -> str:
    # One name per test run, so that runs side by side (two checkouts, two sessions) never drop
    # each other's databases; xdist gives its workers the controller's run id.
    return os.environ.get("PYTEST_XDIST_TESTRUNUID", f"p{os.getpid()}")[:10]


def _pg_database() -> str:
    return f"peihuo_test_{_run_id()}_{_worker_suffix()}"


def _recreate_pg_database(name: str, create: bool = True) -> None:
    import psycopg

    with psycopg.connect(
        f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def database_urls(backend: str, tmp: Path) -> tuple[str, str]:
    """(application URL, admin URL) of a freshly migrated test database."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / f'peihuo-{_worker_suffix()}.db'}"
        return url, url
    name = _pg_database()
    _recreate_pg_database(name)
    admin = f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    app = f"postgresql+asyncpg://peihuo_app@{PG_HOST}:{PG_PORT}/{name}"
    return app, admin


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, str]]]:
    """Each available database, created and migrated once per run."""
    from domain import migrations

    tmp = tmp_path_factory.mktemp("db")
    urls: dict[str, tuple[str, str]] = {}
    for backend in DATABASES:
        app_url, admin_url = database_urls(backend, tmp)
        migrations.upgrade(admin_url)
        urls[backend] = (app_url, admin_url)
    yield urls
    if "postgresql" in urls:
        _recreate_pg_database(_pg_database(), create=False)


@pytest.fixture(scope="session", params=DATABASES)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test (sqlite or postgresql)."""
    return str(request.param)


@pytest.fixture(scope="session")
def redis_backend() -> str:
    """Jobs run on the real Redis when there is one, else on the in-process stand-in."""
    return REDISES[-1]


CLAIM_PREFIX = "peihuo:test-redis-db:"


def _claim_redis_db() -> tuple[int, str]:
    """A Redis database (1-15) no other test process uses now: runs side by side (two
    checkouts, two sessions, xdist workers) must not run or flush each other's jobs.
    Claimed by a key in database 0 that expires, so a killed run frees it in time."""
    from redis import Redis

    lobby = Redis(host=REDIS_HOST, port=REDIS_PORT, db=0)
    owner = f"{_run_id()}-{_worker_suffix()}-{os.getpid()}"
    for index in range(1, 16):
        if lobby.set(f"{CLAIM_PREFIX}{index}", owner, nx=True, ex=3 * 3600):
            return index, owner
    raise RuntimeError("Redis databases 1-15 are all claimed by other test runs")


def _release_redis_db(index: int, owner: str) -> None:
    from redis import Redis

    lobby = Redis(host=REDIS_HOST, port=REDIS_PORT, db=0)
    key = f"{CLAIM_PREFIX}{index}"
    if lobby.get(key) == owner.encode():
        lobby.delete(key)


@pytest.fixture(scope="session")
def redis_url(redis_backend: str) -> Iterator[str]:
    """This process's Redis: a database of its own on the real server, else the stand-in."""
    if redis_backend != "redis":
        yield "fakeredis://"
        return
    from redis import Redis

    index, owner = _claim_redis_db()
    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{index}"
    Redis.from_url(url).flushdb()  # jobs left by an earlier run must not run here
    yield url
    _release_redis_db(index, owner)


@pytest.fixture(scope="session")
def _table_owner(settings: Settings) -> Iterator[Any]:
    """A plain DB-API connection (autocommit) to this backend's test database as the tables'
    owner, for the suite's own housekeeping between tests."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.migration_url)
    if url.get_backend_name() == "sqlite":
        import sqlite3

        connection: Any = sqlite3.connect(url.database or "", isolation_level=None, timeout=30)
    else:
        import psycopg

        connection = psycopg.connect(
            host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
        )
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def _no_jobs_of_other_tests(request: pytest.FixtureRequest) -> None:
    """Every test that uses the settings starts with an empty Redis database and an empty
    outbox: the SQLite and the PostgreSQL tests of a process share one Redis, and a job an
    earlier test left queued (for a tenant or a run whose id means something else in this
    database) must not run here; nor may the outbox rows earlier tests left unrelayed (the
    notifications of their order moves, say) be relayed and run by this test's `run_jobs`,
    which would make each test that drains the jobs pay for every test before it."""
    if "settings" not in request.fixturenames:
        return
    from domain.jobs.queue import redis_connection

    redis_connection(request.getfixturevalue("settings")).flushdb()
    request.getfixturevalue("_table_owner").execute("DELETE FROM outbox")


@pytest.fixture(scope="session")
def settings(
    migrated: dict[str, tuple[str, str]],
    backend: str,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Settings:
    """Settings pointing at this backend's test database, the test Redis and a files folder."""
    from pydantic import SecretStr

    from domain.settings import Settings

    app_url, admin_url = migrated[backend]
    return Settings(
        database_url=app_url,
        database_admin_url=admin_url,
        redis_url=redis_url,
        login_max_failures=5,
        # Not the built-in development secrets: `peihuo` processes the tests start on
        # PostgreSQL and Redis refuse those (tests/processes.py hands these on).
        secret_key=SecretStr("peihuo-test-signing-key-not-the-development-one-0123456789"),
        webhook_secret=SecretStr("peihuo-test-webhook-secret"),
        storage_url=f"file://{tmp_path_factory.mktemp('files')}",
    )


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def db(settings: Settings) -> AsyncIterator[Database]:
    """The application's database (on PostgreSQL: the non-owner role, under row-level security)."""
    from domain.db import Database
    from domain.jobs import runner

    database = Database(settings.database_url)
    runner.configure(settings)
    yield database
    await database.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def admin_db(settings: Settings) -> AsyncIterator[Database]:
    """The tables' owner (PostgreSQL superuser in tests: bypasses row-level security)."""
    from domain.db import Database

    database = Database(settings.migration_url)
    yield database
    await database.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def client(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    import httpx

    from api.app import create_app

    app = create_app(settings, db)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as http:
        yield http


def is_postgres(settings: Settings) -> bool:
    """Whether this test runs on PostgreSQL."""
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).get_backend_name() == "postgresql"


def run_sync(coro: Any) -> Any:
    """Run a coroutine from sync code (helper for hypothesis-style tests)."""
    return asyncio.get_event_loop().run_until_complete(coro)
