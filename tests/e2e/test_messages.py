"""A message round trip between a franchisee in the portal and their merchandiser on the API."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from playwright.async_api import expect

from domain.db import Database
from tests.e2e.conftest import OpenPage
from tests.e2e.pages import photograph
from tests.e2e.portal import sign_in
from tests.e2e.screenshots import VIEWPORTS, Viewport
from tests.e2e.shop import make_shop
from tests.e2e.store_history import Api

SEND = """
mutation($input: MessageSendInput!) {
  messageSend(input: $input) { message { id } userErrors { field message } }
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
async def test_a_reply_from_the_merchandiser_appears_within_five_seconds(
    db: Database, open_page: OpenPage, app_url: str, tmp_path: Path, viewport: Viewport
) -> None:
    shop = await make_shop(db)
    merchandiser = Api(app_url, shop.tenant, shop.merchandiser)
    franchisee = Api(app_url, shop.tenant, shop.franchisee)
    store = await merchandiser.store_id()
    await merchandiser(
        SEND, {"input": {"storeId": store, "body": "李老板好，新一季的配货单已经发出。"}}
    )
    assert (await franchisee("{ unreadMessageCount }"))["unreadMessageCount"] == 1

    page = await open_page(viewport)
    await page.goto("/login?next=%2Fmessages")
    await sign_in(page, shop.tenant, shop.franchisee)
    await expect(page).to_have_url(re.compile(r"/messages$"))
    thread = page.get_by_role("log")
    await expect(thread).to_contain_text("新一季的配货单已经发出")
    # Seen in the page: marked read.
    for _ in range(50):
        if (await franchisee("{ unreadMessageCount }"))["unreadMessageCount"] == 0:
            break
        await asyncio.sleep(0.2)
    assert (await franchisee("{ unreadMessageCount }"))["unreadMessageCount"] == 0

    await page.get_by_label("您的消息").fill("收到，明天几点到货？")
    await page.get_by_role("button", name="发送").click()
    await expect(thread).to_contain_text("收到，明天几点到货？")
    await expect(page.get_by_label("您的消息")).to_have_value("")
    messages = await merchandiser(
        "query($s: ID!) { messages(storeId: $s, first: 5) { edges { node { body mine } } } }",
        {"s": store},
    )
    assert messages["messages"]["edges"][0]["node"] == {
        "body": "收到，明天几点到货？",
        "mine": False,
    }

    await merchandiser(SEND, {"input": {"storeId": store, "body": "明天上午十点前送到。"}})
    await expect(thread.get_by_text("明天上午十点前送到。")).to_be_visible(timeout=5_000)

    # A message being written survives a reload (kept on the device until sent).
    await page.get_by_label("您的消息").fill("好的，谢谢")
    await page.reload()
    await expect(page.get_by_label("您的消息")).to_have_value("好的，谢谢")
    await photograph(page, tmp_path, "messages", viewport, {"zh-CN": "消息", "en": "Messages"})
