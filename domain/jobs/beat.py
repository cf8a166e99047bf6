"""The scheduler beat: one process at a time relays the outbox, moves due retries back to their
queues and fires the periodic jobs, however many workers and schedulers run.

Every `peihuo worker` (unless `--no-beat`) and every `peihuo scheduler` runs a clock. Each
second a clock renews the beat if it holds it, or takes it if it is free: a Redis lock that
lapses `beat_lock_seconds` after its holder stops renewing it (a killed process, a lost
machine), so another clock takes over within that time; a clock that stops cleanly hands the
beat on at once. The periodic jobs are timed by Redis keys that live for their period, so a
restart, or a beat that moves to another process, fires nothing early: starting ten workers
does not start ten waves of scans.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from redis import Redis
from redis.exceptions import LockError, LockNotOwnedError, RedisError
from redis.lock import Lock
from rq.scheduler import RQScheduler

from domain import clock
from domain.db import Database
from domain.jobs import outbox, runner
from domain.jobs.periodic import PERIODIC
from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.registry import load_jobs, spec
from domain.settings import Settings

log = logging.getLogger(__name__)

BEAT_KEY = "peihuo:beat"
PERIODIC_KEY = "peihuo:periodic:"
#: Outbox rows relayed per statement, and for how long one beat goes on relaying full batches.
RELAY_BATCH = 500
RELAY_SECONDS = 5.0


def beat_holder(connection: Redis[bytes]) -> str | None:
    """Who holds the beat now (`host:pid:nonce` of its clock), or None."""
    held = connection.get(BEAT_KEY)
    return held.decode() if held is not None else None


def touch(path: Path | None) -> None:
    """Refresh the liveness file a container's probe reads, when one is configured."""
    if path is None:
        return
    try:
        path.touch()
    except OSError as error:
        log.warning("could not touch the liveness file %s: %s", path, error)


def fire_periodic(settings: Settings, connection: Redis[bytes]) -> list[str]:
    """Enqueue each periodic job whose period has passed since any process last fired it.

    Each job on its own: one that cannot be queued (renamed, say) is logged and the others
    still fire."""
    fired = []
    for name, every in PERIODIC:
        try:
            # SET NX EX: whoever sets the key fires the job; it lapses when the period is over.
            if not connection.set(PERIODIC_KEY + name, clock.now().isoformat(), nx=True, ex=every):
                continue
            job = spec(name)
            queue(settings, job.queue, connection).enqueue(
                runner.execute,
                name,
                None,
                {},
                f"periodic:{name}",
                job_timeout=job.timeout,
                result_ttl=3600,
                description=f"periodic {name}",
            )
        except RedisError:
            raise  # Redis is down: nothing else can fire either
        except Exception:
            log.exception("periodic job %s could not be fired", name)
            continue
        fired.append(name)
    return fired


class Clock(threading.Thread):
    """Takes or renews the beat every `interval` seconds and, while it holds it, beats."""

    def __init__(self, settings: Settings, connection: Redis[bytes], interval: float = 1.0) -> None:
        super().__init__(name="peihuo-clock", daemon=True)
        self.settings = settings
        self.connection = connection
        self.interval = interval
        self.stopped = threading.Event()
        self.relay_batch = RELAY_BATCH
        self.identity = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lock = Lock(
            connection, BEAT_KEY, timeout=settings.beat_lock_seconds, thread_local=False
        )
        # The beat lock says who moves due retries: rq's own per-queue scheduler locks would
        # keep a dead holder's queues for a minute after the beat has moved on.
        self.scheduler = RQScheduler(list(QUEUES), connection=connection)
        self.scheduler.prepare_registries(list(QUEUES))

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

    def holds_beat(self) -> bool:
        """Renew the beat if this clock holds it, else take it if it is free."""
        if self.lock.local.token is not None:
            try:
                self.lock.reacquire()
                return True
            except LockNotOwnedError:
                # Renewed too late (a stall longer than the lock's life): someone else beats.
                self.lock.local.token = None
                log.warning("clock %s lost the beat", self.identity)
        taken = bool(self.lock.acquire(blocking=False, token=self.identity))
        if taken:
            log.info("clock %s took the beat", self.identity)
        return taken

    def tick(self, loop: asyncio.AbstractEventLoop, db: Database) -> bool:
        """One beat if this clock holds it: relay, due retries, periodic jobs. Survives a Redis
        or database outage, and each of the three fails on its own: a relay that fails does not
        stop the retries or the periodic jobs, nor the other way round. Returns whether it
        beat."""
        touch(self.settings.liveness_file)
        try:
            if not self.holds_beat():
                return False
        except RedisError as error:
            log.warning("clock: redis unavailable: %s", error)
            return False
        steps: tuple[tuple[str, Callable[[], object]], ...] = (
            ("relay", lambda: self._relay(loop, db)),
            ("retries", self.scheduler.enqueue_scheduled_jobs),
            ("periodic jobs", lambda: fire_periodic(self.settings, self.connection)),
        )
        for name, step in steps:
            try:
                step()
            except RedisError as error:
                log.warning("clock %s: redis unavailable: %s", name, error)
            except Exception:
                log.exception("clock %s failed", name)
        return True

    def _relay(self, loop: asyncio.AbstractEventLoop, db: Database) -> None:
        """Relay what is due, a batch at a time while batches come full, for a few seconds at
        most (well within the beat's lock): a burst of jobs need not wait a beat per batch."""
        deadline = time.monotonic() + min(RELAY_SECONDS, self.settings.beat_lock_seconds / 2)
        while (
            loop.run_until_complete(outbox.relay(db, self.settings, self.relay_batch))
            >= self.relay_batch
            and time.monotonic() < deadline
        ):
            pass

    def _release(self) -> None:
        """Hand the beat on, so the next clock need not wait for the lock to lapse."""
        if self.lock.local.token is None:
            return
        try:
            self.lock.release()
        except (LockError, RedisError) as error:
            log.warning("clock: could not release the beat: %s", error)

    def stop(self) -> None:
        """Stop after the current beat."""
        self.stopped.set()


def run_clock(settings: Settings, parent_pid: int | None = None) -> None:
    """A clock as a process of its own: `peihuo scheduler`, or the one beside a forking
    `peihuo worker` (given its pid: the clock beats until that worker is gone)."""
    load_jobs()
    beat = Clock(settings, redis_connection(settings))
    # Stopped with its worker (SIGTERM to the group, or `terminate`) or by hand (Ctrl+C):
    # finish the beat and hand it on.
    signal.signal(signal.SIGTERM, lambda *_: beat.stop())
    signal.signal(signal.SIGINT, lambda *_: beat.stop())
    beat.start()
    while beat.is_alive() and (parent_pid is None or os.getppid() == parent_pid):
        beat.join(1.0)
    beat.stop()
    beat.join(5)
