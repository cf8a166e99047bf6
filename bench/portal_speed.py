"""Benchmark: the franchisee portal in Debian's Chromium (Playwright) on loopback.

    .venv/bin/python bench/portal_speed.py            # after `cd frontend && npm run build`

A fresh PostgreSQL database is migrated and one brand made with a franchisee and a proposal of
`--lines` lines (40 styles × 5 sizes by default); the app serves the built bundle from
frontend/dist on a free port. Measured, each `--runs` times in a fresh browser context (no
cache): the JavaScript the first route (/login) loads, gzip-compressed, and what later routes
add; the largest contentful paint of /login and of the home page after signing in; and the
proposal page: from navigation until every line's stepper is on screen and the page answers a
click (a line raised, the budget meter updated). Reported: median and worst.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import re
import statistics
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchdb import fresh_urls  # noqa: E402
from playwright.async_api import Page, Response, async_playwright  # noqa: E402

from domain import migrations  # noqa: E402
from domain.db import Database  # noqa: E402
from domain.settings import Settings  # noqa: E402
from tests.e2e import harness  # noqa: E402
from tests.e2e.portal import sign_in  # noqa: E402
from tests.e2e.proposals import send_proposals  # noqa: E402
from tests.e2e.server import serving  # noqa: E402
from tests.e2e.shop import Shop, make_shop  # noqa: E402

PG_DATABASE = "peihuo_bench_portal"
SIZES = ("XS", "S", "M", "L", "XL")
GREETING = re.compile("您好$")
LCP = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})"""


async def seed(app_url: str, lines: int) -> Shop:
    """The brand, its franchisee and one proposal of `lines` lines (budget to spare)."""
    db = Database(app_url)
    shop = await make_shop(db)
    styles = max(lines // len(SIZES), 1)
    await send_proposals(
        db, shop, count=1, n_styles=styles, sizes=SIZES, qty=1, cost=Decimal("50.00")
    )
    await db.dispose()
    return shop


class Scripts:
    """Every JavaScript file a page fetched, with its gzip-compressed size."""

    def __init__(self) -> None:
        self.sizes: dict[str, int] = {}
        self.pending: list[asyncio.Task[None]] = []

    def watch(self, page: Page) -> None:
        def on_response(response: Response) -> None:
            if response.request.resource_type == "script" and response.url not in self.sizes:
                self.pending.append(asyncio.ensure_future(self._size(response)))

        page.on("response", on_response)

    async def _size(self, response: Response) -> None:
        body = await response.body()
        self.sizes[response.url] = len(gzip.compress(body, compresslevel=9))

    async def total(self) -> int:
        await asyncio.gather(*self.pending)
        return sum(self.sizes.values())


async def one_run(browser: Any, url: str, shop: Shop) -> dict[str, float]:
    context = await browser.new_context(
        base_url=url, viewport={"width": 390, "height": 844}, locale="zh-CN"
    )
    page = await context.new_page()
    scripts = Scripts()
    scripts.watch(page)
    await page.goto("/login")
    await page.wait_for_load_state("networkidle")
    first_js = await scripts.total()
    login_lcp = await page.evaluate(LCP)
    await sign_in(page, shop.tenant, shop.franchisee, "zh-CN")
    await page.get_by_role("heading", name=GREETING).wait_for()
    await page.wait_for_load_state("networkidle")
    # A full load of home with the session restored from the refresh cookie.
    await page.reload()
    await page.get_by_role("heading", name=GREETING).wait_for()
    home_lcp = await page.evaluate(LCP)
    link = page.get_by_role("link", name="查看配货单")
    await link.wait_for()
    began = await page.evaluate("() => performance.now()")
    await link.click()
    steppers = page.get_by_role("button", name="增加一包", exact=False)
    await page.wait_for_function(
        "(n) => document.querySelectorAll('[role=group] button').length >= 2 * n", arg=LINES
    )
    shown = await page.evaluate("() => performance.now()")
    meter = page.locator("#meter-budget + span")
    before = await meter.inner_text()
    clicked = await page.evaluate("() => performance.now()")
    await steppers.last.click()
    await page.wait_for_function(
        "(before) => document.querySelector('#meter-budget + span').textContent !== before",
        arg=before,
    )
    answered = await page.evaluate("() => performance.now()")
    later_js = await scripts.total() - first_js
    await context.close()
    return {
        "first_js_kb": first_js / 1024,
        "later_js_kb": later_js / 1024,
        "login_lcp_ms": login_lcp,
        "home_lcp_ms": home_lcp,
        "proposal_shown_ms": shown - began,
        "click_to_meter_ms": answered - clicked,
    }


LINES = 200


async def measure(url: str, shop: Shop, runs: int) -> list[dict[str, float]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(harness.chromium_path()), args=harness.CHROMIUM_ARGS
        )
        results = [await one_run(browser, url, shop) for _ in range(runs)]
        await browser.close()
    return results


def report(results: list[dict[str, float]]) -> None:
    names = {
        "first_js_kb": ("JS of the first route (/login), gzip", "KB", 200),
        "later_js_kb": ("JS added by home + proposal (lazy chunks), gzip", "KB", None),
        "login_lcp_ms": ("LCP of /login", "ms", 1000),
        "home_lcp_ms": ("LCP of home (signed in, full load)", "ms", 1000),
        "proposal_shown_ms": (
            f"proposal of {LINES} lines: navigation to every stepper shown",
            "ms",
            None,
        ),
        "click_to_meter_ms": ("proposal: a click to the budget meter updated", "ms", None),
    }
    print(f"| measure | median | worst | limit | runs: {len(results)} |")
    print("| --- | ---: | ---: | ---: | --- |")
    for key, (label, unit, limit) in names.items():
        values = [r[key] for r in results]
        print(
            f"| {label} | {statistics.median(values):.0f} {unit} | {max(values):.0f} {unit} | "
            f"{f'≤ {limit} {unit}' if limit else ''} | |"
        )


def main(lines: int, runs: int) -> None:
    global LINES
    LINES = lines
    reason = harness.missing()
    if reason:
        sys.exit(f"portal benchmark cannot run: {reason}")
    with tempfile.TemporaryDirectory() as folder:
        app_url, admin_url = fresh_urls("postgresql", Path(folder), PG_DATABASE)
        migrations.upgrade(admin_url)
        shop = asyncio.run(seed(app_url, lines))
        settings = Settings(
            database_url=app_url,
            database_admin_url=admin_url,
            frontend_dist=harness.DIST,
            storage_url=f"file://{folder}",
        )
        with serving(settings) as url:
            report(asyncio.run(measure(url, shop, runs)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    main(arguments.lines, arguments.runs)
