"""A request's own database connection cut under it (what a PostgreSQL restart or failover does
to a client): before a statement, during a long one, during the commit; on a GraphQL query, a
GraphQL mutation and a plain endpoint. Each gets a fast 503 with Retry-After (the request may be
retried), nothing of it is written, one log line tells of it (no traceback), and the next
request succeeds on a fresh connection. Redis refusing connections on a path that needs it is
answered the same way."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
import pytest
import pytest_asyncio
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from structlog.testing import capture_logs

from api.app import create_app
from domain.audit.models import AuditEntry
from domain.db import Database
from domain.identity.models import RefreshToken
from domain.regions.models import Region
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.backends import PG_HOST, PG_PORT
from tests.conftest import is_postgres
from tests.factories import PASSWORD, World, system

ME = {"query": "query Me { me { role user { id } } }"}
CREATE = {
    "query": "mutation Add($i: RegionCreateInput!) { regionCreate(input: $i) "
    "{ region { id } userErrors { code } } }",
    "variables": {"i": {"code": "CUT", "name": "Cut short"}},
}


def _admin() -> psycopg.Connection[Any]:
    return psycopg.connect(
        f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres", autocommit=True
    )


def _terminate(pid: int) -> None:
    """Cut one backend, and wait until it is gone (the client's socket is closed then)."""
    with _admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(100):
            if not admin.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)
            ).fetchone():
                return
            time.sleep(0.02)
    raise AssertionError(f"backend {pid} outlived pg_terminate_backend")


def _backend_pid(connection: Any) -> int:
    pid: int = connection.connection.dbapi_connection.driver_connection.get_server_pid()
    return pid


@dataclass
class Cut:
    """Where a request's connection is cut: at the first statement `matches` accepts,
    before it is sent (`before`) or while it waits on a lock the test holds (`during`); or at
    the commit that follows it (`commit`)."""

    when: str
    matches: Callable[[str], bool]
    table: str
    database: str
    done: bool = False
    seen: bool = False
    threads: list[threading.Thread] = field(default_factory=list)

    def attach(self, database: Database) -> None:
        event.listen(database.engine.sync_engine, "before_cursor_execute", self._statement)
        event.listen(database.engine.sync_engine, "commit", self._commit)

    def _statement(self, connection: Any, *args: Any) -> None:
        statement: str = args[1]
        if self.done or not self.matches(statement):
            return
        self.seen = True
        if self.when == "before":
            self.done = True
            _terminate(_backend_pid(connection))
        elif self.when == "during":
            self.done = True
            self._cut_while_waiting(_backend_pid(connection))

    def _commit(self, connection: Any) -> None:
        if self.when == "commit" and self.seen and not self.done:
            self.done = True
            _terminate(_backend_pid(connection))

    def _cut_while_waiting(self, pid: int) -> None:
        """Hold a lock the statement needs, cut the backend once it waits on it, release."""
        holder = psycopg.connect(
            f"host={PG_HOST} port={PG_PORT} user=postgres dbname={self.database}"
        )
        holder.execute("SET lock_timeout = '3s'")  # never a test hung on a lock of its own
        holder.execute(f"LOCK TABLE {self.table} IN ACCESS EXCLUSIVE MODE")

        def cut() -> None:
            try:
                with _admin() as admin:
                    for _ in range(250):
                        row = admin.execute(
                            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)
                        ).fetchone()
                        if row and row[0] == "Lock":
                            break
                        time.sleep(0.02)
                    else:
                        raise AssertionError("the statement never waited on the lock")
                    time.sleep(0.2)  # a statement that has run a while
                _terminate(pid)
            finally:
                holder.rollback()
                holder.close()

        thread = threading.Thread(target=cut, daemon=True)
        thread.start()
        self.threads.append(thread)


@pytest_asyncio.fixture(loop_scope="session")
async def app_db(settings: Settings) -> AsyncIterator[Database]:
    """The application's own pool (small), apart from the tests' `db`."""
    if not is_postgres(settings):
        pytest.skip("a PostgreSQL server's connections are cut")
    database = Database(settings.database_url, pool_size=2, max_overflow=2)
    yield database
    await database.dispose()


def _client(settings: Settings, database: Database) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(
        app=create_app(settings, database), client=("127.0.0.1", 40001), raise_app_exceptions=False
    )
    return httpx.AsyncClient(transport=transport, base_url="http://peihuo.test", timeout=30)


async def _send(
    http: httpx.AsyncClient, kind: str, world: World, settings: Settings
) -> httpx.Response:
    if kind == "login":
        body = {"tenant": world.tenant.slug, "email": world.hq.email, "password": PASSWORD}
        return await http.post("/auth/login", json=body)
    headers = {"Authorization": f"Bearer {world.hq.token(settings)}"}
    return await http.post("/graphql", json=ME if kind == "query" else CREATE, headers=headers)


async def _written(db: Database, world: World, kind: str) -> int:
    async with tenant_session(db, system(world.tenant)) as session:
        if kind == "mutation":
            regions = await session.scalar(
                select(func.count()).select_from(Region).where(Region.code == "CUT")
            )
            audits = await session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action.like("region%"))
            )
            return int(regions or 0) + int(audits or 0)
        tokens = await session.scalar(
            select(func.count())
            .select_from(RefreshToken)
            .where(RefreshToken.user_id == world.hq.user.id)
        )
        return int(tokens or 0)


# (request, when, the statement the cut waits for, the table it waits on when `during`: one
# the request's transaction has not touched yet). The query's cut before a statement falls in
# its resolver (the GraphQL result path), during one in the token check (the HTTP edge).
def _lines(
    caplog: pytest.LogCaptureFixture, structured: list[dict[str, Any]]
) -> list[tuple[int, str]]:
    """(level, message) of every line logged, by the standard library's loggers and
    structlog's; a line with a traceback counts as an error whatever its level."""
    lines = [(logging.ERROR if r.exc_info else r.levelno, r.getMessage()) for r in caplog.records]
    for entry in structured:
        level = logging.getLevelName(str(entry.get("log_level", "info")).upper())
        traced = entry.get("exc_info") or entry.get("exception")
        lines.append((logging.ERROR if traced else int(level), str(entry.get("event"))))
    return lines


VARIANTS = [
    ("query", "before", "FROM users WHERE", ""),
    ("query", "during", "FROM memberships JOIN users", "memberships"),
    ("mutation", "before", "INSERT INTO regions", ""),
    ("mutation", "during", "INSERT INTO audit_log", "audit_log"),
    ("mutation", "commit", "INSERT INTO audit_log", ""),
    ("login", "before", "INSERT INTO refresh_tokens", ""),
    ("login", "during", "INSERT INTO refresh_tokens", "refresh_tokens"),
    ("login", "commit", "INSERT INTO refresh_tokens", ""),
]


@pytest.mark.parametrize(("kind", "when", "statement", "table"), VARIANTS)
async def test_a_connection_cut_mid_request_answers_503_and_the_next_request_succeeds(
    kind: str,
    when: str,
    statement: str,
    table: str,
    settings: Settings,
    world: World,
    db: Database,
    app_db: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    name = str(make_url(settings.database_url).database)
    cut = Cut(when, lambda s: statement in " ".join(s.split()), table, name)
    cut.attach(app_db)
    async with _client(settings, app_db) as http:
        before = await _written(db, world, kind)
        caplog.clear()
        with caplog.at_level(logging.INFO), capture_logs() as structured:
            response = await _send(http, kind, world, settings)
        for thread in cut.threads:
            thread.join(10)
        assert cut.done, "the connection was never cut"

        assert response.status_code == 503, response.text
        assert response.headers["retry-after"] == "1"
        if kind == "login":
            assert response.json()["error"] == "UNAVAILABLE"
        else:
            (error,) = response.json()["errors"]
            assert error["extensions"]["code"] == "UNAVAILABLE"
            assert "retry" in error["message"]
        # One line tells of it; no traceback, no error-level storm.
        lines = _lines(caplog, structured)
        assert len([line for line in lines if "unavailable" in line[1]]) == 1, lines
        assert not [line for line in lines if line[0] >= logging.ERROR], lines
        # Nothing half-written: the transaction died with the connection.
        assert await _written(db, world, kind) == before

        # The pool recovers: the same request now succeeds.
        again = await _send(http, kind, world, settings)
        assert again.status_code == 200, again.text
        if kind != "login":
            assert "errors" not in again.json()
            if kind == "mutation":
                assert again.json()["data"]["regionCreate"]["userErrors"] == []


async def test_redis_refusing_connections_on_login_answers_503(
    settings: Settings, world: World, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    unreachable = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    async with _client(unreachable, db) as http:
        with caplog.at_level(logging.INFO), capture_logs() as structured:
            response = await _send(http, "login", world, unreachable)
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "1"
    assert response.json() == {
        "error": "UNAVAILABLE",
        "message": "Redis is unavailable: retry shortly",
    }
    lines = _lines(caplog, structured)
    assert len([line for line in lines if "unavailable" in line[1]]) == 1, lines
    assert not [line for line in lines if line[0] >= logging.ERROR], lines
