"""The franchisee's proposal in a real browser, at phone and desktop size: the reasons in words,
a line raised past the budget (warned, then refused by the server) and back, confirmation with
a summary, the order in the history and its detail, another proposal rejected with a reason,
the language switched; every page accessible and photographed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from domain.db import Database
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import OpenPage
from tests.e2e.portal import choose_language, sign_in
from tests.e2e.proposals import send_proposals
from tests.e2e.screenshots import VIEWPORTS, Viewport, screenshot, screenshot_dir
from tests.e2e.shop import make_shop


async def shows(page: Page, directory: Path, name: str, viewport: Viewport, lang: str) -> None:
    """The page is settled, accessible, and photographed."""
    await page.wait_for_load_state("networkidle")
    await page.evaluate("() => document.fonts.ready.then(() => true)")
    await assert_accessible(page, f"{name} ({viewport.name}, {lang})")
    await screenshot(page, directory, name, viewport, lang)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
async def test_a_franchisee_checks_adjusts_confirms_and_rejects_proposals(
    db: Database, open_page: OpenPage, tmp_path: Path, viewport: Viewport
) -> None:
    shop = await make_shop(db)
    # Budget 25,000: each proposal costs 6 lines × 10 × ¥400 = ¥24,000, leaving ¥1,000.
    first, *_ = await send_proposals(db, shop, count=3)
    directory = screenshot_dir(tmp_path)
    page = await open_page(viewport, locale="en-US")
    await page.goto("/login")
    await choose_language(page, "en")
    await sign_in(page, shop.tenant, shop.franchisee)

    # Home: the open proposal with its deadline, budget left, merchandiser, the other figures.
    await expect(page.get_by_role("heading", name="Hello, 李强")).to_be_visible()
    await expect(page.get_by_text(re.compile(r"^Proposal PO"))).to_be_visible()
    await expect(page.get_by_text("Budget left: CN¥1,000.00 of CN¥25,000.00")).to_be_visible()
    await expect(page.get_by_role("link", name="Send 王芳 a message")).to_be_visible()
    await shows(page, directory, "home", viewport, "en")

    # The proposal: lines by category and style, each with its reason in words.
    await page.get_by_role("navigation").get_by_role("link", name="Proposal").click()
    await expect(page.get_by_role("heading", name=re.compile(r"^Proposal "))).to_be_visible()
    await expect(page.get_by_role("heading", name="Coats")).to_be_visible()
    await expect(
        page.get_by_text("Sold 14 in the last 4 weeks, 2 left.", exact=False).first
    ).to_be_visible()
    await expect(page.get_by_text("CN¥24,000.00 of CN¥25,000.00")).to_be_visible()
    await shows(page, directory, "proposal", viewport, "en")

    # Past the budget: warned at once; saving anyway is refused by the server, beside the meter.
    more = page.get_by_role("button", name=re.compile(r"^One pack more of .* S$")).first
    for _ in range(3):
        await more.click()
    await expect(page.get_by_text(re.compile(r"Over the budget by CN¥200\.00"))).to_be_visible()
    await page.get_by_role("button", name="Save changes").click()
    await expect(page.get_by_text(re.compile(r"over the budget of 25000"))).to_be_visible()
    # The edit survives a reload and is offered back.
    await page.reload()
    await page.get_by_role("button", name="Restore them").click()
    await expect(page.get_by_text(re.compile(r"Over the budget by"))).to_be_visible()
    # Back within the budget, and saved.
    fewer = page.get_by_role("button", name=re.compile(r"^One pack fewer of .* S$")).first
    for _ in range(3):
        await fewer.click()
    await expect(page.get_by_text(re.compile(r"Over the budget"))).to_have_count(0)
    await fewer.click()
    await page.get_by_role("button", name="Save changes").click()
    await expect(page.get_by_text("CN¥23,600.00 of CN¥25,000.00")).to_be_visible()
    await expect(page.get_by_role("button", name="Save changes")).to_have_count(0)

    # Confirm, after a summary.
    await page.get_by_role("button", name="Confirm the order").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog.get_by_text("CN¥23,600.00")).to_be_visible()
    await dialog.get_by_role("button", name="Confirm", exact=True).click()
    await expect(page.get_by_text("Order confirmed: head office is packing it.")).to_be_visible()

    # In the history, and its detail with the moves.
    await page.get_by_role("navigation").get_by_role("link", name="Orders").click()
    await expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_visible()
    await page.get_by_role("option", name="Under way").click()
    await expect(page.get_by_role("link", name=first.number)).to_be_visible()
    await shows(page, directory, "orders", viewport, "en")
    await page.get_by_role("link", name=first.number).click()
    await expect(page.get_by_role("heading", name=f"Order {first.number}")).to_be_visible()
    history = page.get_by_role("heading", name="History")
    await expect(history).to_be_visible()
    await expect(page.get_by_text("Confirmed").first).to_be_visible()
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Download as Excel").click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    await expect(page.get_by_role("status").filter(has_text="downloaded")).to_be_visible()
    await expect(page.get_by_role("button", name="Download as Excel")).to_be_enabled()
    await page.wait_for_timeout(400)  # the button's fade back from its loading look
    await shows(page, directory, "order", viewport, "en")

    # The other proposal: rejected with a reason (none given: asked for one).
    await page.get_by_role("navigation").get_by_role("link", name="Proposal").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Proposal PO"))
    await expect(heading).to_be_visible()
    rejected = (await heading.inner_text()).removeprefix("Proposal ").strip()
    assert rejected != first.number
    await page.get_by_role("button", name="Reject", exact=True).click()
    await page.get_by_role("button", name="Reject the proposal").click()
    await expect(page.get_by_text("Please give a reason.").first).to_be_visible()
    await page.get_by_role("dialog").get_by_role("textbox").fill("Too many coats for spring")
    await page.get_by_role("button", name="Reject the proposal").click()
    await expect(
        page.get_by_text("Proposal rejected: your merchandiser has your reason.")
    ).to_be_visible()

    # In Chinese: the same pages, the reasons in Chinese.
    await choose_language(page, "zh-CN")
    await page.goto("/orders")
    await expect(page.get_by_role("heading", name="订单", exact=True)).to_be_visible()
    await shows(page, directory, "orders", viewport, "zh-CN")
    await page.get_by_role("link", name=rejected).click()
    await expect(page.get_by_text("“Too many coats for spring”").first).to_be_visible()
    await shows(page, directory, "order", viewport, "zh-CN")
    await page.goto("/")
    await expect(page.get_by_role("heading", name="李强，您好")).to_be_visible()
    await shows(page, directory, "home", viewport, "zh-CN")
    await page.get_by_role("link", name="查看配货单").click()
    await expect(page.get_by_role("heading", name="大衣")).to_be_visible()
    await expect(page.get_by_text("近4周卖出14件，还剩2件。", exact=False).first).to_be_visible()
    await shows(page, directory, "proposal", viewport, "zh-CN")
