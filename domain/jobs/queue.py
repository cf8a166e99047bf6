"""Redis connections and rq queues; `fakeredis://` is an in-process stand-in shared by the process."""

from __future__ import annotations

from functools import cache

import fakeredis
from redis import Redis
from rq import Queue

from domain.settings import Settings

QUEUES = ("high", "default", "low")


@cache
def _fake_server() -> fakeredis.FakeServer:
    return fakeredis.FakeServer()


def redis_connection(settings: Settings) -> Redis[bytes]:
    """A Redis client for the configured URL (the process-wide fake server when embedded)."""
    if settings.is_embedded_redis:
        return fakeredis.FakeRedis(server=_fake_server())
    return Redis.from_url(settings.redis_url, socket_connect_timeout=5, socket_timeout=30)


def queue(
    settings: Settings, name: str = "default", connection: Redis[bytes] | None = None
) -> Queue:
    """The rq queue `name`."""
    return Queue(name, connection=connection or redis_connection(settings))
