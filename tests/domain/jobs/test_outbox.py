"""The outbox and the job runner: written with the change, relayed after commit, run exactly once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.models import AuditEntry
from domain.audit.recorder import record
from domain.db import Database
from domain.jobs import outbox, runner
from domain.jobs.models import JobRun, OutboxMessage
from domain.jobs.queue import queue
from domain.jobs.registry import job
from domain.jobs.worker import drain_async
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.factories import World, system, unique

_flaky_failures: dict[str, int] = {}
PURGE = "maintenance.purge_expired_credentials"  # a platform job that harms no test


@job("test.note", queue="default", retries=())
async def note(session: AsyncSession, text: str) -> dict[str, Any]:
    """Leave an audit entry saying `text` (what the tests look for)."""
    await record(session, "test.note", "test", after={"text": text})
    return {"noted": text}


@job("test.flaky", queue="default", retries=(0, 0))
async def flaky(session: AsyncSession, text: str, failures: int) -> dict[str, Any]:
    """Fail the first `failures` times for `text`, then leave a note."""
    seen = _flaky_failures.get(text, 0)
    if seen < failures:
        _flaky_failures[text] = seen + 1
        raise RuntimeError(f"failure {seen + 1} of {failures}")
    return await note(session, text)


async def _notes(db: Database, world: World, text: str) -> int:
    async with tenant_session(db, system(world.tenant)) as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.action == "test.note", AuditEntry.after["text"].as_string() == text
                )
            )
            or 0
        )


async def test_nothing_is_queued_when_the_change_rolls_back(
    world: World, db: Database, settings: Settings
) -> None:
    text = unique("rolled-back")
    async with tenant_session(db, system(world.tenant)) as session:
        outbox.enqueue(session, "test.note", f"note:{text}", {"text": text})
        await session.flush()
        await session.rollback()
    await drain_async(settings)
    assert await _notes(db, world, text) == 0


async def test_a_committed_job_runs_once_however_often_it_is_delivered(
    world: World, db: Database, settings: Settings
) -> None:
    text = unique("once")
    key = f"note:{text}"
    async with tenant_session(db, system(world.tenant)) as session:
        outbox.enqueue(session, "test.note", key, {"text": text})
        await session.commit()
    await drain_async(settings)
    assert await _notes(db, world, text) == 1
    async with db.session() as session:
        message = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
        assert message is not None and message.relayed_at is not None
        assert await session.get(JobRun, key) is not None
    # A redelivery (a retried or duplicated rq job) finds the completion record and does nothing.
    again = queue(settings).enqueue(
        runner.execute, "test.note", world.tenant.id, {"text": text}, key
    )
    await drain_async(settings)
    assert again.get_status(refresh=True) == "finished"
    assert await _notes(db, world, text) == 1


async def test_a_failing_job_is_retried_until_it_succeeds(
    world: World, db: Database, settings: Settings
) -> None:
    text = unique("flaky")
    async with tenant_session(db, system(world.tenant)) as session:
        outbox.enqueue(session, "test.flaky", f"flaky:{text}", {"text": text, "failures": 2})
        await session.commit()
    await drain_async(settings)
    assert _flaky_failures[text] == 2
    assert await _notes(db, world, text) == 1


async def test_rows_held_for_later_do_not_hold_up_the_rows_due_now(
    db: Database, settings: Settings
) -> None:
    """Hundreds of notifications held past quiet hours sit at the head of the outbox: the relay
    passes over them to what is due, rather than reading the same held rows every beat."""
    await outbox.relay(db, settings, limit=100_000)  # what earlier tests left due
    held_key, due_key = unique("held-"), unique("due-")
    later = datetime(2999, 1, 1, tzinfo=UTC)
    async with db.session() as session:
        for n in range(3):
            session.add(OutboxMessage(job=PURGE, key=f"{held_key}-{n}", args={}, not_before=later))
        session.add(OutboxMessage(job=PURGE, key=due_key, args={}))
        await session.commit()
    try:
        assert await outbox.relay(db, settings, limit=3) == 1
        async with db.session() as session:
            rows = await session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.key.in_([due_key, *(f"{held_key}-{n}" for n in range(3))])
                )
            )
            relayed = {row.key: row.relayed_at is not None for row in rows}
        assert relayed == {due_key: True, **{f"{held_key}-{n}": False for n in range(3)}}
    finally:
        async with db.session() as session:
            await session.execute(delete(OutboxMessage).where(OutboxMessage.not_before == later))
            await session.commit()


async def test_a_row_of_an_unknown_job_is_marked_dead_and_the_rest_are_relayed(
    world: World, db: Database, settings: Settings
) -> None:
    """A job renamed by a deploy leaves rows nobody can run: they are set aside, with why."""
    text = unique("after-dead")
    renamed, good = unique("renamed:"), f"note:{text}"
    async with tenant_session(db, system(world.tenant)) as session:
        # Written directly: enqueue() refuses unknown names, as the old code's rows were not.
        session.add(OutboxMessage(tenant_id=world.tenant.id, job="test.renamed_away", key=renamed))
        outbox.enqueue(session, "test.note", good, {"text": text})
        await session.commit()
    await drain_async(settings)  # relays (the dead row first: it has the lower id) and runs
    assert await _notes(db, world, text) == 1
    async with db.session() as session:
        dead = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == renamed))
        assert dead is not None and dead.dead_at is not None and dead.relayed_at is None
        assert "unknown job 'test.renamed_away'" in (dead.dead_error or "")
    # Skipped from then on: the next relays neither fail nor retry it.
    assert await outbox.relay(db, settings) >= 0
    async with db.session() as session:
        again = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == renamed))
        assert again is not None and again.attempts == 1
