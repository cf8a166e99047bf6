"""A real `peihuo worker` killed in the middle of a run, then the job retried: every store of the
run ends with exactly one proposal (on Redis, with SQLite and with PostgreSQL).

The worker is a separate process (the forking rq worker, whose work horse runs the job);
SIGKILL to both leaves the run half written, as a lost machine would. rq notices the abandoned job when its
heartbeat lapses and retries it after the retry's delay, and the dead worker's scheduler beat
lapses after a few seconds; the test does all three at once instead of waiting (rq's registry
cleanup, the retry requeued, the beat's lock deleted), then lets a fresh worker finish the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rq.registry import ScheduledJobRegistry, StartedJobRegistry

from domain.db import Database
from domain.jobs.beat import BEAT_KEY
from domain.jobs.queue import queue, redis_connection
from domain.recommendation.runs.models import RecommendationRun, RunStatus
from domain.recommendation.runs.service import RunRequest
from domain.settings import PROJECT_ROOT, Settings
from domain.tenancy.session import tenant_session
from tests.domain.recommendation.runs.factories import ask, give_history, run_orders, store_drafts
from tests.factories import World, make_world, system
from tests.factories_service import run_jobs
from tests.processes import environment

# A worker process killed mid-run: slow lane (make test, not make check).
pytestmark = pytest.mark.slow

PEIHUO = Path(PROJECT_ROOT) / ".venv" / "bin" / "peihuo"


class Worker:
    """`peihuo worker` in a process group of its own."""

    def __init__(self, settings: Settings) -> None:
        # The test's own secrets: a worker refuses to start on the built-in ones.
        env = environment(settings, PEIHUO_RECOMMENDATION_BATCH_STORES="1")
        self.process = subprocess.Popen(
            [str(PEIHUO), "worker"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL the worker and its work horse (rq puts the horse in a process group of its
        own, so it is found as the worker's child): nothing gets to clean up."""
        if self.process.poll() is None:
            children = self.children()
            os.killpg(self.process.pid, signal.SIGKILL)  # the worker and its clock process
            for child in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
        self.process.wait(10)
        self.reap()

    def children(self) -> list[int]:
        """Process ids of the worker's children (its work horse, while a job runs)."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in found.stdout.split()]

    def stop(self) -> None:
        """Ask the worker to stop (warm shutdown), killing it if it does not."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the worker stops its horse itself
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.reap()

    def reap(self) -> None:
        """Wait until nothing of the worker's process group is left: its clock process outlives
        it by up to a beat, and a clock still beating would relay the next test's outbox."""
        deadline = time.monotonic() + 10
        while self.group_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.group_alive():
            os.killpg(self.process.pid, signal.SIGKILL)

    def group_alive(self) -> bool:
        """Whether a live (not zombie) process is left in the worker's process group."""
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                # pid (comm) state ppid pgrp ...: read past the command name's parenthesis
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == self.process.pid and fields[0] != "Z":
                    return True
        return False


@pytest.fixture
def real_redis(settings: Settings) -> Iterator[Settings]:
    if settings.is_embedded_redis:
        pytest.skip("needs a real Redis: the embedded one lives inside this process")
    yield settings


async def _run(db: Database, world: World, run_id: int) -> RecommendationRun:
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(RecommendationRun, run_id)
        assert row is not None
        return row


async def test_a_worker_killed_mid_run_leaves_one_proposal_per_store_after_the_retry(
    db: Database, real_redis: Settings
) -> None:
    settings = real_redis
    world = await make_world(db, stores_per_merchandiser=20)  # 80 stores
    await give_history(db, world, days=28, hq_stock=5000)  # enough for every store
    await run_jobs(settings)  # whatever earlier tests left queued runs here, not in the worker
    run = await ask(db, world.hq.actor, RunRequest(key="killed-midway"))
    total = run.stores_total
    assert total == 80

    worker = Worker(settings)
    try:
        deadline = time.monotonic() + 120
        while True:
            state = await _run(db, world, run.id)
            if state.stores_done >= 3:
                break
            assert state.status != RunStatus.SUCCEEDED, "the run finished before the kill"
            assert time.monotonic() < deadline, "the worker never started writing"
            await asyncio.sleep(0.02)
        worker.kill()
    finally:
        worker.kill()

    killed = await _run(db, world, run.id)
    assert killed.status == RunStatus.RUNNING and killed.attempts == 1
    assert 3 <= killed.stores_done < total
    written = await run_orders(db, world, run.id)
    assert len(written) == killed.stores_done  # whole batches only

    # The heartbeat of the killed job lapses; rq's cleanup retries it (with its retry delay).
    connection = redis_connection(settings)
    low = queue(settings, "low", connection)
    scheduled = ScheduledJobRegistry(queue=low)
    waiting = set(scheduled.get_job_ids())
    StartedJobRegistry(queue=low).cleanup(timestamp=time.time() + 7200)
    (retry,) = set(scheduled.get_job_ids()) - waiting
    # Its delay would put it behind whatever earlier tests left queued: bring it due now, at the
    # head of its queue, as if the delay were over.
    scheduled.requeue(retry, at_front=True)
    # The dead worker's beat would lapse after `beat_lock_seconds`; let it go now.
    connection.delete(BEAT_KEY)

    worker = Worker(settings)
    try:
        deadline = time.monotonic() + 180
        while (state := await _run(db, world, run.id)).status != RunStatus.SUCCEEDED:
            assert state.status != RunStatus.FAILED, state.error
            assert time.monotonic() < deadline, "the retried job never finished"
            await asyncio.sleep(0.2)
    finally:
        worker.stop()

    assert state.attempts == 2 and state.stores_done == total
    orders = await run_orders(db, world, run.id)
    assert sorted(o.store_id for o in orders) == sorted(s.id for s in world.stores)
    assert await store_drafts(db, world, [s.id for s in world.stores]) == {
        s.id: 1 for s in world.stores
    }
    # The first attempt's drafts were replaced, not kept beside the new ones.
    assert not {o.number for o in written} & {o.number for o in orders}
