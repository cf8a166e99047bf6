"""Browser tests: the app serving the built front end on a seeded database, Debian's Chromium.

Every page runs offline (a request to any other origin is aborted and fails the test) and under
the production Content-Security-Policy (a violation fails the test).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from domain.settings import Settings
from tests.backends import DATABASES
from tests.e2e import harness
from tests.e2e.screenshots import DESKTOP, Viewport
from tests.e2e.server import serving

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Page, Route

E2E_DIR = Path(__file__).parent
# Short-lived access tokens: every journey also goes through silent refreshes.
ACCESS_TOKEN_TTL = timedelta(seconds=6)
# Two cores shared with other test processes: pages may take seconds to answer.
WAIT_MS = 20_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser journeys run on one database (PostgreSQL when there is one): the API's own
    tests cover both, and a browser run is slow."""
    keep = DATABASES[-1]

    def elsewhere(item: pytest.Item) -> bool:
        callspec = getattr(item, "callspec", None)
        return callspec is not None and callspec.params.get("backend", keep) != keep

    deselected = [item for item in items if E2E_DIR in item.path.parents and elsewhere(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(scope="session")
def app_url(settings: Settings) -> Iterator[str]:
    """The app, served on a free port, with the built front end."""
    harness.require()
    changed = settings.model_copy(
        update={"access_token_ttl": ACCESS_TOKEN_TTL, "frontend_dist": harness.DIST}
    )
    with serving(changed) as url:
        yield url


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    """One headless Chromium per test process."""
    harness.require()
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=WAIT_MS)
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(harness.chromium_path()), args=harness.CHROMIUM_ARGS
        )
        yield chromium
        await chromium.close()


@dataclass
class Watch:
    """What a page did that it must not: reach another origin, break the CSP, throw."""

    outside: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.outside, f"requests to other origins: {self.outside}"
        assert not self.csp, f"Content-Security-Policy violations: {self.csp}"
        assert not self.errors, f"uncaught page errors: {self.errors}"


OpenContext = Callable[..., Awaitable["BrowserContext"]]


@pytest_asyncio.fixture(loop_scope="session")
async def open_context(browser: Browser, app_url: str) -> AsyncIterator[OpenContext]:
    """Opens browser contexts (a device each: own cookies and storage) cut off from every
    origin but the app's; checks each page's conduct at the end of the test."""
    contexts: list[BrowserContext] = []
    watches: list[Watch] = []

    async def open_one(viewport: Viewport = DESKTOP, locale: str = "en-US") -> BrowserContext:
        context = await browser.new_context(
            base_url=app_url,
            viewport={"width": viewport.width, "height": viewport.height},
            is_mobile=viewport.mobile,
            has_touch=viewport.mobile,
            locale=locale,
        )
        context.set_default_timeout(WAIT_MS)
        watch = Watch()

        async def only_the_app(route: Route) -> None:
            if route.request.url.startswith(app_url):
                await route.continue_()
            else:
                watch.outside.append(route.request.url)
                await route.abort()

        await context.route("**/*", only_the_app)

        def watch_page(page: Page) -> None:
            page.on(
                "console",
                lambda message: (
                    watch.csp.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.on("pageerror", lambda error: watch.errors.append(str(error)))

        context.on("page", watch_page)
        contexts.append(context)
        watches.append(watch)
        return context

    yield open_one
    for context in contexts:
        await context.close()
    for watch in watches:
        watch.check()


OpenPage = Callable[..., Awaitable["Page"]]


@pytest_asyncio.fixture(loop_scope="session")
async def open_page(open_context: OpenContext) -> OpenPage:
    """A page in a fresh context (device)."""

    async def open_one(viewport: Viewport = DESKTOP, locale: str = "en-US") -> Page:
        context = await open_context(viewport, locale)
        return await context.new_page()

    return open_one
