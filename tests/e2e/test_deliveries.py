"""A franchisee follows their deliveries and rates the one that arrived, on a phone and a desktop."""

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
from tests.e2e.store_history import Api, seed_deliveries

FACTORS = (
    "Overall",
    "The goods picked for you",
    "On time",
    "Quality of the goods",
    "Value for money",
)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
async def test_a_franchisee_follows_a_delivery_and_rates_it_once(
    db: Database, open_page: OpenPage, app_url: str, tmp_path: Path, viewport: Viewport
) -> None:
    shop = await make_shop(db)
    deliveries = await seed_deliveries(db, shop)
    page = await open_page(viewport)
    await page.goto("/login?next=%2Fdeliveries")
    await sign_in(page, shop.tenant, shop.franchisee)
    await expect(page).to_have_url(re.compile(r"/deliveries$"))
    await photograph(
        page, tmp_path, "deliveries", viewport, {"zh-CN": "物流配送", "en": "Deliveries"}
    )

    arrived = page.get_by_role("region", name=f"Order {deliveries.delivered}")
    await expect(arrived.get_by_text("Signed by 李强")).to_be_visible()
    await expect(arrived.get_by_text("Delivered · 济南 泉城路")).to_be_visible()
    await expect(arrived.get_by_text("SF Express")).to_be_visible()
    on_the_road = page.get_by_role("region", name=f"Order {deliveries.late}")
    await expect(on_the_road.get_by_text("Late", exact=True)).to_be_visible()
    await expect(on_the_road.get_by_text("In transit · 济南 转运中心")).to_be_visible()
    await expect(on_the_road.get_by_role("link", name="Rate this delivery")).to_have_count(0)

    await arrived.get_by_role("link", name="Rate this delivery").click()
    await expect(page).to_have_url(re.compile(rf"/deliveries/{deliveries.delivered}/survey$"))
    title = {
        "zh-CN": f"评价配送 {deliveries.delivered}",
        "en": f"Rate delivery {deliveries.delivered}",
    }
    await photograph(page, tmp_path, "survey", viewport, title)
    # Sent without every factor: the form says so, and nothing is sent.
    await page.get_by_role("button", name="Send rating").click()
    await expect(page.get_by_role("alert")).to_contain_text("Choose 1 to 5 stars for each.")
    for factor, score in zip(FACTORS, (4, 5, 3, 4, 4), strict=True):
        await (
            page.get_by_role("group", name=factor)
            .get_by_role("radio", name=f"{score} of 5")
            .check()
        )
    await page.get_by_label("Anything to add? (optional)").fill("两箱都完好，下次早点到。")
    await page.get_by_role("button", name="Send rating").click()
    await expect(page.get_by_role("status")).to_have_text(re.compile("Thank you"))
    await expect(page.get_by_text("两箱都完好，下次早点到。")).to_be_visible()

    # Rated once: the rating is shown, not asked again, and the API has it.
    await page.reload()
    await expect(page.get_by_text(re.compile(r"^Rated on"))).to_be_visible()
    await expect(page.get_by_role("button", name="Send rating")).to_have_count(0)
    api = Api(app_url, shop.tenant, shop.franchisee)
    surveys = await api(
        "{ surveys(first: 5, filter: {answered: true}) "
        "{ edges { node { overall timeliness comment order { number } } } } }"
    )
    assert [e["node"] for e in surveys["surveys"]["edges"]] == [
        {
            "overall": 4,
            "timeliness": 3,
            "comment": "两箱都完好，下次早点到。",
            "order": {"number": deliveries.delivered},
        }
    ]
    await page.get_by_role("link", name="All deliveries").click()
    await expect(arrived.get_by_text("You rated it 4 out of 5")).to_be_visible()
