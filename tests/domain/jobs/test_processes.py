"""Several real processes at once, on PostgreSQL and Redis: two schedulers beat once and the
beat moves on when its holder is killed; a pool of worker processes drains a queue together;
the API serves from several processes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from redis import Redis
from rq.job import Job, JobStatus
from sqlalchemy import select

from domain.db import Database
from domain.jobs.beat import BEAT_KEY, PERIODIC_KEY, beat_holder
from domain.jobs.models import OutboxMessage
from domain.jobs.periodic import PERIODIC
from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.registry import load_jobs
from domain.settings import Settings
from tests.conftest import is_postgres
from tests.factories import unique
from tests.processes import Peihuo, environment, free_port, serve, wait_for

# Real worker and beat processes: slow lane (make test, not make check).
pytestmark = pytest.mark.slow


def _clear(settings: Settings, connection: Redis[bytes]) -> None:
    """Nothing queued, scheduled or timed in this test's Redis database (the beat of these
    processes fires periodic jobs and relays what earlier tests left in the outbox)."""
    load_jobs()
    for name in QUEUES:
        target = queue(settings, name, connection)
        target.empty()
        for job_id in target.scheduled_job_registry.get_job_ids():
            target.scheduled_job_registry.remove(job_id, delete_job=True)
    connection.delete(BEAT_KEY, *[PERIODIC_KEY + name for name, _ in PERIODIC])


@pytest.fixture
def shared(settings: Settings) -> Iterator[Settings]:
    """PostgreSQL and a real Redis: what processes on different machines share."""
    if settings.is_embedded_redis or not is_postgres(settings):
        pytest.skip("needs PostgreSQL and a real Redis: the embedded ones live in one process")
    _clear(settings, redis_connection(settings))
    yield settings
    _clear(settings, redis_connection(settings))


def _pid(holder: str | None) -> int:
    assert holder is not None
    return int(holder.split(":")[1])


def test_of_two_schedulers_one_beats_and_the_other_takes_over_when_it_is_killed(
    shared: Settings, tmp_path: Path
) -> None:
    connection = redis_connection(shared)
    env = environment(shared, PEIHUO_BEAT_LOCK_SECONDS="2")
    first = Peihuo(["scheduler"], env, tmp_path / "first.log")
    second = Peihuo(["scheduler"], env, tmp_path / "second.log")
    try:
        wait_for(lambda: beat_holder(connection) is not None, 60, "a scheduler took the beat")
        holder = beat_holder(connection)
        assert _pid(holder) in {first.pid, second.pid}
        # Renewed every second by the same clock while the other stands by.
        for _ in range(3):
            wait_for(lambda: connection.pttl(BEAT_KEY) > 1500, 5, "the holder renewed the beat")
            assert beat_holder(connection) == holder
        dead, standby = (first, second) if _pid(holder) == first.pid else (second, first)
        assert standby.process.poll() is None, standby.output()

        dead.kill()
        wait_for(lambda: beat_holder(connection) not in (None, holder), 15, "the standby took over")
        assert _pid(beat_holder(connection)) == standby.pid
        # The new holder beats: a retry falling due now goes back to its queue.
        default = queue(shared, "default", connection)
        retry = default.enqueue_at(datetime.now(UTC), "builtins.print", "due")
        wait_for(lambda: retry.id in default.job_ids, 10, "the new holder moved the due retry")
    finally:
        first.stop()
        second.stop()
    assert beat_holder(connection) is None  # the last holder handed the beat back on its way out


def test_a_pool_of_worker_processes_drains_a_queue_together(
    shared: Settings, tmp_path: Path
) -> None:
    connection = redis_connection(shared)
    default = queue(shared, "default", connection)
    jobs = [default.enqueue("time.sleep", 0.5) for _ in range(12)]
    alive = tmp_path / "alive"
    pool = Peihuo(
        ["worker", "--processes", "3", "--burst", "--no-beat"],
        environment(shared, PEIHUO_LIVENESS_FILE=str(alive)),
        tmp_path / "pool.log",
    )
    try:
        assert pool.process.wait(90) == 0, pool.output()
    finally:
        pool.stop()
    done = [Job.fetch(job.id, connection=connection) for job in jobs]
    assert [job.get_status() for job in done] == [JobStatus.FINISHED] * 12
    assert len({job.worker_name for job in done}) == 3  # every process of the pool took part
    assert alive.exists()  # the workers' heartbeats touched the liveness file


def test_the_api_serves_from_several_processes(shared: Settings, tmp_path: Path) -> None:
    server, base = serve(
        ["--workers", "2", "--no-migrate"], environment(shared), tmp_path / "serve.log"
    )
    try:
        assert len(server.children()) >= 2  # uvicorn's supervisor and its two API processes
        for _ in range(6):
            ready = httpx.get(f"{base}/readyz", timeout=5)
            assert ready.status_code == 200 and ready.json()["redis"] == "ok", ready.text
    finally:
        assert server.stop() == 0, server.output()


async def test_with_the_embedded_redis_the_supervisor_runs_the_one_job_worker(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    """`make demo` with `--workers 2`: the API processes write jobs to the outbox; the job
    worker and its clock live once, in the supervising process (the embedded Redis is
    in-process, so a worker per API process would each see only its own)."""
    if is_postgres(settings):
        pytest.skip("the embedded setup is SQLite's")
    key = unique("embedded-")
    async with db.session() as session:
        session.add(OutboxMessage(job="maintenance.purge_expired_credentials", key=key, args={}))
        await session.commit()
    port = free_port()
    server = Peihuo(
        ["serve", "--workers", "2", "--port", str(port), "--no-migrate"],
        environment(settings, PEIHUO_REDIS_URL="fakeredis://"),
        tmp_path / "serve.log",
    )

    async def relayed() -> bool:
        async with db.session() as session:
            row = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
            return row is not None and row.relayed_at is not None

    try:
        deadline = time.monotonic() + 60
        while not await relayed():
            assert server.process.poll() is None, server.output()
            assert time.monotonic() < deadline, "the embedded worker never relayed the outbox"
            await asyncio.sleep(0.2)
        assert len(server.children()) >= 2
    finally:
        assert server.stop() == 0, server.output()
