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
from pathlib import Path

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


def _serve(clone: Path, port: int, log: Path, limit: float) -> subprocess.Popen[bytes]:
    """Start `make demo` and wait until it answers, or fail with its output."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["make", "demo"],
            cwd=clone,
            env=_environment(port),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make demo exited {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(1)
    _stop(process)
    pytest.fail(f"make demo did not serve within {limit:.0f} s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


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
    process = _serve(clone, port, first_log, limit=1200)
    with_node = shutil.which("npm") is not None
    try:
        _logs_in(port)
        assert "hq@taozi.example" in first_log.read_text()
        if with_node:
            _serves_the_portal(port)
        else:
            assert "serving the API alone" in first_log.read_text()
    finally:
        _stop(process)
    second_log = clone / "second-run.log"
    process = _serve(clone, port, second_log, limit=120)
    try:
        _logs_in(port)
        assert "already seeded" in second_log.read_text()
        # Nothing changed in frontend/: the bundle is not built again.
        assert "building the web front end" not in second_log.read_text()
        if with_node:
            _serves_the_portal(port)
    finally:
        _stop(process)
