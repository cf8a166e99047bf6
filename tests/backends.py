"""Which real services the suite runs on: SQLite and fakeredis always; PostgreSQL and Redis when
they answer on their default local ports, and required (the run fails) when CI=true."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

PG_HOST = os.environ.get("PEIHUO_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PEIHUO_TEST_PG_PORT", "5432"))
REDIS_HOST = os.environ.get("PEIHUO_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("PEIHUO_TEST_REDIS_PORT", "6379"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Availability:
    """What this run can use."""

    postgres: bool
    redis: bool


def detect() -> Availability:
    """Probe the local services; under CI a missing one is an error, not a skip."""
    postgres = _answers(PG_HOST, PG_PORT)
    redis = _answers(REDIS_HOST, REDIS_PORT)
    if IN_CI and not (postgres and redis):
        missing = [n for n, ok in (("PostgreSQL", postgres), ("Redis", redis)) if not ok]
        raise RuntimeError(f"CI=true but {', '.join(missing)} not reachable: refusing to skip")
    return Availability(postgres=postgres, redis=redis)


AVAILABLE = detect()
DATABASES = ["sqlite", *(["postgresql"] if AVAILABLE.postgres else [])]
if os.environ.get("PEIHUO_TEST_ONE_DATABASE", "").lower() in {"1", "true", "yes"}:
    # `make check`, the edit-test loop: each test once, on the production database when it is
    # here (PostgreSQL), else on SQLite; `make test` runs both.
    DATABASES = DATABASES[-1:]
REDISES = ["fakeredis", *(["redis"] if AVAILABLE.redis else [])]
