"""Where several processes keep their metric values: `PROMETHEUS_MULTIPROC_DIR`.

prometheus-client chooses between in-process values and files when it is first imported, so
this module does not import it: the `peihuo` commands that start several processes call
`ensure_multiprocess_dir` before anything records a metric.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import SecretStr

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def is_multiprocess() -> bool:
    """Whether values are kept in files shared by several processes."""
    return bool(os.environ.get(MULTIPROC_ENV))


def ensure_multiprocess_dir() -> Path:
    """Set `PROMETHEUS_MULTIPROC_DIR` for this process and its children (a fresh directory
    unless one is given), and empty it: values of an earlier run must not be summed in."""
    given = os.environ.get(MULTIPROC_ENV)
    path = Path(given) if given else Path(tempfile.mkdtemp(prefix="peihuo-metrics-"))
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink(missing_ok=True)
    os.environ[MULTIPROC_ENV] = str(path)
    return path


_horse_of: int | None = None


def become_work_horse() -> None:
    """Say this process is a work horse rq forked for one job: its values go to a file of its
    worker's (`h<worker pid>`), which the worker's next horses read on and add to, instead of a
    file per job (a worker runs one horse at a time)."""
    global _horse_of
    _horse_of = os.getppid()


def process_identity() -> str:
    """The name of this process's value files: its pid, or its worker's for a work horse."""
    return f"h{_horse_of}" if _horse_of is not None else str(os.getpid())


def _serve(port: int, token: str | None) -> None:
    """The exposition process: Prometheus' text format at any path, to scrapers that pass
    the same check as the API's /metrics (domain.observability.scrape)."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from prometheus_client import make_wsgi_app
    from pydantic import SecretStr

    from domain.observability.metrics import registry
    from domain.observability.scrape import scrape_allowed

    exposition = make_wsgi_app(registry())
    secret = SecretStr(token) if token is not None else None

    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        if not scrape_allowed(environ.get("HTTP_AUTHORIZATION"), environ["REMOTE_ADDR"], secret):
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Not Found"]
        return exposition(environ, start_response)

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass  # a scrape every few seconds is no news

    make_server("0.0.0.0", port, guarded, Server, QuietHandler).serve_forever()


def start_exposition(port: int, token: SecretStr | None = None) -> Any:
    """Serve the metrics of every process sharing `PROMETHEUS_MULTIPROC_DIR` on `port` (all
    addresses), from a process of its own: a forking worker must have no other thread (a work
    horse forked while a thread held a lock would wait on it forever). With `token` (the
    settings' `metrics_token`) a scraper must send it as a bearer token, else only loopback
    clients are answered, as at the API's /metrics. Returns the process."""
    import multiprocessing

    secret = token.get_secret_value() if token is not None else None
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(port, secret), name="peihuo-metrics", daemon=True
    )
    process.start()
    return process
