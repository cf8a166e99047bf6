"""The merchandiser console in a browser with no internet: everything comes from the app."""

from __future__ import annotations

import re

from playwright.async_api import expect

from domain.db import Database
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import OpenPage
from tests.e2e.shop import make_shop
from tests.factories import PASSWORD


async def test_the_console_works_offline_logs_in_and_runs_an_example(
    db: Database, open_page: OpenPage, app_url: str
) -> None:
    shop = await make_shop(db)
    page = await open_page()  # every request to another origin is aborted (and fails the test)
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    await page.goto("/graphql")
    form = page.get_by_role("form", name="Sign in to the console")
    await expect(form).to_be_visible()
    await expect(page.locator(".graphiql-container")).to_be_visible(timeout=30_000)
    await expect(page.get_by_text("Not logged in")).to_be_visible()

    await form.get_by_label("Tenant").fill(shop.tenant)
    await form.get_by_label("E-mail").fill(shop.merchandiser)
    await form.get_by_label("Password").fill(PASSWORD)
    await form.get_by_role("button", name="Log in").click()
    await expect(
        page.get_by_text(f"Logged in as {shop.merchandiser} (MERCHANDISER)")
    ).to_be_visible()

    # The example operations are the tabs; the first lists the merchandiser's stores.
    await expect(page.get_by_role("tab").first).to_be_visible()
    assert await page.get_by_role("tab").count() >= 6
    await page.get_by_role("button", name=re.compile(r"^Execute query")).click()
    result = page.locator(".result-window")
    await expect(result).to_contain_text('"role": "MERCHANDISER"', timeout=30_000)
    await expect(result).to_contain_text(shop.store_name)
    # GraphiQL's own markup (buttons inside its tabs, its logo's colour) is upstream's: the
    # check covers what we built around it.
    await assert_accessible(page, "the console", exclude=[".graphiql-container"])
    assert loaded and all(url.startswith(app_url) for url in loaded)
    assert any("/assets/console-" in url for url in loaded)
