"""Workers: `peihuo worker` on Redis, or an in-process worker thread on the embedded stand-in.

Beside the rq worker runs a clock: it relays the outbox, moves due retries back to their
queues (rq's scheduler) and enqueues the periodic jobs (rq's cron).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from typing import Any

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker, Worker
from rq.cron import CronScheduler
from rq.exceptions import StopRequested
from rq.job import Job
from rq.scheduler import RQScheduler
from rq.timeouts import TimerDeathPenalty

from domain.db import Database
from domain.jobs import outbox, runner
from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.registry import load_jobs
from domain.settings import Settings

log = logging.getLogger(__name__)

# Platform-wide periodic jobs: (job name, every N seconds). Each fans out per tenant.
PERIODIC: list[tuple[str, int]] = []


def periodic(job_name: str, every_seconds: int) -> None:
    """Run job `job_name` (platform-level, tenant None) every `every_seconds` seconds."""
    if (job_name, every_seconds) not in PERIODIC:
        PERIODIC.append((job_name, every_seconds))


class Clock(threading.Thread):
    """Relays the outbox and fires scheduled and periodic jobs, every `interval` seconds."""

    def __init__(self, settings: Settings, connection: Redis[bytes], interval: float = 1.0) -> None:
        super().__init__(name="peihuo-clock", daemon=True)
        self.settings = settings
        self.connection = connection
        self.interval = interval
        self.stopped = threading.Event()
        self.scheduler = RQScheduler(list(QUEUES), connection=connection)
        self.cron = CronScheduler(connection=connection)
        for name, every in PERIODIC:
            self.cron.register(
                runner.execute,
                queue_name="low",
                args=(name, None, {}, f"periodic:{name}"),
                interval=every,
            )

    def run(self) -> None:
        loop = asyncio.new_event_loop()
        db = Database(self.settings.database_url)
        try:
            while not self.stopped.is_set():
                self.tick(loop, db)
                self.stopped.wait(self.interval)
        finally:
            self._release()
            loop.run_until_complete(db.dispose())
            loop.close()

    def _release(self) -> None:
        """Give up the scheduler locks, so the next worker's clock need not wait for them to lapse."""
        try:
            self.scheduler.release_locks()  # type: ignore[no-untyped-call]
        except RedisError as error:
            log.warning("clock: could not release the scheduler locks: %s", error)

    def tick(self, loop: asyncio.AbstractEventLoop, db: Database) -> None:
        """One beat: relay, due retries, periodic jobs. Survives a Redis or database outage."""
        try:
            loop.run_until_complete(outbox.relay(db, self.settings))
            self.scheduler.acquire_locks()  # type: ignore[no-untyped-call]
            self.scheduler.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]
            self.cron.enqueue_jobs()
        except RedisError as error:
            log.warning("clock: redis unavailable: %s", error)
        except Exception:
            log.exception("clock tick failed")

    def stop(self) -> None:
        """Stop after the current beat."""
        self.stopped.set()


class _ThreadedWorker(SimpleWorker):
    """A SimpleWorker that can live in a non-main thread: no signal handlers, and job timeouts
    enforced by a timer (rq's default SIGALRM penalty only works on the main thread).

    rq stops an idle worker by raising from its signal handler, which interrupts the blocking
    wait for a job; a thread gets no signal, so this one waits `IDLE_WAIT` seconds at a time
    and leaves between waits once `stop` is asked (a job under way is finished first). In
    burst mode (`drain`) rq does not wait at all, and this changes nothing.
    """

    death_penalty_class = TimerDeathPenalty
    IDLE_WAIT = 1

    def _install_signal_handlers(self) -> None:
        pass

    def stop(self) -> None:
        """Leave after the job under way, or within `IDLE_WAIT` seconds when idle."""
        self._stop_requested = True

    def dequeue_job_and_maintain_ttl(
        self, timeout: int | None, max_idle_time: int | None = None
    ) -> tuple[Job, Queue] | None:
        if timeout is None:  # burst: rq does not wait, it returns None when nothing is queued
            return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
        while not self._stop_requested:
            # rq's wait, a second at a time: None when no job came in that second
            found = super().dequeue_job_and_maintain_ttl(self.IDLE_WAIT, self.IDLE_WAIT)
            if found is not None:
                return found
        raise StopRequested  # rq's work loop leaves on it, as on a signal


class InProcessWorker:
    """The embedded mode's worker: an rq worker thread and a clock thread inside `serve`."""

    def __init__(self, settings: Settings) -> None:
        load_jobs()
        self.settings = settings
        self.connection = redis_connection(settings)
        queues = [queue(settings, name, self.connection) for name in QUEUES]
        self.worker = _ThreadedWorker(queues, connection=self.connection)
        self.clock = Clock(settings, self.connection, interval=0.5)
        self.thread = threading.Thread(target=self._work, name="peihuo-worker", daemon=True)

    def _work(self) -> None:
        self.worker.work(logging_level="WARNING", with_scheduler=False)

    def start(self) -> None:
        """Start both threads."""
        self.clock.start()
        self.thread.start()

    def stop(self, timeout: float = 10) -> None:
        """Ask both threads to stop and wait for them."""
        self.clock.stop()
        self.worker.stop()
        self.thread.join(timeout)
        self.clock.join(timeout)


def run_worker(settings: Settings, burst: bool = False, **options: Any) -> None:
    """`peihuo worker`: a forking rq worker on Redis, with the clock beside it.

    On a real Redis the clock runs in a process of its own: the forking worker must have no
    other thread, or a work horse forked while the clock held a lock (the database driver's,
    logging's) would wait on it forever. The embedded stand-in lives in this process, so
    there the worker runs jobs in-process and the clock is a thread.
    """
    load_jobs()
    connection = redis_connection(settings)
    queues = [queue(settings, name, connection) for name in QUEUES]
    if settings.is_embedded_redis:
        clock = Clock(settings, connection)
        clock.start()
        try:
            SimpleWorker(queues, connection=connection).work(
                burst=burst, with_scheduler=False, **options
            )
        finally:
            clock.stop()
            clock.join(5)
        return
    beat = multiprocessing.get_context("spawn").Process(
        target=run_clock, args=(settings, os.getpid()), name="peihuo-clock", daemon=True
    )
    beat.start()
    try:
        Worker(queues, connection=connection).work(burst=burst, with_scheduler=False, **options)
    finally:
        beat.terminate()
        beat.join(5)


def run_clock(settings: Settings, parent_pid: int) -> None:
    """The clock of `peihuo worker` as a process: beats until its worker is gone."""
    load_jobs()
    clock = Clock(settings, redis_connection(settings))
    # Stopped with its worker (SIGTERM to the group, or `terminate`): finish the beat cleanly.
    signal.signal(signal.SIGTERM, lambda *_: clock.stop())
    clock.start()
    while clock.is_alive() and os.getppid() == parent_pid:
        clock.join(1.0)
    clock.stop()
    clock.join(5)


def drain(settings: Settings, rounds: int = 20) -> int:
    """Relay the outbox and run every queued job until nothing is left (tests, CLI --sync),
    the jobs with these settings too (their database, Redis, mail server).

    Must not be called from a thread with a running event loop; use `drain_async` there.
    """
    with runner.configured(settings):
        return _drain(settings, rounds)


def _drain(settings: Settings, rounds: int) -> int:
    load_jobs()
    connection = redis_connection(settings)
    db = Database(settings.database_url)
    loop = asyncio.new_event_loop()
    done = 0
    try:
        for _ in range(rounds):
            loop.run_until_complete(outbox.relay(db, settings))
            queues = [queue(settings, name, connection) for name in QUEUES]
            if not any(q.count for q in queues):
                break
            worker = _ThreadedWorker(queues, connection=connection)
            worker.work(burst=True, logging_level="WARNING")
            done += worker.successful_job_count + worker.failed_job_count
    finally:
        loop.run_until_complete(db.dispose())
        loop.close()
    return done


async def drain_async(settings: Settings, rounds: int = 20) -> int:
    """`drain` from async code (runs in a worker thread)."""
    return await asyncio.to_thread(drain, settings, rounds)
