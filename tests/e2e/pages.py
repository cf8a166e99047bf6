"""Photographing a portal page in both languages, checked by axe-core each time."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.portal import choose_language
from tests.e2e.screenshots import LANGUAGES, Viewport, screenshot, screenshot_dir


async def settle(page: Page) -> None:
    """Wait for the page to stop loading and fonts to be ready, so the picture is the page's."""
    await page.wait_for_load_state("networkidle")
    await page.evaluate("() => document.fonts.ready.then(() => true)")


async def photograph(
    page: Page, directory: Path, name: str, viewport: Viewport, headings: dict[str, str]
) -> None:
    """The page in Chinese then English (it stays in English): heading shown, no serious or
    critical axe violation, `<name>-<viewport>-<lang>.png` written."""
    for lang in LANGUAGES:
        await choose_language(page, lang)
        await expect(page.get_by_role("heading", name=headings[lang], exact=True)).to_be_visible()
        await settle(page)
        await assert_accessible(page, f"{name} ({viewport.name}, {lang})")
        await screenshot(page, screenshot_dir(directory), name, viewport, lang)
