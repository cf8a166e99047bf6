"""Outages of PostgreSQL or Redis told apart from faults of ours, in one place.

A connection cut mid-request (a restart, a failover, a network blip), a server that refuses
connections or a pool with no connection free is no bug: the request may be retried, and
nothing of it was written (its transaction died with the connection). Such a request gets a
503 with `Retry-After` and one log line, not a 500 and a traceback: at the HTTP edge by
`api.web.admission.Admission`, in GraphQL responses by `api.graphql.errors` (an error with
code `UNAVAILABLE`, and the same 503 by the view).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeout
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

#: Seconds a client is told to wait before it retries.
RETRY_AFTER = 1

#: SQLSTATEs of a server going away or not taking connections: class 08 (connection
#: exception, by prefix), admin and crash shutdown, "cannot connect now" (starting up or in
#: recovery), too many connections.
_OUTAGE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})


@dataclass(frozen=True)
class Outage:
    """Which backend was out, and what the client is told."""

    backend: str  # "database" or "redis"
    message: str


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wrapped (`orig`) and its causes, each once."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for linked in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(linked, BaseException):
                pending.append(linked)


def _sqlstate(error: BaseException) -> str | None:
    state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    return state if isinstance(state, str) else None


def outage_of(error: BaseException) -> Outage | None:
    """The outage `error` tells of (a lost or refused connection to PostgreSQL or Redis, a
    pool with no connection free), or None for anything else: a fault of ours stays a 500."""
    for link in _chain(error):
        if isinstance(link, PoolTimeout):
            return Outage("database", "no database connection free: retry shortly")
        if isinstance(link, DBAPIError) and link.connection_invalidated:
            return Outage("database", "the database connection was lost: retry shortly")
        state = _sqlstate(link)
        if state is not None and (state.startswith("08") or state in _OUTAGE_SQLSTATES):
            return Outage("database", "the database is unavailable: retry shortly")
        if isinstance(link, (RedisConnectionError, RedisTimeout)):
            return Outage("redis", "Redis is unavailable: retry shortly")
    for link in _chain(error):
        # A refused or reset socket, below any driver: which server it was is not said, and a
        # bare one from the database driver (connecting anew) is the likelier.
        if isinstance(link, ConnectionError):
            return Outage("database", "a backing service is unreachable: retry shortly")
    return None


def unavailable_body(path: str, message: str) -> bytes:
    """The body of a 503: a GraphQL response on /graphql (an error with code UNAVAILABLE),
    the JSON error of the other endpoints elsewhere."""
    if path == "/graphql" or path.startswith("/graphql/"):
        document: object = {"errors": [{"message": message, "extensions": {"code": "UNAVAILABLE"}}]}
    else:
        document = {"error": "UNAVAILABLE", "message": message}
    return json.dumps(document).encode()
