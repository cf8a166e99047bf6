"""The embedded mode's worker thread (`peihuo serve` / `make demo`) stops when asked: at once
when idle, after its job when busy. rq's own worker stops on a signal, which a thread never
gets; before, an idle thread sat in rq's blocking wait for a job (minutes) and the server's
shutdown gave up on it after ten seconds."""

from __future__ import annotations

import threading
import time

import fakeredis
from rq import Queue
from rq.job import JobStatus

from domain.jobs.worker import _ThreadedWorker


def _queue() -> Queue:
    """A queue on a fake Redis of its own (no other test's jobs)."""
    return Queue("default", connection=fakeredis.FakeRedis(server=fakeredis.FakeServer()))


def _started() -> tuple[_ThreadedWorker, threading.Thread, Queue]:
    """A worker thread listening on a queue of its own."""
    jobs = _queue()
    worker = _ThreadedWorker([jobs], connection=jobs.connection)
    thread = threading.Thread(target=worker.work, kwargs={"logging_level": "WARNING"}, daemon=True)
    thread.start()
    return worker, thread, jobs


def _wait_for(state: str, worker: _ThreadedWorker) -> None:
    deadline = time.monotonic() + 10
    while worker.get_state() != state:
        assert time.monotonic() < deadline, f"the worker never became {state}"
        time.sleep(0.01)


def test_an_idle_worker_thread_leaves_when_asked() -> None:
    worker, thread, _ = _started()
    _wait_for("idle", worker)
    time.sleep(0.2)  # inside rq's wait for a job
    worker.stop()
    thread.join(5)
    assert not thread.is_alive()


def test_a_busy_worker_thread_finishes_its_job_then_leaves() -> None:
    worker, thread, jobs = _started()
    job = jobs.enqueue(time.sleep, 1.0)
    _wait_for("busy", worker)
    worker.stop()
    thread.join(10)
    assert not thread.is_alive()
    assert job.get_status(refresh=True) == JobStatus.FINISHED


def test_in_burst_the_worker_runs_what_is_queued_and_returns() -> None:
    """How `drain` uses it (tests, `--sync`): no waiting for more jobs."""
    jobs = _queue()
    job = jobs.enqueue(len, "ab")
    worker = _ThreadedWorker([jobs], connection=jobs.connection)
    thread = threading.Thread(target=worker.work, kwargs={"burst": True}, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    assert job.get_status(refresh=True) == JobStatus.FINISHED and job.return_value() == 2
