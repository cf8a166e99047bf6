"""`peihuo` commands as real processes, for the tests of several processes at once."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from domain.settings import PROJECT_ROOT, Settings

PEIHUO = Path(PROJECT_ROOT) / ".venv" / "bin" / "peihuo"


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a `peihuo` process on these settings' database and Redis."""
    return os.environ | {
        "PEIHUO_DATABASE_URL": settings.database_url,
        "PEIHUO_DATABASE_ADMIN_URL": settings.migration_url,
        "PEIHUO_REDIS_URL": settings.redis_url,
        "PEIHUO_SECRET_KEY": settings.secret_key.get_secret_value(),
        "PEIHUO_WEBHOOK_SECRET": settings.webhook_secret.get_secret_value(),
        # The built-in simulated carrier's secret is the demo's: refused outside it.
        "PEIHUO_CARRIER_SECRETS": "{}",
        **extra,
    }


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(
    args: list[str], env: dict[str, str], log: Path, seconds: float = 60
) -> tuple[Peihuo, str]:
    """`peihuo serve ARGS` on a free port, once /healthz answers: the process and its base URL
    (the caller stops it). Fails with the server's output if it dies on the way."""
    port = free_port()
    server = Peihuo(["serve", "--port", str(port), *args], env, log)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert server.process.poll() is None, server.output()
        try:
            return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(answers, seconds, "the API answered")
    except BaseException:
        server.stop()
        raise
    return server, base


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll `condition` until it holds, failing with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.1)


class Peihuo:
    """`peihuo ARGS` in a process group of its own, output kept in a file for failures."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(PEIHUO), *args],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        """Process ids of its children."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in found.stdout.split()]

    def kill(self) -> None:
        """SIGKILL the whole group: nothing gets to clean up, as on a lost machine."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self, seconds: float = 20) -> int:
        """SIGTERM the group (a warm shutdown), SIGKILL if it is not gone in time; the exit code."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGTERM)
            try:
                self.process.wait(seconds)
            except subprocess.TimeoutExpired:
                self.kill()
        # Whatever of the group is left (a clock process outliving its worker by a beat).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        return int(self.process.returncode)
