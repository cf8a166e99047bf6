"""Structured logs (structlog): one JSON object a line, each carrying the request id, the
tenant and the user of the request (or job) it belongs to.

The request's middleware binds `request_id` (and `tenant`, `user` as None) in contextvars;
authentication fills in the tenant and user; a job binds its name, key and tenant. Logs of the
standard library's loggers (uvicorn, rq, our own `logging.getLogger` ones) go through the same
processors, so they carry the same fields.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Literal, TextIO

import structlog
from structlog.contextvars import bind_contextvars, clear_contextvars, merge_contextvars
from structlog.types import EventDict, Processor

from domain.permissions import Actor

__all__ = ["bind_actor", "bind_job", "bind_request", "clear_contextvars", "configure_logging"]

LogFormat = Literal["json", "console"]

#: Bound on every line, None until known.
CONTEXT_KEYS = ("request_id", "tenant", "user")


def _context_defaults(_logger: Any, _name: str, event: EventDict) -> EventDict:
    for key in CONTEXT_KEYS:
        event.setdefault(key, None)
    return event


def _processors() -> list[Processor]:
    return [
        merge_contextvars,
        _context_defaults,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
    ]


def configure_logging(
    level: str = "INFO", fmt: LogFormat = "json", stream: TextIO | None = None
) -> None:
    """Send structlog's and the standard library's logs to stderr, one JSON object a line (or
    readable lines with `console`), with the request's or job's context on each."""
    renderer: Processor = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    shared = _processors()
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.stdlib.ExtraAdder(), *shared],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn and rq set up handlers of their own: theirs go through ours instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "rq.worker", "rq"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """A structured logger."""
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger


def bind_request(request_id: str) -> None:
    """Start a request's context: its id; no tenant or user yet."""
    clear_contextvars()
    bind_contextvars(request_id=request_id, tenant=None, user=None)


def bind_actor(actor: Actor | None) -> None:
    """The tenant and user a request acts as, on every later line of it."""
    if actor is None:
        return
    bind_contextvars(tenant=actor.tenant_id, user=actor.user_id)


def bind_job(name: str, key: str, tenant_id: int | None) -> None:
    """A job's context: its name and key and the tenant it runs for."""
    clear_contextvars()
    bind_contextvars(request_id=None, job=name, job_key=key, tenant=tenant_id, user=None)


if not structlog.is_configured():
    # Until a command configures logging (tests, scripts): plain tracebacks, never rich's
    # rendering of every frame's locals (seconds per exception, and values nobody should log).
    structlog.configure(
        processors=[
            merge_contextvars,
            _context_defaults,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            ),
        ]
    )
