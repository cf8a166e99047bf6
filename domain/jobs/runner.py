"""What rq executes: one entry point that runs a registered async job in a tenant session.

Each worker thread keeps one event loop and one database engine (engines cannot cross loops),
so a forking worker, a simple worker and the in-process worker all run jobs the same way.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rq import get_current_job

from domain.db import Database
from domain.jobs.models import JobRun
from domain.jobs.registry import spec
from domain.observability import metrics
from domain.observability.logs import bind_job, get_logger
from domain.permissions import Actor
from domain.settings import Settings, get_settings
from domain.tenancy.session import tenant_session

log = get_logger("peihuo.jobs")
_local = threading.local()
_settings: Settings | None = None


def configure(settings: Settings | None) -> None:
    """Use these settings for jobs run in this process (tests; default: the environment)."""
    global _settings
    _settings = settings


@contextmanager
def configured(settings: Settings) -> Iterator[None]:
    """Run the jobs of this block with `settings`, then with what was configured before."""
    previous = _settings
    configure(settings)
    try:
        yield
    finally:
        configure(previous)


class _Runtime:
    def __init__(self, settings: Settings) -> None:
        self.loop = asyncio.new_event_loop()
        self.settings = settings
        self.db = Database(settings.database_url)

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)


def runtime() -> _Runtime:
    """This thread's loop and database (made on first use)."""
    settings = _settings or get_settings()
    current: _Runtime | None = getattr(_local, "runtime", None)
    if current is None or current.settings is not settings:
        current = _Runtime(settings)
        _local.runtime = current
    return current


def execute(name: str, tenant_id: int | None, args: dict[str, Any], key: str) -> Any:
    """Run job `name` once for `key` (rq calls this; retries find the completion record)."""
    rt = runtime()
    return rt.run(_execute(rt.db, name, tenant_id, args, key))


async def _execute(
    db: Database, name: str, tenant_id: int | None, args: dict[str, Any], key: str
) -> Any:
    """Run the job, recording its duration and outcome (metrics and one log line)."""
    bind_job(name, key, tenant_id)
    started = time.perf_counter()
    try:
        result = await _run(db, name, tenant_id, args, key)
    except Exception as error:
        elapsed = time.perf_counter() - started
        metrics.JOB_SECONDS.labels(name, "failed").observe(elapsed)
        metrics.JOB_FAILURES.labels(name, type(error).__name__).inc()
        log.warning("job failed", seconds=round(elapsed, 3), error=type(error).__name__)
        raise
    elapsed = time.perf_counter() - started
    skipped = isinstance(result, dict) and "skipped" in result
    outcome = "skipped" if skipped else "ok"
    metrics.JOB_SECONDS.labels(name, outcome).observe(elapsed)
    log.info("job done", seconds=round(elapsed, 3), outcome=outcome)
    return result


async def _run(
    db: Database, name: str, tenant_id: int | None, args: dict[str, Any], key: str
) -> Any:
    job = spec(name)
    actor = Actor.system(tenant_id, label=f"job:{name}")
    async with tenant_session(db, actor) as session:
        if job.exactly_once and await session.get(JobRun, key) is not None:
            return {"skipped": "already done", "key": key}
        result = await job.handler(session, **args)
        if job.exactly_once:
            session.add(JobRun(key=key, tenant_id=tenant_id, job=name))
        await session.commit()
        return result


def report_progress(done: int, total: int, **extra: Any) -> None:
    """Publish a running job's progress on its rq job (visible to anyone holding its id)."""
    current = get_current_job()
    if current is None:
        return
    current.meta["progress"] = {"done": done, "total": total, **extra}
    current.save_meta()  # type: ignore[no-untyped-call]
