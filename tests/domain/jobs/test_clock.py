"""The scheduler beat: one clock at a time beats (relays, fires due retries and periodic jobs),
the beat moves on when its holder stops or dies, and periodic jobs fire once per period
whichever clock holds the beat and however often clocks start.

Run on the embedded Redis stand-in too: the beat's lock is renewed with Lua scripts, so
fakeredis must have Lua (fakeredis[lua]) or no clock would ever beat. The same in separate
processes (`peihuo scheduler`, SIGKILL) is in test_processes.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from redis import Redis
from sqlalchemy import func, select

from domain.db import Database
from domain.jobs import beat as beat_module
from domain.jobs import outbox
from domain.jobs.beat import BEAT_KEY, PERIODIC_KEY, Clock, beat_holder
from domain.jobs.models import OutboxMessage
from domain.jobs.periodic import PERIODIC
from domain.jobs.queue import QUEUES, queue, redis_connection
from domain.jobs.registry import load_jobs
from domain.settings import Settings
from tests.factories import unique

PURGE = "maintenance.purge_expired_credentials"  # a platform job that harms no test


def _clear(settings: Settings, connection: Redis[bytes]) -> None:
    """Empty every queue, drop jobs scheduled for later (another test's retries, say), the beat
    and the periodic timers: the embedded Redis is one per process."""
    for name in QUEUES:
        target = queue(settings, name, connection)
        target.empty()
        scheduled = target.scheduled_job_registry
        for job_id in scheduled.get_job_ids():
            scheduled.remove(job_id, delete_job=True)
    connection.delete(BEAT_KEY, *[PERIODIC_KEY + name for name, _ in PERIODIC])


def _periodic_keys(settings: Settings, connection: Redis[bytes]) -> list[str]:
    """The periodic jobs queued (the beat also relays what other tests left in the outbox)."""
    low = queue(settings, "low", connection).get_jobs()
    return sorted(j.args[3] for j in low if str(j.args[3]).startswith("periodic:"))


@pytest.fixture(params=[True, False], ids=["fakeredis", "configured"])
def beat_settings(settings: Settings, request: pytest.FixtureRequest) -> Iterator[Settings]:
    """Settings with a short-lived beat lock, on the stand-in or the configured Redis."""
    update: dict[str, object] = {"beat_lock_seconds": 2}
    if request.param:
        update["redis_url"] = "fakeredis://"
    beat = settings.model_copy(update=update)
    load_jobs()
    _clear(beat, redis_connection(beat))
    yield beat
    _clear(beat, redis_connection(beat))


@pytest.fixture
def loop_and_db(settings: Settings) -> Iterator[tuple[asyncio.AbstractEventLoop, Database]]:
    loop = asyncio.new_event_loop()
    db = Database(settings.database_url)
    yield loop, db
    loop.run_until_complete(db.dispose())
    loop.close()


def test_a_beat_fires_due_retries_and_the_periodic_jobs(
    beat_settings: Settings, loop_and_db: tuple[asyncio.AbstractEventLoop, Database]
) -> None:
    connection = redis_connection(beat_settings)
    assert PERIODIC, "the job modules register their periodic jobs"
    default = queue(beat_settings, "default", connection)
    retry = default.enqueue_at(datetime.now(UTC) - timedelta(seconds=1), "builtins.print", "x")
    assert retry.id not in default.job_ids
    clock = Clock(beat_settings, connection)
    try:
        assert clock.tick(*loop_and_db)
        assert beat_holder(connection) == clock.identity
        assert retry.id in default.job_ids
        assert _periodic_keys(beat_settings, connection) == sorted(
            f"periodic:{name}" for name, _ in PERIODIC
        )
    finally:
        clock._release()
    assert beat_holder(connection) is None  # handed on at once


def test_of_two_clocks_one_beats_and_periodic_jobs_fire_once(
    beat_settings: Settings, loop_and_db: tuple[asyncio.AbstractEventLoop, Database]
) -> None:
    connection = redis_connection(beat_settings)
    first, second = Clock(beat_settings, connection), Clock(beat_settings, connection)
    try:
        beats = [(first.tick(*loop_and_db), second.tick(*loop_and_db)) for _ in range(3)]
        assert beats == [(True, False)] * 3
        assert beat_holder(connection) == first.identity
        once = sorted(f"periodic:{name}" for name, _ in PERIODIC)
        assert _periodic_keys(beat_settings, connection) == once

        first._release()  # a clean stop hands the beat on
        assert second.tick(*loop_and_db)
        assert beat_holder(connection) == second.identity
        # A restart, or the beat moving on, fires nothing before the period is over.
        restarted = Clock(beat_settings, connection)
        assert not restarted.tick(*loop_and_db)
        assert _periodic_keys(beat_settings, connection) == once
    finally:
        first._release()
        second._release()


def test_the_beat_moves_on_when_its_holder_stops_renewing_it(
    beat_settings: Settings, loop_and_db: tuple[asyncio.AbstractEventLoop, Database]
) -> None:
    connection = redis_connection(beat_settings)
    dead, alive = Clock(beat_settings, connection), Clock(beat_settings, connection)
    try:
        assert dead.tick(*loop_and_db)
        assert not alive.tick(*loop_and_db)
        time.sleep(beat_settings.beat_lock_seconds + 0.2)  # the holder died: no renewal
        assert alive.tick(*loop_and_db)
        assert beat_holder(connection) == alive.identity
        # The old holder, back from a stall, finds it lost the beat and does not beat.
        assert not dead.tick(*loop_and_db)
        assert beat_holder(connection) == alive.identity
    finally:
        alive._release()
        dead._release()


async def test_a_beat_relays_a_burst_beyond_one_batch(
    beat_settings: Settings, db: Database
) -> None:
    connection = redis_connection(beat_settings)
    keys = [unique("burst-") for _ in range(25)]
    async with db.session() as session:
        session.add_all(OutboxMessage(job=PURGE, key=key, args={}) for key in keys)
        await session.commit()
    clock = Clock(beat_settings, connection)
    clock.relay_batch = 10
    try:
        await asyncio.to_thread(_tick_on_a_loop_of_its_own, clock, beat_settings)
    finally:
        clock._release()
    async with db.session() as session:
        waiting = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.key.in_(keys), OutboxMessage.relayed_at.is_(None))
        )
    assert waiting == 0


def _tick_on_a_loop_of_its_own(clock: Clock, settings: Settings) -> None:
    loop = asyncio.new_event_loop()
    db = Database(settings.database_url)
    try:
        assert clock.tick(loop, db)
    finally:
        loop.run_until_complete(db.dispose())
        loop.close()


def test_relay_retries_and_periodic_jobs_fail_independently(
    beat_settings: Settings,
    loop_and_db: tuple[asyncio.AbstractEventLoop, Database],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    connection = redis_connection(beat_settings)
    default = queue(beat_settings, "default", connection)
    retry = default.enqueue_at(datetime.now(UTC) - timedelta(seconds=1), "builtins.print", "x")

    async def broken_relay(*_: object, **__: object) -> int:
        raise RuntimeError("the relay is broken")

    monkeypatch.setattr(outbox, "relay", broken_relay)
    clock = Clock(beat_settings, connection)
    try:
        assert clock.tick(*loop_and_db)
        # The relay failed; the retries and the periodic jobs went on regardless.
        assert retry.id in default.job_ids
        assert _periodic_keys(beat_settings, connection) == sorted(
            f"periodic:{name}" for name, _ in PERIODIC
        )
        # And a broken retry scheduler does not stop the relay.
        monkeypatch.undo()
        relayed: list[str] = []

        async def counting_relay(*_: object, **__: object) -> int:
            relayed.append("yes")
            return 0

        monkeypatch.setattr(outbox, "relay", counting_relay)

        def broken_retries() -> None:
            raise RuntimeError("the retry scheduler is broken")

        monkeypatch.setattr(clock.scheduler, "enqueue_scheduled_jobs", broken_retries)
        assert clock.tick(*loop_and_db)
        assert relayed == ["yes"]
    finally:
        clock._release()


def test_one_periodic_job_that_cannot_be_fired_does_not_stop_the_others(
    beat_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection = redis_connection(beat_settings)
    monkeypatch.setattr(beat_module, "PERIODIC", [("test.renamed_away", 60), *PERIODIC])
    fired = beat_module.fire_periodic(beat_settings, connection)
    assert fired == [name for name, _ in PERIODIC]
    connection.delete(PERIODIC_KEY + "test.renamed_away")
