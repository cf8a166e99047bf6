"""Every page at phone and desktop size, in Chinese and English: accessible, and photographed
(`make screenshots` writes the pictures to docs/screenshots/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Page, Response, expect

from domain.db import Database
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import OpenPage
from tests.e2e.portal import choose_language, sign_in
from tests.e2e.screenshots import LANGUAGES, VIEWPORTS, Viewport, screenshot, screenshot_dir
from tests.e2e.shop import make_shop

HEADINGS = {
    "en": {"login": "Sign in to Peihuo", "home": "Hello, 李强", "staff": "Your tools"},
    "zh-CN": {"login": "登录配货", "home": "李强，您好", "staff": "我的工具"},
}
SIGN_OUT = {"en": "Sign out", "zh-CN": "退出登录"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
async def test_screenshots_of_every_page(
    db: Database, open_page: OpenPage, tmp_path: Path, viewport: Viewport, lang: str
) -> None:
    shop = await make_shop(db)
    directory = screenshot_dir(tmp_path)
    page = await open_page(viewport, locale="zh-CN" if lang == "zh-CN" else "en-US")
    headings = HEADINGS[lang]

    async def shows(name: str) -> None:
        await expect(page.get_by_role("heading", name=headings[name])).to_be_visible()
        await settle(page)
        await assert_accessible(page, f"{name} ({viewport.name}, {lang})")
        await screenshot(page, directory, name, viewport, lang)

    await page.goto("/login")
    await choose_language(page, lang)
    await shows("login")
    await sign_in(page, shop.tenant, shop.franchisee, lang)
    await expect(page.get_by_role("heading", name=shop.store_name)).to_be_visible()
    await shows("home")
    await page.get_by_role("button", name=SIGN_OUT[lang]).click()
    await sign_in(page, shop.tenant, shop.merchandiser, lang)
    await shows("staff")
    if viewport.mobile:
        return  # the console is a desktop tool
    # The console is settled once GraphiQL has the schema, asked for with the session's token
    # (not at network idle: the editor may keep loading its own parts).
    async with page.expect_response(_signed_in_introspection, timeout=30_000):
        await page.goto("/graphql")
    await expect(page.get_by_text(re.compile(r"MERCHANDISER"))).to_be_visible()
    await expect(page.get_by_role("tab").first).to_be_visible()
    await page.evaluate("() => document.fonts.ready.then(() => true)")
    # The schema is loaded as the person the page load's session was restored for, not
    # before (an anonymous introspection's refusal left in the result pane).
    await expect(page.get_by_text("requires signing in")).to_have_count(0)
    await assert_accessible(page, f"console ({lang})", exclude=[".graphiql-container"])
    await screenshot(page, directory, "console", viewport, lang)
    for path in directory.glob(f"*-{viewport.name}-{lang}.png"):
        assert path.stat().st_size > 5_000, path


def _signed_in_introspection(response: Response) -> bool:
    """GraphiQL's schema request, sent with the session's token, answered."""
    request = response.request
    return (
        request.method == "POST"
        and request.url.endswith("/graphql")
        and "authorization" in request.headers
        and "__schema" in (request.post_data or "")
    )


async def settle(page: Page) -> None:
    """Wait for the page to stop loading and fonts to be ready, so the picture is the page's."""
    await page.wait_for_load_state("networkidle")
    await page.evaluate("() => document.fonts.ready.then(() => true)")
