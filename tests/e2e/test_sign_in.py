"""Signing in to the portal in a real browser: landing pages, the cookie session, expiry, logout."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from playwright.async_api import Request, expect

from domain.db import Database
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import ACCESS_TOKEN_TTL, OpenContext, OpenPage
from tests.e2e.portal import choose_language, sign_in
from tests.e2e.screenshots import PHONE
from tests.e2e.shop import make_shop


async def test_a_franchisee_signs_in_on_a_phone_and_lands_on_their_home(
    db: Database, open_page: OpenPage
) -> None:
    shop = await make_shop(db)
    page = await open_page(PHONE, locale="en-US")
    await page.goto("/")
    await expect(page).to_have_url(re.compile(r"/login"))
    await expect(page.get_by_role("heading", name="Sign in to Peihuo")).to_be_visible()
    await assert_accessible(page, "the login page")

    await sign_in(page, shop.tenant, shop.franchisee)
    # The tenant's language is Chinese: the portal switches to it once it knows the tenant.
    await expect(page.get_by_role("heading", name=f"{shop.franchisee_name}，您好")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/$"))
    await expect(page.get_by_role("heading", name=shop.store_name)).to_be_visible()
    await expect(page.get_by_text("¥25,000.00")).to_be_visible()
    await expect(page.get_by_role("link", name=f"致电{shop.merchandiser_name}")).to_be_visible()
    await assert_accessible(page, "the franchisee's home")

    await choose_language(page, "en")
    await expect(page.get_by_role("heading", name=f"Hello, {shop.franchisee_name}")).to_be_visible()
    await expect(page.get_by_text("CN¥25,000.00")).to_be_visible()
    # A reload keeps the person signed in (the refresh cookie) and their language.
    await page.reload()
    await expect(page.get_by_role("heading", name=f"Hello, {shop.franchisee_name}")).to_be_visible()


async def test_tokens_stay_out_of_scripts_reach_and_refresh_before_they_expire(
    db: Database, open_page: OpenPage
) -> None:
    shop = await make_shop(db)
    page = await open_page()
    refreshes: list[Request] = []
    page.on("request", lambda r: refreshes.append(r) if r.url.endswith("/auth/refresh") else None)
    await page.goto("/login")
    await sign_in(page, shop.tenant, shop.franchisee)
    await expect(page.get_by_role("heading", name=shop.store_name)).to_be_visible()
    refreshes.clear()  # the login page's look for a session (none yet) is not one

    kept: dict[str, Any] = await page.evaluate(
        "() => ({ cookie: document.cookie, local: {...localStorage}, session: {...sessionStorage} })"
    )
    assert "peihuo_refresh" not in kept["cookie"]  # httpOnly: no script reads it
    stored = str(kept["local"]) + str(kept["session"])
    assert "eyJ" not in stored, f"a token in web storage: {stored}"  # JWTs start so
    assert kept["local"].get("peihuo.tenant") == shop.tenant  # the company code is remembered

    # Past the access token's lifetime the page has refreshed on its own, and still works.
    await page.wait_for_timeout(ACCESS_TOKEN_TTL.total_seconds() * 1000 + 2000)
    assert refreshes, "no silent refresh before the access token expired"
    for request in refreshes:
        response = await request.response()
        assert response is not None and response.status == 200
        assert request.headers.get("x-peihuo-session") == "cookie"
    await page.get_by_role("link", name="首页").click()
    await page.reload()
    await expect(page.get_by_role("heading", name=shop.store_name)).to_be_visible()


async def test_an_ended_session_returns_to_login_and_then_to_the_same_page(
    db: Database, open_context: OpenContext
) -> None:
    shop = await make_shop(db)
    context = await open_context()
    page = await context.new_page()
    await page.goto("/staff?from=mail")
    await expect(page).to_have_url(re.compile(r"/login\?next=%2Fstaff%3Ffrom%3Dmail$"))
    await sign_in(page, shop.tenant, shop.merchandiser)
    await expect(page).to_have_url(re.compile(r"/staff\?from=mail$"))
    await expect(page.get_by_role("heading", name="我的工具")).to_be_visible()

    # The session ends behind the page's back (the cookie is gone): at the next refresh the
    # page says so and asks to sign in, then returns to where the person was.
    await context.clear_cookies()
    await expect(page).to_have_url(re.compile(r"/login\?next="), timeout=15_000)
    await expect(page.get_by_role("status")).to_have_text(
        re.compile("登录已过期|session has ended")
    )
    await sign_in(page, shop.tenant, shop.merchandiser, lang="zh-CN")
    await expect(page).to_have_url(re.compile(r"/staff\?from=mail$"))


async def test_staff_land_on_where_their_tools_are_and_the_console_knows_them(
    db: Database, open_page: OpenPage
) -> None:
    shop = await make_shop(db)
    page = await open_page()
    await page.goto("/login")
    await sign_in(page, shop.tenant, shop.merchandiser)
    await expect(page).to_have_url(re.compile(r"/staff$"))
    await choose_language(page, "en")
    await expect(page.get_by_role("heading", name="Your tools")).to_be_visible()
    await assert_accessible(page, "the staff page")
    await page.get_by_role("link", name="Open the console").click()
    await expect(page).to_have_url(re.compile(r"/graphql$"))
    # The same session: the console is logged in without asking again.
    await expect(
        page.get_by_text(f"Logged in as {shop.merchandiser} (MERCHANDISER)")
    ).to_be_visible(timeout=20_000)


async def test_logging_out_ends_the_session_in_every_tab(
    db: Database, open_context: OpenContext
) -> None:
    shop = await make_shop(db)
    context = await open_context()
    first = await context.new_page()
    await first.goto("/login")
    await sign_in(first, shop.tenant, shop.franchisee)
    await expect(first.get_by_role("heading", name=shop.store_name)).to_be_visible()
    second = await context.new_page()
    await second.goto("/")
    await expect(second.get_by_role("heading", name=shop.store_name)).to_be_visible()

    await first.get_by_role("button", name="退出登录").click()
    await expect(first).to_have_url(re.compile(r"/login$"))
    await expect(second).to_have_url(re.compile(r"/login"))
    await second.reload()
    await expect(second.get_by_role("button", name="登录")).to_be_visible()
    assert not [c for c in await context.cookies() if c["name"] == "peihuo_refresh"]


async def test_tabs_refreshing_at_once_do_not_log_each_other_out(
    db: Database, open_context: OpenContext
) -> None:
    shop = await make_shop(db)
    context = await open_context()
    pages = [await context.new_page() for _ in range(3)]
    await pages[0].goto("/login")
    await sign_in(pages[0], shop.tenant, shop.franchisee)
    await expect(pages[0].get_by_role("heading", name=shop.store_name)).to_be_visible()
    # Each load rotates the refresh token: one at a time across tabs, or a rotated token
    # would be presented twice and the whole session revoked as stolen.
    for _ in range(2):
        await asyncio.gather(*(page.goto("/") for page in pages))
        for page in pages:
            await expect(page.get_by_role("heading", name=shop.store_name)).to_be_visible()
