"""Metrics of several processes: `peihuo serve --workers 2` counts every request whichever
process answers it or the scrape; a pool of worker processes and their work horses record
every job (on PostgreSQL and a real Redis)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from domain.jobs.queue import queue, redis_connection
from domain.jobs.runner import execute
from domain.settings import Settings
from tests.conftest import is_postgres
from tests.factories import unique
from tests.processes import Peihuo, environment, serve

pytestmark = pytest.mark.slow  # real processes (the slow lane)


@pytest.fixture
def shared(settings: Settings) -> Settings:
    if settings.is_embedded_redis or not is_postgres(settings):
        pytest.skip("needs PostgreSQL and a real Redis: the embedded ones live in one process")
    return settings


def _count(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return 0.0


def test_two_api_processes_report_every_request(shared: Settings, tmp_path: Path) -> None:
    directory = tmp_path / "metrics"
    server, base = serve(
        ["--workers", "2", "--no-migrate"],
        environment(shared, PROMETHEUS_MULTIPROC_DIR=str(directory)),
        tmp_path / "serve.log",
    )
    try:
        # New connections each time: uvicorn's processes share the socket and take turns.
        for _ in range(40):
            assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
        route = {"route": "/healthz", "method": "GET", "status": "2xx"}
        for _ in range(4):  # whichever process answers the scrape sums both
            scrape = httpx.get(f"{base}/metrics", timeout=10)
            assert scrape.status_code == 200, scrape.text
            assert _count(scrape.text, "peihuo_http_request_duration_seconds_count", **route) >= 41
        assert len({path.name for path in directory.glob("histogram_*.db")}) == 2
    finally:
        assert server.stop() == 0, server.output()


def test_a_worker_pool_records_every_job_its_work_horses_ran(
    shared: Settings, tmp_path: Path
) -> None:
    connection = redis_connection(shared)
    default = queue(shared, "default", connection)
    job = "maintenance.purge_expired_credentials"
    for _ in range(6):
        default.enqueue(execute, job, None, {}, unique("metrics-"))
    directory = tmp_path / "metrics"
    pool = Peihuo(
        ["worker", "--processes", "2", "--burst", "--no-beat"],
        environment(shared, PROMETHEUS_MULTIPROC_DIR=str(directory)),
        tmp_path / "pool.log",
    )
    try:
        assert pool.process.wait(120) == 0, pool.output()
    finally:
        pool.stop()
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(directory))  # type: ignore[no-untyped-call]
    done = registry.get_sample_value(
        "peihuo_job_duration_seconds_count", {"job": job, "outcome": "ok"}
    )
    assert done == 6
    # One file per worker process, not one per job its horses ran.
    assert len(list(directory.glob("histogram_*.db"))) <= 2
