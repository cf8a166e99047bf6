"""The clock beside the worker: due retries go back to their queues, periodic jobs are enqueued.

Run on the embedded Redis stand-in too: rq's scheduler takes its locks with Lua scripts, so
fakeredis must have Lua (fakeredis[lua]) or no retry and no periodic job would ever fire.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from redis import Redis

from domain.db import Database
from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.registry import load_jobs
from domain.jobs.worker import PERIODIC, Clock
from domain.settings import Settings


def _clear(settings: Settings, connection: Redis[bytes]) -> None:
    """Empty every queue, and drop jobs scheduled for later (another test's retries, say):
    the embedded Redis is one per process, and the beat would move those in too."""
    for name in QUEUES:
        target = queue(settings, name, connection)
        target.empty()
        scheduled = target.scheduled_job_registry
        for job_id in scheduled.get_job_ids():
            scheduled.remove(job_id, delete_job=True)


@pytest.mark.parametrize("embedded", [True, False], ids=["fakeredis", "configured"])
def test_a_clock_beat_fires_due_retries_and_periodic_jobs(
    settings: Settings, embedded: bool
) -> None:
    if embedded:
        settings = settings.model_copy(update={"redis_url": "fakeredis://"})
    connection = redis_connection(settings)
    load_jobs()
    assert PERIODIC, "the job modules register their periodic jobs"
    _clear(settings, connection)
    default = queue(settings, "default", connection)
    retry = default.enqueue_at(datetime.now(UTC) - timedelta(seconds=1), "builtins.print", "x")
    assert retry.id not in default.job_ids
    clock = Clock(settings, connection)
    loop = asyncio.new_event_loop()
    db = Database(settings.database_url)
    try:
        clock.tick(loop, db)
        assert clock.scheduler._acquired_locks == set(QUEUES)  # type: ignore[attr-defined]
        assert retry.id in default.job_ids
        # The beat also relays what other tests left in the outbox (recommendation runs go
        # to the low queue too): count the periodic jobs by their keys.
        low = queue(settings, "low", connection).get_jobs()
        periodic = sorted(j.args[3] for j in low if str(j.args[3]).startswith("periodic:"))
        assert periodic == sorted(f"periodic:{name}" for name, _ in PERIODIC)
    finally:
        clock.scheduler.release_locks()  # type: ignore[no-untyped-call]
        _clear(settings, connection)
        loop.run_until_complete(db.dispose())
        loop.close()
