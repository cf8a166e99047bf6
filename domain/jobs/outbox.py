"""The transactional outbox: jobs are written with the change that implies them, then relayed."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from redis.exceptions import RedisError
from rq import Retry
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.db import Database
from domain.db.binding import session_tenant
from domain.jobs.models import OutboxMessage
from domain.jobs.queue import queue, redis_connection
from domain.jobs.registry import spec
from domain.jobs.runner import execute
from domain.observability import metrics
from domain.settings import Settings

log = logging.getLogger(__name__)


def enqueue(
    session: AsyncSession,
    job: str,
    key: str,
    args: dict[str, Any] | None = None,
    not_before: datetime | None = None,
) -> OutboxMessage:
    """Add job `job` to the outbox of the session's transaction, keyed by business identity.

    Nothing reaches Redis until the transaction commits and the relay runs; a key already in
    the outbox is not added twice (the relay and the job's completion record dedupe the rest).
    """
    spec(job)  # fail early on an unknown job name
    message = OutboxMessage(
        tenant_id=session_tenant(session),
        job=job,
        key=key,
        args=args or {},
        not_before=not_before,
    )
    session.add(message)
    return message


async def enqueue_once(
    session: AsyncSession,
    job: str,
    key: str,
    args: dict[str, Any],
    not_before: datetime | None = None,
) -> bool:
    """Queue a job unless its key is already in the outbox; whether it was queued now."""
    if await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
        return False
    enqueue(session, job, key=key, args=args, not_before=not_before)
    return True


def rq_job_id(key: str) -> str:
    """An rq job id for an outbox key (rq ids allow letters, digits, _ and -)."""
    return "ob-" + re.sub(r"[^A-Za-z0-9_-]", "_", key)[:180]


async def relay(db: Database, settings: Settings, limit: int = 500) -> int:
    """Move due outbox rows to rq; returns how many. Stops quietly while Redis is down.

    A row that cannot be relayed for a reason of its own (a job name no longer registered, say
    after a deploy renamed it; arguments rq cannot take) is marked dead with its error and
    skipped: one bad row never holds up the others, for any tenant.
    """
    connection = redis_connection(settings)
    moved = 0
    async with db.session() as session:
        now = clock.now()
        # Only what is due: rows held for later (past quiet hours, say) must not fill the batch.
        stmt = (
            select(OutboxMessage)
            .where(
                OutboxMessage.relayed_at.is_(None),
                OutboxMessage.dead_at.is_(None),
                or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now),
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        if db.dialect == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        for message in (await session.scalars(stmt)).all():
            try:
                job = spec(message.job)
            except KeyError:
                _bury(
                    message, f"unknown job {message.job!r}: no handler is registered by that name"
                )
                continue
            try:
                queue(settings, job.queue, connection).enqueue(
                    execute,
                    message.job,
                    message.tenant_id,
                    message.args,
                    message.key,
                    job_id=rq_job_id(message.key),
                    job_timeout=job.timeout,
                    retry=Retry(max=len(job.retries), interval=list(job.retries))
                    if job.retries
                    else None,
                    result_ttl=86400,
                    failure_ttl=7 * 86400,
                    description=f"{message.job} {message.key}",
                )
            except RedisError as error:
                message.attempts += 1
                message.last_error = f"redis unavailable: {error}"[:500]
                log.warning("outbox relay paused: %s", error)
                break
            except Exception as error:  # this row alone is at fault
                _bury(message, f"could not be queued: {type(error).__name__}: {error}")
                continue
            message.relayed_at = now
            message.attempts += 1
            moved += 1
        await session.commit()
    if moved:
        metrics.OUTBOX_RELAYED.inc(moved)
    return moved


def _bury(message: OutboxMessage, error: str) -> None:
    """Set a row aside as dead, with why (it stays for an operator to see)."""
    message.dead_at = clock.now()
    message.dead_error = error[:1000]
    message.attempts += 1
    log.error("outbox row %s (%s, key %s) is dead: %s", message.id, message.job, message.key, error)
