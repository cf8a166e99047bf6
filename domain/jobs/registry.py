"""Job handlers by name: thin async functions that call services, registered with `@job`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class JobSpec:
    """A registered job: its handler and how it is run."""

    name: str
    handler: Handler
    queue: str
    timeout: int
    retries: tuple[int, ...]  # seconds to wait before each retry
    exactly_once: bool


JOBS: dict[str, JobSpec] = {}


def job(
    name: str,
    queue: str = "default",
    timeout: int = 600,
    retries: tuple[int, ...] = (5, 30, 120, 600),
    exactly_once: bool = True,
) -> Callable[[Handler], Handler]:
    """Register `handler(session, **args)` as the job `name`.

    The handler gets a session bound to the job's tenant (system actor); the runner commits
    it together with the job's completion record, so a retried job never acts twice.
    """

    def register(handler: Handler) -> Handler:
        if name in JOBS and JOBS[name].handler is not handler:
            raise ValueError(f"job {name} registered twice")
        JOBS[name] = JobSpec(name, handler, queue, timeout, retries, exactly_once)
        return handler

    return register


def load_jobs() -> None:
    """Import every module that registers jobs."""
    import domain.jobs.catalog  # noqa: F401


def spec(name: str) -> JobSpec:
    """The registered job `name`."""
    if name not in JOBS:
        load_jobs()
    return JOBS[name]
