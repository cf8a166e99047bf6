"""Confirmations while Redis is down: the work waits in the outbox and runs once when it is back.

The test runs its own redis-server on a free port (stopping the suite's Redis would break the
tests other workers run at the same moment).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
from redis import Redis
from sqlalchemy import func, select

from domain.db import Database
from domain.jobs import outbox, runner
from domain.jobs.models import JobRun, OutboxMessage
from domain.notifications.models import Notification
from domain.orders.models import OrderStatus
from domain.orders.states import Action
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.backends import IN_CI
from tests.domain.orders.factories import act, cast, order_in
from tests.factories import World, system
from tests.factories_service import Mailbox, free_port, run_jobs


class RedisServer:
    """A redis-server of this test's own, stopped and started like an outage."""

    def __init__(self) -> None:
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=True,
            capture_output=True,
        )
        for _ in range(100):  # wait until it answers
            try:
                if Redis.from_url(self.url).ping():
                    return
            except Exception:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True
        )

    def answers(self) -> bool:
        try:
            return bool(Redis.from_url(self.url, socket_connect_timeout=0.5).ping())
        except Exception:
            return False


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    if not (shutil.which("redis-server") and shutil.which("redis-cli")):
        if IN_CI:
            raise RuntimeError("redis-server and redis-cli are needed for the outage test")
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.mark.slow  # starts and stops its own redis-server
async def test_orders_confirmed_while_redis_is_down_run_their_jobs_once_it_is_back(
    db: Database,
    world: World,
    service_settings: Settings,
    mailbox: Mailbox,
    redis_server: RedisServer,
) -> None:
    settings = service_settings.model_copy(update={"redis_url": redis_server.url})
    runner.configure(settings)
    try:
        stores = world.stores[:3]
        orders = [await order_in(db, world, s, OrderStatus.PROPOSED) for s in stores]
        await run_jobs(settings)  # the proposals' own notifications go out now

        redis_server.stop()
        assert not redis_server.answers()
        for store, order in zip(stores, orders, strict=True):
            await act(db, cast(world, store).franchisee, order, Action.CONFIRM)
        assert await outbox.relay(db, settings) == 0  # nothing reaches a Redis that is down
        keys = [f"order:{o.id}:event:confirmed" for o in orders]
        async with tenant_session(db, system(world.tenant)) as session:
            waiting = list(
                await session.scalars(select(OutboxMessage).where(OutboxMessage.key.in_(keys)))
            )
        assert len(waiting) == 3
        assert all(m.relayed_at is None for m in waiting)

        redis_server.start()
        await run_jobs(settings)
        await run_jobs(settings)  # a second pass finds nothing left to do

        async with db.session() as session:
            runs = await session.scalar(select(func.count()).where(JobRun.key.in_(keys)))
        assert runs == 3
        async with tenant_session(db, system(world.tenant)) as session:
            confirmed = await session.scalar(
                select(func.count(Notification.id)).where(
                    Notification.kind == "order.confirmed",
                    Notification.store_id.in_([s.id for s in stores]),
                )
            )
        assert confirmed == 3
        for store, order in zip(stores, orders, strict=True):
            merchandiser = next(
                m for m in world.merchandisers if m.user.id == store.merchandiser_id
            )
            mails = [m for m in mailbox.to(merchandiser.email) if order.number in m.subject]
            assert len(mails) == 1, order.number
    finally:
        runner.configure(service_settings)
