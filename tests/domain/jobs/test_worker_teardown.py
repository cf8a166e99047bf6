"""A worker leaves as soon as it is done: rq listens for commands on a pub/sub channel, and
redis-py's `stop()` waits for the listening thread's current read, which rq made a minute
long, so a worker stopped just after it subscribed (a drain of one job) hung for 60 s."""

from __future__ import annotations

import time

import pytest

from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.worker import PUBSUB_WAIT, _ThreadedWorker, _Worker
from domain.settings import Settings


@pytest.mark.parametrize("worker_class", [_Worker, _ThreadedWorker])
def test_a_worker_stops_listening_at_once(settings: Settings, worker_class: type) -> None:
    connection = redis_connection(settings)
    worker = worker_class([queue(settings, QUEUES[0], connection)], connection=connection)
    worker.subscribe()
    assert worker.pubsub_thread.sleep_time == PUBSUB_WAIT
    started = time.monotonic()
    worker.unsubscribe()
    assert time.monotonic() - started < 10 * PUBSUB_WAIT + 5  # it was 60 s
    assert not worker.pubsub_thread.is_alive()
