"""A franchisee files a complaint with a photo, follows it, and reopens the resolution."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.async_api import expect

from domain.db import Database
from tests.e2e.conftest import OpenPage
from tests.e2e.pages import photograph
from tests.e2e.portal import sign_in
from tests.e2e.screenshots import VIEWPORTS, Viewport
from tests.e2e.shop import make_shop
from tests.e2e.store_history import Api, seed_deliveries

RESOLVE = """
mutation($input: ComplaintResolveInput!) {
  complaintResolve(input: $input) { complaint { status } userErrors { field message } }
}"""


def photo() -> bytes:
    """A small JPEG, as a phone camera would send (re-encoded by the server)."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
async def test_a_franchisee_files_a_complaint_and_reopens_its_resolution(
    db: Database, open_page: OpenPage, app_url: str, tmp_path: Path, viewport: Viewport
) -> None:
    shop = await make_shop(db)
    deliveries = await seed_deliveries(db, shop)
    page = await open_page(viewport)
    await page.goto("/login?next=%2Fcomplaints%2Fnew")
    await sign_in(page, shop.tenant, shop.franchisee)
    await expect(page).to_have_url(re.compile(r"/complaints/new$"))
    await photograph(
        page, tmp_path, "complaint-new", viewport, {"zh-CN": "提交投诉", "en": "File a complaint"}
    )

    # Sent empty: each missing field says so beside it; nothing is filed.
    await page.get_by_role("button", name="Send complaint").click()
    await expect(page.get_by_role("group", name="What went wrong")).to_contain_text(
        "Please fill this in."
    )
    await (
        page.get_by_role("group", name="What went wrong")
        .get_by_role("radio", name="Damaged")
        .check()
    )
    await (
        page.get_by_role("group", name="How serious is it")
        .get_by_role("radio", name="High")
        .check()
    )
    await page.get_by_label("Tell us what happened").fill("两箱毛衣中一箱外箱压坏，3 件受潮。")
    order = page.get_by_label("Which order is it about (optional)")
    value = await order.locator("option", has_text=deliveries.delivered).get_attribute("value")
    assert value
    await order.select_option(value=value)
    await page.get_by_label(re.compile("^Photos")).set_input_files(
        files=[{"name": "box.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    await page.get_by_role("button", name="Send complaint").click()
    await expect(page).to_have_url(re.compile(r"/complaints$"))
    await expect(page.get_by_text(re.compile("^Your complaint was filed"))).to_be_visible()
    card = page.get_by_role("region", name="Damaged · High")
    await expect(card.get_by_text("Received")).to_be_visible()
    await expect(card.get_by_text(re.compile(r"^Answer due by"))).to_be_visible()
    thumbnail = card.get_by_role("img", name="Photo 1")
    await expect(thumbnail).to_be_visible()
    # The photo itself shows (its route wants the session's token, which an <img src> of
    # the route's path would not send): the picture loaded, not its alt text.
    await expect(thumbnail).to_have_attribute("src", re.compile(r"^blob:"))
    assert await thumbnail.evaluate("img => img.decode().then(() => img.naturalWidth)") == 64

    # The merchandiser resolves it through the API; the franchisee does not agree.
    merchandiser = Api(app_url, shop.tenant, shop.merchandiser)
    found = await merchandiser(
        "{ complaints(first: 5) { edges { node { id orderId shipmentId photos { id } } } } }"
    )
    [complaint] = [edge["node"] for edge in found["complaints"]["edges"]]
    assert complaint["shipmentId"] and complaint["orderId"] and len(complaint["photos"]) == 1
    resolved = await merchandiser(
        RESOLVE, {"input": {"id": complaint["id"], "resolution": "已补发 3 件，明天到。"}}
    )
    assert resolved["complaintResolve"]["complaint"]["status"] == "RESOLVED"
    await page.reload()
    await expect(card.get_by_text("Resolved", exact=True)).to_be_visible()
    await expect(card.get_by_text("已补发 3 件，明天到。")).to_be_visible()
    await photograph(page, tmp_path, "complaints", viewport, {"zh-CN": "投诉", "en": "Complaints"})

    await card.get_by_role("button", name="Not solved: reopen").click()
    await card.get_by_role("button", name="Reopen the complaint").click()
    # The API wants a reason from the person who filed it: its error shows beside the field.
    await expect(card.get_by_text("say why the resolution did not hold")).to_be_visible()
    await card.get_by_label("Why the resolution did not hold").fill("补发的货也是湿的。")
    await card.get_by_role("button", name="Reopen the complaint").click()
    await expect(card.get_by_text("Being handled")).to_be_visible()
    await expect(card.get_by_text(re.compile(r"^Answer due by"))).to_be_visible()
