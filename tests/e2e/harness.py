"""What the browser tests need from the machine: Chromium, Playwright and the built front end.

Locally a missing piece skips the browser tests with one line; with CI=true it fails them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from domain.settings import PROJECT_ROOT
from tests.backends import IN_CI

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DIST = PROJECT_ROOT / "frontend" / "dist"
AXE = PROJECT_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def chromium_path() -> Path | None:
    """Debian's Chromium (or PEIHUO_CHROMIUM): Playwright's own browser downloads are not used."""
    given = os.environ.get("PEIHUO_CHROMIUM")
    for candidate in (given, "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def missing() -> str | None:
    """What the browser tests lack on this machine, if anything."""
    if chromium_path() is None:
        return "no Chromium (apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make .venv/.installed)"
    if not (DIST / "index.html").is_file() or not AXE.is_file():
        return "the front end is not built (needs Node.js 20.19+: make test builds it)"
    return None


def require() -> None:
    """Skip (locally) or fail (CI=true) when the browser tests cannot run here."""
    reason = missing()
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}: browser tests are required", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")
