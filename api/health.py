"""Liveness and readiness, for a container orchestrator.

- `/healthz`: the process serves requests. Nothing outside it is asked, so an outage of the
  database does not get every API process restarted.
- `/readyz`: this process can do its work now: the database and Redis answer and the schema
  has every migration this code knows of. A schema newer than the code (the migration of the
  next release ran, this process is of the last) is ready: an upgrade must not take every old
  process out of service before the new ones start. Each process checks at most once per
  `CACHE_SECONDS`, so probes from many places cost the database little.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.db import Database
from domain.settings import Settings

CACHE_SECONDS = 2.0
TIMEOUT_SECONDS = 2.0


async def health(request: Request) -> Response:
    """GET /healthz: the process is alive."""
    return JSONResponse({"status": "ok"})


@dataclass(frozen=True)
class Revisions:
    """What this code's migrations hold: their heads and every revision they know."""

    heads: frozenset[str]
    known: frozenset[str]


def code_revisions() -> Revisions:
    """The heads and revisions of the migrations shipped with this code."""
    from alembic.script import ScriptDirectory

    from domain.migrations import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    known = frozenset(revision.revision for revision in script.walk_revisions())
    return Revisions(heads=frozenset(script.get_heads()), known=known)


def schema_state(applied: set[str], code: Revisions) -> str:
    """`ok` (at this code's heads), `ahead` (a revision this code does not know: newer),
    `behind` (migrations of this code not applied yet) or `not migrated`."""
    if not applied:
        return "not migrated"
    if applied == code.heads:
        return "ok"
    if applied - code.known:
        return "ahead"
    return "behind"


@dataclass
class Readiness:
    """The readiness checks of one process, cached briefly."""

    settings: Settings
    db: Database
    checked_at: float = float("-inf")
    result: dict[str, str] = field(default_factory=dict)
    _revisions: Revisions | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def check(self) -> dict[str, str]:
        """Each dependency's state (`ok`, `embedded`, `ahead` are ready; anything else not)."""
        async with self._lock:  # one check at a time; the others wait for its result
            if time.monotonic() - self.checked_at >= CACHE_SECONDS:
                database, migrations = await self._database()
                self.result = {
                    "database": database,
                    "migrations": migrations,
                    "redis": await self._redis(),
                }
                self.checked_at = time.monotonic()
            return self.result

    async def _database(self) -> tuple[str, str]:
        if self._revisions is None:
            self._revisions = await asyncio.to_thread(code_revisions)
        try:
            async with asyncio.timeout(TIMEOUT_SECONDS), self.db.engine.connect() as connection:
                rows = await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
                applied = {str(row[0]) for row in rows}
        except (SQLAlchemyError, OSError, TimeoutError) as error:
            message = str(error)
            if "no such table" in message or "does not exist" in message:
                return "ok", "not migrated"
            if "permission denied" in message:  # a role the migrations did not grant it to
                return "ok", "unreadable"
            return "unreachable", "unknown"
        return "ok", schema_state(applied, self._revisions)

    async def _redis(self) -> str:
        if self.settings.is_embedded_redis:
            return "embedded"
        client: Redis[bytes] = Redis.from_url(
            self.settings.redis_url,
            socket_connect_timeout=TIMEOUT_SECONDS,
            socket_timeout=TIMEOUT_SECONDS,
        )
        try:
            async with asyncio.timeout(TIMEOUT_SECONDS), client:
                await client.ping()
        except (RedisError, OSError, TimeoutError):
            return "unreachable"
        return "ok"


READY = frozenset({"ok", "embedded", "ahead"})


async def ready(request: Request) -> Response:
    """GET /readyz: 200 when the database and Redis answer and the schema is migrated, else 503
    naming what is not."""
    readiness: Readiness = request.app.state.readiness
    checks = await readiness.check()
    is_ready = all(state in READY for state in checks.values())
    return JSONResponse(
        {"status": "ready" if is_ready else "not ready", **checks},
        status_code=200 if is_ready else 503,
        headers={"Cache-Control": "no-store"},
    )
