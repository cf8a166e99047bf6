"""Per-request observability: the request id, timing and SQL counts, the access log line,
GraphQL operation metrics, and `/metrics`.

`Observability` is the outermost middleware: it gives each request an id (the caller's
`X-Request-Id` when it is a short token, else a new one), returns it in `X-Request-Id`, binds
it for the logs, counts the SQL statements the request runs and records the request's latency
by route template (never by raw path: ids in paths would make a series per row).
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector, CollectorRegistry
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import event, or_, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from domain import clock
from domain.db import Database
from domain.jobs.models import OutboxMessage
from domain.jobs.queue import QUEUES, redis_connection
from domain.observability import metrics
from domain.observability.logs import bind_request, clear_contextvars, get_logger
from domain.observability.scrape import scrape_allowed
from domain.settings import Settings

log = get_logger("peihuo.http")

REQUEST_ID_HEADER = "X-Request-Id"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


@dataclass
class _SqlCount:
    statements: int = 0


_sql_count: ContextVar[_SqlCount | None] = ContextVar("peihuo_sql_count", default=None)


def _count_statement(*_args: Any, **_kwargs: Any) -> None:
    counter = _sql_count.get()
    if counter is not None:
        counter.statements += 1


def count_statements(db: Database) -> None:
    """Count the statements `db` runs against the request that runs them."""
    if not event.contains(db.engine.sync_engine, "before_cursor_execute", _count_statement):
        event.listen(db.engine.sync_engine, "before_cursor_execute", _count_statement)


def request_id_of(scope: Scope) -> str:
    """The caller's request id when it is a plain token of 8-64 characters, else a new one."""
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            given = str(value.decode("latin-1"))
            if _REQUEST_ID.fullmatch(given):
                return given
    return uuid.uuid4().hex


def route_label(scope: Scope) -> str:
    """The route template the request matched (`/graphql`, `/complaints/photos/{photo_id}`),
    `static` for the front end's files, `unmatched` when none."""
    route = scope.get("route")
    if route is None:
        return "unmatched"
    if isinstance(route, Mount):
        return "/graphql" if route.path == "/graphql" else "static"
    return str(getattr(route, "path", "unmatched"))


class Observability:
    """Request id, latency and SQL count metrics, and one access log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        bind_request(request_id)
        counter = _SqlCount()
        token = _sql_count.set(counter)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            status = 500
            log.exception("request failed", method=scope["method"], path=scope["path"])
            raise
        finally:
            _sql_count.reset(token)
            elapsed = time.perf_counter() - started
            route = route_label(scope)
            metrics.HTTP_REQUEST_SECONDS.labels(
                route, scope["method"], f"{status // 100}xx"
            ).observe(elapsed)
            metrics.HTTP_SQL_STATEMENTS.labels(route).observe(counter.statements)
            log.info(
                "request",
                method=scope["method"],
                route=route,
                status=status,
                ms=round(elapsed * 1000, 1),
                sql=counter.statements,
            )
            clear_contextvars()  # nothing of this request on whatever the task logs next


#: Distinct GraphQL operation names a process labels metrics with; any more are `other`
#: (names are the client's choice: unbounded labels would grow the metrics without end).
MAX_OPERATION_NAMES = 200
_OPERATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_operation_names: set[str] = set()


def operation_label(name: str | None) -> str:
    """The metric label of a GraphQL operation name: `anonymous`, the name, or `other`."""
    if not name:
        return "anonymous"
    if not _OPERATION_NAME.fullmatch(name):
        return "other"
    if name not in _operation_names:
        if len(_operation_names) >= MAX_OPERATION_NAMES:
            return "other"
        _operation_names.add(name)
    return name


class OperationMetrics(SchemaExtension):
    """Duration and errors of each GraphQL operation, by operation name and type."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        name = operation_label(context.operation_name)
        try:
            kind = context.operation_type.value
        except (RuntimeError, AttributeError):  # a document that did not parse
            kind = "invalid"
        metrics.GRAPHQL_OPERATION_SECONDS.labels(name, kind).observe(time.perf_counter() - started)
        result = context.result
        errors = list(getattr(result, "errors", None) or []) or list(
            context.pre_execution_errors or []
        )
        for error in errors:
            code = (getattr(error, "extensions", None) or {}).get("code") or "GRAPHQL"
            metrics.GRAPHQL_ERRORS.labels(name, str(code)).inc()


class _Snapshot(Collector):
    """Gauges read at scrape time (queue depths, outbox lag), as one collector."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterator[Metric]:
        yield from self.families


async def _queue_metrics(settings: Settings) -> list[Metric]:
    """Each rq queue's waiting, scheduled and failed jobs (rq's own key names)."""
    depth = GaugeMetricFamily(metrics.RQ_QUEUE_DEPTH, metrics.RQ_QUEUE_DEPTH_HELP, labels=["queue"])
    scheduled = GaugeMetricFamily(metrics.RQ_SCHEDULED, metrics.RQ_SCHEDULED_HELP, labels=["queue"])
    failed = GaugeMetricFamily(metrics.RQ_FAILED, metrics.RQ_FAILED_HELP, labels=["queue"])
    commands: list[tuple[str, str]] = []
    for name in QUEUES:
        commands += [
            ("llen", f"rq:queue:{name}"),
            ("zcard", f"rq:scheduled:{name}"),
            ("zcard", f"rq:failed:{name}"),
        ]
    if settings.is_embedded_redis:
        sync = redis_connection(settings)
        counts = [int(getattr(sync, verb)(key)) for verb, key in commands]
    else:
        client: Redis[bytes] = Redis.from_url(
            settings.redis_url, socket_connect_timeout=2, socket_timeout=2
        )
        async with client, client.pipeline(transaction=False) as pipe:
            for verb, key in commands:
                getattr(pipe, verb)(key)
            counts = [int(count) for count in await pipe.execute()]
    for index, name in enumerate(QUEUES):
        depth.add_metric([name], counts[3 * index])
        scheduled.add_metric([name], counts[3 * index + 1])
        failed.add_metric([name], counts[3 * index + 2])
    return [depth, scheduled, failed]


async def _outbox_metrics(db: Database) -> list[Metric]:
    """How many outbox rows are due and waiting, and how long the oldest has waited."""
    now = clock.now()
    due = (
        OutboxMessage.relayed_at.is_(None),
        or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now),
    )
    async with db.session() as session:
        # The pending rows' partial index (ix_outbox_pending) answers both ends.
        oldest = (
            await session.execute(
                select(OutboxMessage.id, OutboxMessage.created_at, OutboxMessage.not_before)
                .where(*due)
                .order_by(OutboxMessage.id)
                .limit(1)
            )
        ).first()
        newest = await session.scalar(
            select(OutboxMessage.id).where(*due).order_by(OutboxMessage.id.desc()).limit(1)
        )
    lag, pending = 0.0, 0
    if oldest is not None and newest is not None:
        since = max(oldest[1], oldest[2] or oldest[1])
        lag = max(0.0, (now - since).total_seconds())
        # At most this many (ids between them may be relayed already): a count would read
        # every pending row on each scrape.
        pending = newest - oldest[0] + 1
    pending_family = GaugeMetricFamily(metrics.OUTBOX_PENDING, metrics.OUTBOX_PENDING_HELP)
    pending_family.add_metric([], pending)
    lag_family = GaugeMetricFamily(metrics.OUTBOX_LAG, metrics.OUTBOX_LAG_HELP)
    lag_family.add_metric([], lag)
    return [lag_family, pending_family]


def allowed(request: Request, settings: Settings) -> bool:
    """Whether the scraper may read /metrics (domain.observability.scrape: the bearer token
    when one is set, else loopback)."""
    host = request.client.host if request.client else ""
    return scrape_allowed(request.headers.get("authorization"), host, settings.metrics_token)


async def metrics_endpoint(request: Request) -> Response:
    """GET /metrics: the Prometheus text exposition of every process's metrics, and the gauges
    read now from Redis and the database (each left out when it cannot be read in 2 s)."""
    settings: Settings = request.app.state.settings
    if not allowed(request, settings):
        return Response("Not Found", status_code=404)
    db: Database = request.app.state.db
    families: list[Metric] = []
    for source in (_queue_metrics(settings), _outbox_metrics(db)):
        try:
            async with asyncio.timeout(2):
                families += await source
        except (RedisError, SQLAlchemyError, OSError, TimeoutError) as error:
            log.warning("metrics source unavailable", error=type(error).__name__)
    exposition = CollectorRegistry()
    exposition.register(_Snapshot(families))
    body = generate_latest(metrics.registry()) + generate_latest(exposition)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})
