"""Admission control: a bounded number of requests in flight per process, a bounded queue.

Beyond what the process can serve at once, requests wait in a short queue; when the queue is
full, or a request has waited `queue_wait` seconds, it gets a fast 503 with `Retry-After`
instead of waiting half a minute for a database connection and failing with a 500. An outage
met before the response started (a pool timeout, a database or Redis connection lost or
refused: `api.web.outages`) is answered the same way, with one log line. Health checks are
never queued (a probe must see a busy process as alive).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.web.outages import RETRY_AFTER, outage_of, unavailable_body
from domain.observability.logs import get_logger

log = get_logger("peihuo.http")

EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})


class Admission:
    """At most `limit` requests run at once; `queue` more wait at most `queue_wait` seconds."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        queue: int,
        queue_wait: float,
        retry_after: int = RETRY_AFTER,
    ) -> None:
        self.app = app
        self.limit = limit
        self.queue = queue
        self.queue_wait = queue_wait
        self.retry_after = retry_after
        self.running = 0
        self.waiting = 0
        self._slots: asyncio.Semaphore | None = None

    @property
    def slots(self) -> asyncio.Semaphore:
        if self._slots is None:  # made on first use, inside the serving event loop
            self._slots = asyncio.Semaphore(self.limit)
        return self._slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        if not await self._admit():
            await self._refuse(scope, send, "the server is busy: retry shortly")
            return
        self.running += 1
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            outage = outage_of(error)
            if started or outage is None:
                raise
            log.warning(
                "request refused: backend unavailable",
                backend=outage.backend,
                error=type(error).__name__,
                path=scope["path"],
            )
            await self._refuse(scope, send, outage.message)
        finally:
            self.running -= 1
            self.slots.release()

    async def _admit(self) -> bool:
        slots = self.slots
        if not slots.locked():
            await slots.acquire()  # a free slot: taken at once
            return True
        if self.waiting >= self.queue:
            return False
        self.waiting += 1
        try:
            await asyncio.wait_for(slots.acquire(), self.queue_wait)
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1
        return True

    async def _refuse(self, scope: Scope, send: Send, message: str) -> None:
        body = unavailable_body(scope["path"], message)
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(self.retry_after).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
