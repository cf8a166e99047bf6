"""The image: its Dockerfile (hadolint runs in `make lint`) builds one runtime for every
command, as a non-root user; the wheel it installs carries what the commands read at run time
(migrations, the console) — checked here by building the wheel and migrating from it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from domain.settings import PROJECT_ROOT

DOCKERFILE = PROJECT_ROOT / "Dockerfile"


def _runtime_stage() -> str:
    return DOCKERFILE.read_text().split(" AS runtime", 1)[1]


def test_the_runtime_stage_runs_as_a_non_root_user_with_a_health_check() -> None:
    runtime = _runtime_stage()
    (user,) = re.findall(r"^USER (\S+)$", runtime, re.MULTILINE)
    assert user.split(":")[0].isdigit() and int(user.split(":")[0]) >= 10000
    assert "HEALTHCHECK" in runtime and "/healthz" in runtime
    assert 'ENTRYPOINT ["peihuo"]' in runtime
    assert 'VOLUME ["/tmp"]' in runtime
    assert "apt-get" not in runtime and "gcc" not in runtime  # nothing to build at run time


def test_the_context_leaves_out_local_state() -> None:
    ignored = set((PROJECT_ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".env", "var", "tests", "frontend/node_modules"} <= ignored


def test_the_wheel_carries_every_file_of_its_packages_and_migrates_from_where_it_is(
    tmp_path: Path,
) -> None:
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
    subprocess.run(
        [*build, "-w", str(tmp_path / "wheel"), str(PROJECT_ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("peihuo-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    tracked = subprocess.run(
        ["git", "ls-files", "api", "domain", "migrations"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert set(tracked) - shipped == set()  # templates, console pages, examples, migrations
    database = tmp_path / "from-wheel.db"
    script = (
        "import domain, domain.migrations as m; "
        f"assert domain.__file__.startswith({str(tmp_path / 'site')!r}), domain.__file__; "
        f"m.upgrade('sqlite+aiosqlite:///{database}')"
    )
    env = os.environ | {"PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert database.stat().st_size > 0
