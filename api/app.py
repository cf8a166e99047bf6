"""The starlette application: GraphQL, auth endpoints, webhooks, health, the web front end;
the worker when embedded."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api.auth.routes import routes as auth_routes
from api.complaints import routes as complaint_routes
from api.graphql.schema import build_schema
from api.graphql.view import GraphQLView
from api.health import Readiness, health, ready
from api.observability import Observability, count_statements, metrics_endpoint
from api.orders import routes as order_routes
from api.surveys import routes as survey_routes
from api.tracing import tracing_middleware
from api.web.admission import Admission
from api.web.balance import Balance
from api.web.bundle import bundle_app
from api.web.headers import SecurityHeaders
from api.web.limits import BodySizeLimit
from api.webhooks.carriers import routes as carrier_routes
from domain.db import Database
from domain.jobs import runner
from domain.jobs.registry import load_jobs
from domain.jobs.worker import InProcessWorker
from domain.observability.logs import configure_logging
from domain.settings import Settings, get_settings

if TYPE_CHECKING:
    from domain.demo.mailcatcher import MailCatcher


def create_app(
    settings: Settings | None = None,
    db: Database | None = None,
    start_worker: bool = False,
    mail_catcher: MailCatcher | None = None,
) -> Starlette:
    """The application; `db` may be given (tests), otherwise made from settings.

    With `start_worker` (what `peihuo serve` passes on the embedded setup) the job worker
    runs inside the process, on threads of its own. With a mail catcher (given, or the one
    `peihuo demo` started in this process) it serves the demo mailbox at /demo/mailbox.
    """
    if settings is None:  # started from the environment (uvicorn's factory, one per process)
        settings = get_settings()
        settings.refuse_default_secrets()
    database = db or Database(settings.database_url, pool_timeout=settings.database_pool_timeout)
    owns_db = db is None
    count_statements(database)
    # Every job module now rather than in the first request that enqueues a job, which paid
    # the import (half a second) while holding its rows' locks.
    load_jobs()
    graphql = GraphQLView(build_schema(settings), database, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        worker = InProcessWorker(settings) if start_worker else None
        if worker is not None:
            runner.configure(settings)
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            if owns_db:
                await database.dispose()

    from domain.demo.mailcatcher import running

    demo_routes = []
    if (catcher := mail_catcher or running()) is not None:
        from api.web.mailbox import mailbox_routes

        demo_routes = mailbox_routes(catcher)
    app = Starlette(
        routes=[
            Route("/healthz", health),
            Route("/readyz", ready),
            Route("/metrics", metrics_endpoint),
            *auth_routes,
            *carrier_routes,
            *order_routes,
            *complaint_routes,
            *survey_routes,
            *demo_routes,
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Mount("/graphql/", graphql),
            # Last: the portal's files, and its page for any other path.
            Mount("/", bundle_app(settings.frontend_dist)),
        ],
        middleware=[
            # First: the request id, timing and access line, for refused requests too.
            Middleware(Observability),
            # Then: a process of several busier than its share asks the client to reconnect.
            Middleware(Balance),
            # Then: an oversized body is refused before any other layer reads it.
            Middleware(
                BodySizeLimit,
                max_body_bytes=settings.max_body_bytes,
                max_upload_bytes=settings.max_upload_bytes,
            ),
            # Forwarded headers only from the proxies the operator lists; from anyone else the
            # peer's own address is the client's.
            Middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies),
            *tracing_middleware(settings),
            Middleware(SecurityHeaders),
            # Last: a request waits for its turn (or gets a fast 503) once it is known to be
            # well-formed; health checks pass straight through.
            Middleware(
                Admission,
                limit=settings.max_concurrent_requests,
                queue=settings.request_queue,
                queue_wait=settings.request_queue_wait,
            ),
        ],
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.settings = settings
    app.state.readiness = Readiness(settings, database)
    return app


def serve_app() -> Starlette:
    """The app of one of `peihuo serve --workers N`'s processes (uvicorn's factory): logs set
    up as the settings say, tracing when enabled."""
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = create_app(settings)
    freeze_heap()
    return app


def freeze_heap() -> None:
    """Take what the process built before serving (modules, the schema, the app) out of the
    garbage collector's sight, for the process's life.

    A page of results allocates tens of thousands of objects, so collections run several times
    a request, and each older-generation one walked the whole heap: about a third of a large
    page's CPU time. Frozen objects are never scanned again (nor freed, which they never are
    anyway). Only for serving: tests build many apps in one process.
    """
    gc.collect()
    gc.freeze()
