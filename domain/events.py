"""A small callback registry for events that flow back against the import direction.

A concept that others build on publishes an event (a frozen dataclass it defines); a concept
built on it registers a handler with `handles` in a module the job catalogue imports, so the
publisher never imports its listeners. Handlers run in the publisher's transaction, in the
order they registered, and say how many records they changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from domain.jobs.registry import load_jobs

E = TypeVar("E")
Handler = Callable[[AsyncSession, E], Awaitable[int]]

_HANDLERS: defaultdict[type, list[Handler[Any]]] = defaultdict(list)


def handles(event_type: type[E]) -> Callable[[Handler[E]], Handler[E]]:
    """Register the decorated coroutine as a handler of `event_type` (once, however often imported)."""

    def register(handler: Handler[E]) -> Handler[E]:
        if handler not in _HANDLERS[event_type]:
            _HANDLERS[event_type].append(handler)
        return handler

    return register


async def publish(session: AsyncSession, event: object) -> int:
    """Run every handler of the event's type in this session; how many records they changed."""
    load_jobs()  # handlers are registered by the modules the job catalogue imports
    changed = 0
    for handler in _HANDLERS[type(event)]:
        changed += await handler(session, event)
    return changed
