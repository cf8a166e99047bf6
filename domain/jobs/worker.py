"""Workers: `peihuo worker` on Redis (one process, or a pool of them), or an in-process worker
thread on the embedded stand-in.

Beside the workers runs a clock (domain.jobs.beat): it relays the outbox, moves due retries
back to their queues and fires the periodic jobs, one beat at a time however many run.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any

from redis import Redis
from rq import Queue, SimpleWorker, Worker
from rq.exceptions import StopRequested
from rq.job import Job
from rq.timeouts import TimerDeathPenalty
from rq.worker_pool import WorkerPool

from domain.db import Database
from domain.jobs import outbox, runner
from domain.jobs.beat import Clock, run_clock, touch
from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.registry import load_jobs
from domain.observability.multiproc import become_work_horse
from domain.settings import Settings

log = logging.getLogger(__name__)

#: Seconds an idle rq worker waits for a job between heartbeats (rq waits its ttl less 15 s):
#: short enough for a liveness probe that wants a sign of life every minute or two.
WORKER_TTL = 60


#: Seconds the thread listening for rq's commands (stop a job, shut down) waits per read.
#: rq asks 60, and redis-py's `stop()` waits for that read to end: a worker that shut down
#: right after it subscribed (a drain with a job or two) sat a minute in its teardown.
PUBSUB_WAIT = 0.5


class _QuickPubSub:
    """rq's command channel, listened to in short waits so that a worker leaves at once
    (mixed in before rq's worker class, whose attributes it uses)."""

    def subscribe(self) -> None:
        worker: Any = self
        worker.pubsub = worker.connection.pubsub()
        worker.pubsub.subscribe(**{worker.pubsub_channel_name: worker.handle_payload})
        worker.pubsub_thread = worker.pubsub.run_in_thread(
            sleep_time=PUBSUB_WAIT, daemon=True, exception_handler=worker._pubsub_exception_handler
        )


class _ThreadedWorker(_QuickPubSub, SimpleWorker):
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


class _Worker(_QuickPubSub, Worker):
    """rq's forking worker; it touches the liveness file at each heartbeat (while idle, and
    while its work horse runs a job)."""

    liveness_file: Path | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("worker_ttl", WORKER_TTL)
        super().__init__(*args, **kwargs)

    def heartbeat(self, *args: Any, **kwargs: Any) -> None:
        super().heartbeat(*args, **kwargs)
        touch(self.liveness_file)

    def main_work_horse(self, *args: Any, **kwargs: Any) -> None:
        become_work_horse()  # metric values go to this worker's files, not one per job
        super().main_work_horse(*args, **kwargs)

    def work(self, *args: Any, **kwargs: Any) -> bool:
        # rq's pool starts its workers with rq's scheduler; the beat moves due retries here.
        kwargs["with_scheduler"] = False
        return bool(super().work(*args, **kwargs))


def run_worker(
    settings: Settings, burst: bool = False, processes: int = 1, beat: bool = True, **options: Any
) -> None:
    """`peihuo worker`: forking rq workers on Redis (`processes` of them in a pool that replaces
    any that dies), with a clock beside them unless `beat` is off (a `peihuo scheduler` beats).

    On a real Redis the clock runs in a process of its own: a forking worker must have no other
    thread, or a work horse forked while the clock held a lock (the database driver's,
    logging's) would wait on it forever. The embedded stand-in lives in this process, so there
    one worker runs jobs in-process and the clock is a thread.
    """
    load_jobs()
    connection = redis_connection(settings)
    if settings.is_embedded_redis:
        if processes != 1:
            raise ValueError("the embedded Redis lives in one process: use --processes 1")
        _run_embedded(settings, connection, burst, beat, **options)
        return
    clock = None
    if beat:
        clock = multiprocessing.get_context("spawn").Process(
            target=run_clock, args=(settings, os.getpid()), name="peihuo-clock", daemon=True
        )
        clock.start()
    _Worker.liveness_file = settings.liveness_file
    try:
        if processes == 1:
            queues = [queue(settings, name, connection) for name in QUEUES]
            _Worker(queues, connection=connection).work(burst=burst, **options)
        else:
            pool = WorkerPool(list(QUEUES), connection, num_workers=processes, worker_class=_Worker)
            pool.start(burst=burst, logging_level=options.get("logging_level", "INFO"))
    finally:
        if clock is not None:
            clock.terminate()
            clock.join(5)


def _run_embedded(
    settings: Settings, connection: Redis[bytes], burst: bool, beat: bool, **options: Any
) -> None:
    queues = [queue(settings, name, connection) for name in QUEUES]
    clock = Clock(settings, connection) if beat else None
    if clock is not None:
        clock.start()
    try:
        SimpleWorker(queues, connection=connection).work(
            burst=burst, with_scheduler=False, **options
        )
    finally:
        if clock is not None:
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
