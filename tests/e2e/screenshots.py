"""Screenshots of pages, named by page, size and language.

They go to PEIHUO_SCREENSHOTS when set (`make screenshots` sets docs/screenshots), otherwise to
the test's temporary directory: a test run never rewrites the committed images.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Page

from domain.settings import PROJECT_ROOT


@dataclass(frozen=True)
class Viewport:
    """A screen the pages are checked and shown at."""

    name: str
    width: int
    height: int
    mobile: bool


PHONE = Viewport("phone", 390, 844, mobile=True)
DESKTOP = Viewport("desktop", 1440, 900, mobile=False)
VIEWPORTS = (PHONE, DESKTOP)
LANGUAGES = ("zh-CN", "en")


def screenshot_dir(fallback: Path) -> Path:
    """Where screenshots go: PEIHUO_SCREENSHOTS (relative to the project) or `fallback`."""
    chosen = os.environ.get("PEIHUO_SCREENSHOTS")
    directory = PROJECT_ROOT / chosen if chosen else fallback
    directory.mkdir(parents=True, exist_ok=True)
    return directory


async def screenshot(page: Page, directory: Path, name: str, viewport: Viewport, lang: str) -> Path:
    """The whole page as a PNG: `<name>-<phone|desktop>-<lang>.png`."""
    path = directory / f"{name}-{viewport.name}-{lang}.png"
    await page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path
