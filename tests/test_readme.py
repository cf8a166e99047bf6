"""The README's quick start, from a fresh clone: `make demo` installs, seeds, serves; run again
it reuses what it built. (`make test` from a clean clone is what CI's `.ci/run` does.)"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from subprocess import Popen

import httpx
import pytest

from domain.settings import PROJECT_ROOT
from tests.factories_service import free_port

pytestmark = pytest.mark.slow


def test_the_quick_start_is_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make (\w+)", quick_start, re.M)
    assert commands == ["demo", "test"]
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh clone of this repository's committed HEAD."""
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    target = tmp_path_factory.mktemp("fresh") / "peihuo"
    subprocess.run(["git", "clone", "-q", str(PROJECT_ROOT), str(target)], check=True)
    yield target


def _environment(port: int) -> dict[str, str]:
    # A newcomer's shell: none of this run's PEIHUO_* settings or virtual environment.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PEIHUO_", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    env["PEIHUO_PORT"] = str(port)
    return env


@contextmanager
def _group(
    command: list[str], cwd: Path, env: dict[str, str], log: Path, grace: float = 30
) -> Iterator[Popen]:
    """`command` running in a process group of its own; the whole group is ended on the way
    out, however the block ends (a failed assertion, a timeout, an interrupt): nothing it
    started outlives the test."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        _stop(process, grace)


def _signal_group(group: int, signum: int) -> bool:
    """Send `signum` to every process of `group`; whether any was left to receive it."""
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        return False
    return True


def _stop(process: Popen, grace: float = 30) -> None:
    """Ctrl-C to the group (a clean shutdown); once the leader is gone (or after `grace`
    seconds) and its children had two seconds to follow, SIGKILL to whatever of the group is
    left: children that ignored the interrupt or outlived their parent included."""
    _signal_group(process.pid, signal.SIGINT)
    with suppress(subprocess.TimeoutExpired):
        process.wait(grace)
    settle = time.monotonic() + 2
    while time.monotonic() < settle and _signal_group(process.pid, 0):
        time.sleep(0.1)
    _signal_group(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(10)
    gone = time.monotonic() + 10  # killed orphans are reaped by init, not by us
    while time.monotonic() < gone and _signal_group(process.pid, 0):
        time.sleep(0.1)


@contextmanager
def _demo(clone: Path, port: int, log: Path, limit: float) -> Iterator[Popen]:
    """`make demo` started and answering on `port` (or the test fails with its output); its
    whole process group is ended when the block ends, whatever way."""
    with _group(["make", "demo"], clone, _environment(port), log) as process:
        deadline = time.monotonic() + limit
        while True:
            if process.poll() is not None:
                pytest.fail(f"make demo exited {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"make demo did not serve within {limit:.0f} s:\n{log.read_text()[-3000:]}"
                )
            time.sleep(1)
        yield process


def _logs_in(port: int) -> None:
    base = f"http://127.0.0.1:{port}"
    login = httpx.post(
        f"{base}/auth/login",
        json={"tenant": "taozi", "email": "m1@taozi.example", "password": "demo-password"},
        timeout=30,
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    body = httpx.post(
        f"{base}/graphql",
        json={"query": "{ me { role } stores(first: 5) { totalCount } }"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    ).json()
    assert body["data"]["me"]["role"] == "MERCHANDISER", body
    assert body["data"]["stores"]["totalCount"] > 0


def _serves_the_portal(port: int) -> None:
    page = httpx.get(f"http://127.0.0.1:{port}/", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and "/assets/portal-" in page.text, page.text[:300]


def test_make_demo_serves_from_a_fresh_clone_and_reuses_it_when_run_again(clone: Path) -> None:
    port = free_port()
    first_log = clone / "first-run.log"
    with_node = shutil.which("npm") is not None
    with _demo(clone, port, first_log, limit=1200):
        _logs_in(port)
        assert "hq@taozi.example" in first_log.read_text()
        if with_node:
            _serves_the_portal(port)
        else:
            assert "serving the API alone" in first_log.read_text()
    second_log = clone / "second-run.log"
    with _demo(clone, port, second_log, limit=120):
        _logs_in(port)
        assert "already seeded" in second_log.read_text()
        # Nothing changed in frontend/: the bundle is not built again.
        assert "building the web front end" not in second_log.read_text()
        if with_node:
            _serves_the_portal(port)


@pytest.mark.parametrize("ending", ["failure", "leader gone"])
def test_however_a_run_ends_no_process_of_its_group_is_left(tmp_path: Path, ending: str) -> None:
    # A leader with children that ignore Ctrl-C, as a server's workers may.
    script = "trap '' INT; sleep 300 & sleep 300 & " + ("wait" if ending == "failure" else "exit 0")
    env = dict(os.environ)
    with (
        pytest.raises(AssertionError, match="the run failed"),
        _group(["sh", "-c", script], tmp_path, env, tmp_path / "log", grace=2) as process,
    ):
        time.sleep(0.3)
        assert _signal_group(process.pid, 0)
        raise AssertionError("the run failed")
    assert not _signal_group(process.pid, 0), "a process of the group outlived the test"
