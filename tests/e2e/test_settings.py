"""A franchisee sets how they are told things and fills the fields HQ lets them fill."""

from __future__ import annotations

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

DEFINE = """
mutation($input: CustomFieldDefineInput!) {
  customFieldDefine(input: $input) { definition { key } userErrors { field message } }
}"""
SET = """
mutation($input: StoreSetCustomFieldsInput!) {
  storeSetCustomFields(input: $input) { store { id } userErrors { field message } }
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
async def test_a_franchisee_saves_their_settings(
    db: Database, open_page: OpenPage, app_url: str, tmp_path: Path, viewport: Viewport
) -> None:
    shop = await make_shop(db)
    hq = Api(app_url, shop.tenant, shop.hq)
    store = await hq.store_id()
    for field in (
        {"key": "opening_hours", "label": "营业时间", "type": "TEXT", "franchiseeEditable": True},
        {"key": "licence", "label": "营业执照号", "type": "TEXT"},
    ):
        assert (await hq(DEFINE, {"input": field}))["customFieldDefine"]["userErrors"] == []
    await hq(SET, {"input": {"storeId": store, "values": {"licence": "91370102MA3C"}}})

    page = await open_page(viewport)
    await page.goto("/login?next=%2Fsettings")
    await sign_in(page, shop.tenant, shop.franchisee)
    await expect(page).to_have_url(re.compile(r"/settings$"))
    await photograph(page, tmp_path, "settings", viewport, {"zh-CN": "设置", "en": "Settings"})

    # What the system knows is shown, not asked: the licence is HQ's, read-only here.
    facts = page.get_by_role("region", name="What we know about your store")
    await expect(facts.get_by_text("91370102MA3C")).to_be_visible()
    known = await hq("query($id: ID!) { store(id: $id) { merchandiser { name } } }", {"id": store})
    await expect(facts.get_by_text(known["store"]["merchandiser"]["name"])).to_be_visible()
    await expect(page.get_by_label("营业执照号")).to_have_count(0)

    notifications = page.get_by_role("region", name="Notifications")
    channel = notifications.get_by_role("group", name="Tell me by")
    # A chat channel without a valid webhook: the API's error shows beside the field.
    await channel.get_by_role("radio", name="Chat app").check()
    await notifications.get_by_label("Chat webhook address").fill("not-a-url")
    await notifications.get_by_role("button", name="Save notifications").click()
    await expect(notifications.get_by_text(re.compile("URL|url|http"))).to_be_visible()
    await channel.get_by_role("radio", name="Text message").check()
    await notifications.get_by_text("Keep quiet hours").click()
    await notifications.get_by_label("From").fill("22:00")
    await notifications.get_by_label("Until").fill("07:30")
    await notifications.get_by_role("button", name="Save notifications").click()
    await expect(notifications.get_by_role("status")).to_have_text("Saved.")

    more = page.get_by_role("region", name="More about your store")
    await more.get_by_label("营业时间").fill("9:00-21:30")
    await more.get_by_role("button", name="Save").click()
    await expect(more.get_by_role("status")).to_have_text("Saved.")

    await page.reload()
    await expect(channel.get_by_role("radio", name="Text message")).to_be_checked()
    await expect(notifications.get_by_label("From")).to_have_value("22:00")
    await expect(more.get_by_label("营业时间")).to_have_value("9:00-21:30")
    saved = await hq(
        "query($id: ID!) { store(id: $id) { preferences { preferredChannel "
        "quietHours { start end } } customFields { key value } } }",
        {"id": store},
    )
    assert saved["store"]["preferences"] == {
        "preferredChannel": "SMS",
        "quietHours": {"start": "22:00:00", "end": "07:30:00"},
    }
    assert {f["key"]: f["value"] for f in saved["store"]["customFields"]} == {
        "opening_hours": "9:00-21:30",
        "licence": "91370102MA3C",
    }

    # The language is chosen here too, and kept.
    await page.get_by_role("group", name="Language").get_by_role("radio", name="中文").check()
    await expect(page.get_by_role("heading", name="设置", exact=True)).to_be_visible()
