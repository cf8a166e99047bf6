"""Admission control: a bounded number of requests in flight, a bounded queue, a fast 503."""

from __future__ import annotations

import asyncio
import time

import httpx
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from api.app import create_app
from api.web.admission import Admission
from domain.db import Database
from domain.settings import Settings


class Gate:
    """A route that holds each request until released."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.entered = 0
        self.arrived = asyncio.Event()

    async def slow(self, request: Request) -> PlainTextResponse:
        self.entered += 1
        self.arrived.set()
        await self.open.wait()
        return PlainTextResponse("done")


async def starved(request: Request) -> PlainTextResponse:
    raise PoolTimeout("QueuePool limit of size 10 overflow 20 reached")


def client_of(gate: Gate, limit: int, queue: int, wait: float) -> httpx.AsyncClient:
    # As in the app: a user middleware, inside starlette's error middleware.
    app = Starlette(
        routes=[
            Route("/slow", gate.slow),
            Route("/healthz", lambda r: PlainTextResponse("ok")),
            Route("/starved", starved),
        ],
        middleware=[Middleware(Admission, limit=limit, queue=queue, queue_wait=wait)],
    )
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t"
    )


async def test_over_capacity_a_request_gets_a_fast_503_with_retry_after() -> None:
    gate = Gate()
    async with client_of(gate, limit=1, queue=0, wait=5.0) as client:
        first = asyncio.create_task(client.get("/slow"))
        await asyncio.wait_for(gate.arrived.wait(), 2.0)
        began = time.monotonic()
        refused = await client.get("/slow")
        assert time.monotonic() - began < 1.0
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["error"] == "UNAVAILABLE"
        assert (await client.get("/healthz")).status_code == 200  # probes are never queued
        gate.open.set()
        assert (await first).status_code == 200
        assert (await client.get("/slow")).status_code == 200  # the slot was given back


async def test_a_queued_request_runs_when_a_slot_frees() -> None:
    gate = Gate()
    async with client_of(gate, limit=1, queue=1, wait=5.0) as client:
        first = asyncio.create_task(client.get("/slow"))
        await asyncio.wait_for(gate.arrived.wait(), 2.0)
        queued = asyncio.create_task(client.get("/slow"))
        await asyncio.sleep(0.05)
        assert gate.entered == 1  # waiting, not running
        third = await client.get("/slow")  # the queue (of one) is full
        assert third.status_code == 503
        gate.open.set()
        assert (await first).status_code == 200
        assert (await queued).status_code == 200
        assert gate.entered == 2


async def test_a_request_that_waited_too_long_in_the_queue_gets_a_503() -> None:
    gate = Gate()
    async with client_of(gate, limit=1, queue=5, wait=0.2) as client:
        first = asyncio.create_task(client.get("/slow"))
        await asyncio.wait_for(gate.arrived.wait(), 2.0)
        began = time.monotonic()
        late = await client.get("/slow")
        assert late.status_code == 503 and late.headers["retry-after"] == "1"
        assert 0.15 < time.monotonic() - began < 2.0
        gate.open.set()
        await first


async def test_a_pool_timeout_before_the_response_is_a_503_not_a_500() -> None:
    async with client_of(Gate(), limit=2, queue=0, wait=1.0) as client:
        response = await client.get("/starved")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"


def test_the_app_admits_through_the_configured_limits(settings: Settings, db: Database) -> None:
    changed = {"max_concurrent_requests": 3, "request_queue": 7, "request_queue_wait": 2.5}
    app = create_app(settings.model_copy(update=changed), db)
    admission = [m for m in app.user_middleware if m.cls is Admission]
    assert len(admission) == 1
    assert admission[0].kwargs == {"limit": 3, "queue": 7, "queue_wait": 2.5}
