"""A real `peihuo worker` killed (SIGKILL) while it sends a notification: the gateway holds
the request, the worker dies before it can record the send. rq retries the job on a fresh
worker; the retry sends again with the same `Idempotency-Key`, which the gateway keeps once
(as gateways do): one message reaches the person, and the notification ends sent once, with
one `sent` entry in its delivery log (on PostgreSQL and Redis)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from rq.registry import ScheduledJobRegistry, StartedJobRegistry
from sqlalchemy import select

from domain.db import Database
from domain.jobs.beat import BEAT_KEY
from domain.jobs.queue import queue, redis_connection
from domain.notifications.channels import IDEMPOTENCY_HEADER
from domain.notifications.models import DeliveryOutcome, Notification, NotificationStatus
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.stores.models import ContactChannel
from domain.tenancy.session import tenant_session
from tests.conftest import is_postgres
from tests.domain.notifications.test_delivery import order_event
from tests.factories import World, system
from tests.factories_service import deliveries_of, make_order, run_jobs, update_store
from tests.processes import Peihuo, environment, wait_for

pytestmark = pytest.mark.slow  # real processes (the slow lane)


@dataclass
class Gateway:
    """A chat gateway that keeps one message per idempotency key; it holds the first request
    until `release` (the sender is killed meanwhile)."""

    port: int = 0
    received: list[str] = field(default_factory=list)  # the key of every request
    kept: dict[str, dict[str, Any]] = field(default_factory=dict)  # key → message
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/chat"


def _handler(gateway: Gateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            key = self.headers.get(IDEMPOTENCY_HEADER, "")
            with gateway.lock:
                first = not gateway.received
                gateway.received.append(key)
                gateway.kept.setdefault(key, body)  # a repeated key is the same message
            if first:
                gateway.holding.set()
                gateway.release.wait(60)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    held = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(held))
    held.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield held
    held.release.set()
    server.shutdown()


async def _notification(db: Database, world: World, store_id: int) -> Notification:
    async with tenant_session(db, system(world.tenant)) as session:
        found = await session.scalar(
            select(Notification)
            .where(Notification.store_id == store_id, Notification.channel == ContactChannel.CHAT)
            .order_by(Notification.id.desc())
        )
    assert found is not None
    return found


async def test_a_worker_killed_mid_send_delivers_the_notification_once(
    settings: Settings, db: Database, world: World, gateway: Gateway, tmp_path: Path
) -> None:
    if settings.is_embedded_redis or not is_postgres(settings):
        pytest.skip("needs PostgreSQL and a real Redis: the worker is another process")
    await run_jobs(settings)  # what earlier tests left queued runs here, not in the worker
    store = await update_store(
        db, world, world.stores[0], preferred_channel=ContactChannel.CHAT,
        chat_webhook_url=gateway.url(),
    )  # fmt: skip
    order = await make_order(db, world, store, status=OrderStatus.SHIPPED)
    await order_event(db, world, order, "shipped")

    env = environment(
        settings,
        PEIHUO_OUTBOUND_ALLOWED_HOSTS=json.dumps([f"127.0.0.1:{gateway.port}"]),
        PEIHUO_NOTIFICATION_TIMEOUT="60",
    )
    worker = Peihuo(["worker"], env, tmp_path / "first.log")
    try:
        wait_for(lambda: gateway.holding.is_set() or worker.process.poll() is not None, 90,
                 "the worker sent the notification")  # fmt: skip
        assert worker.process.poll() is None, worker.output()
        horses = worker.children()
        worker.kill()
        for horse in horses:  # rq puts the work horse in a process group of its own
            with contextlib.suppress(ProcessLookupError):
                os.kill(horse, signal.SIGKILL)
    finally:
        worker.kill()
    gateway.release.set()  # the gateway took the message; nobody is left to hear it say so
    killed = await _notification(db, world, store.id)
    assert killed.status == NotificationStatus.SCHEDULED  # the send was never recorded

    # The killed job's heartbeat lapses; rq's cleanup retries it: done now instead of waiting,
    # the retry brought due, and the dead worker's beat let go.
    connection = redis_connection(settings)
    high = queue(settings, "high", connection)
    scheduled = ScheduledJobRegistry(queue=high)
    waiting = set(scheduled.get_job_ids())
    StartedJobRegistry(queue=high).cleanup(timestamp=time.time() + 7200)
    for retry in set(scheduled.get_job_ids()) - waiting:
        scheduled.requeue(retry, at_front=True)
    connection.delete(BEAT_KEY)

    worker = Peihuo(["worker"], env, tmp_path / "second.log")
    try:
        deadline = time.monotonic() + 90
        while (sent := await _notification(db, world, store.id)).status != NotificationStatus.SENT:
            assert worker.process.poll() is None, worker.output()
            assert time.monotonic() < deadline, "the retried delivery never finished"
            await asyncio.sleep(0.2)
    finally:
        worker.stop()

    # Sent twice over the wire (the first reply went unheard), with one key: one message kept.
    assert len(gateway.received) == 2, gateway.received
    assert set(gateway.received) == {f"peihuo-notification-{sent.id}"}
    assert len(gateway.kept) == 1
    sends = [d for d in await deliveries_of(db, world, store) if d.notification_id == sent.id]
    assert [d.outcome for d in sends] == [DeliveryOutcome.SENT]
    assert sent.sent_at is not None
