"""The built front end at `/`: SPA fallback, cache headers, compression, CSP; the API untouched."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from api.app import create_app
from domain.db import Database
from domain.settings import Settings

INDEX = '<!doctype html><title>portal</title><script type="module" src="/assets/portal-4f3a.js"></script>'
CONSOLE = '<!doctype html><title>console</title><script type="module" src="/assets/console-9b1c.js"></script>'
SCRIPT = "export const portal = 1;\n" * 200  # large enough to be compressed

Opener = Callable[[Path], AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A build as Vite lays it out: two pages, hashed assets, a file kept under its own name."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "console.html").write_text(CONSOLE)
    (tmp_path / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "assets" / "portal-4f3a.js").write_text(SCRIPT)
    return tmp_path


@pytest_asyncio.fixture(loop_scope="session")
async def serving(settings: Settings, db: Database) -> Opener:
    """An HTTP client on the app serving a given dist directory."""

    @asynccontextmanager
    async def open_client(directory: Path) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(settings.model_copy(update={"frontend_dist": directory}), db)
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as http:
            yield http

    return open_client


@pytest_asyncio.fixture(loop_scope="session")
async def web(serving: Opener, dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(dist) as http:
        yield http


def assert_protected(response: httpx.Response) -> None:
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/index.html",
        "/login",
        "/staff",
        "/orders-of-2025/7?x=1",
        "/orders",
        "/orders/T3JkZXI6MQ==",
        "/complaints",
        "/complaints/new",
        "/deliveries/PH-2026-0001/survey",
    ],
)
async def test_the_portal_page_answers_every_page_path_and_is_revalidated(
    web: httpx.AsyncClient, path: str
) -> None:
    response = await web.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert_protected(response)


async def test_hashed_assets_are_cached_for_good_and_compressed(web: httpx.AsyncClient) -> None:
    response = await web.get("/assets/portal-4f3a.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "gzip"
    assert response.text == SCRIPT  # httpx decodes it
    assert int(response.headers["content-length"]) < len(SCRIPT) / 10
    assert "javascript" in response.headers["content-type"]
    assert_protected(response)


async def test_a_revalidated_asset_answers_not_modified(web: httpx.AsyncClient) -> None:
    first = await web.get("/favicon.svg")
    assert first.headers["cache-control"] == "no-cache"
    again = await web.get("/favicon.svg", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


async def test_a_small_file_is_sent_as_it_is(web: httpx.AsyncClient) -> None:
    response = await web.get("/favicon.svg", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers
    raw = await web.get("/assets/portal-4f3a.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.text == SCRIPT


@pytest.mark.parametrize(
    "path",
    [
        "/assets/gone-1234.js",
        "/auth/nothing",
        "/webhooks/nothing",
        "/orders/T3JkZXI6MQ==/lines/1",
        "/healthz/x",
        "/demo/mailbox/messages.json",
        "/surveys/not-a-token/x",
        "/metrics/x",
        "/complaints/1/history",
    ],
)
async def test_missing_assets_and_unknown_api_paths_are_404_not_the_portal(
    web: httpx.AsyncClient, path: str
) -> None:
    response = await web.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.text != INDEX


async def test_the_api_stays_where_it_was(web: httpx.AsyncClient) -> None:
    health = await web.get("/healthz")
    assert health.json()["status"] == "ok"
    assert_protected(health)
    graphql = await web.post("/graphql", json={"query": "{ __typename }"})
    assert graphql.json() == {"data": {"__typename": "Query"}}
    login = await web.post("/auth/login", json={})
    assert login.status_code == 400 and login.json()["error"] == "INVALID"
    export = await web.get("/orders/T3JkZXI6MQ==/export.csv")
    assert export.status_code == 401


async def test_browsers_get_the_built_console_at_graphql(web: httpx.AsyncClient) -> None:
    response = await web.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.text == CONSOLE
    assert response.headers["cache-control"] == "no-cache"
    assert_protected(response)


async def test_without_a_build_the_api_serves_alone_and_says_how_to_build(
    serving: Opener, tmp_path: Path
) -> None:
    async with serving(tmp_path / "never-built") as http:
        page = await http.get("/", headers={"Accept": "text/html"})
        assert page.status_code == 404
        assert "make demo" in page.text
        console = await http.get("/graphql", headers={"Accept": "text/html"})
        assert console.status_code == 503
        assert "make demo" in console.text
        assert (await http.get("/healthz")).status_code == 200
        graphql = await http.post("/graphql", json={"query": "{ __typename }"})
        assert graphql.json() == {"data": {"__typename": "Query"}}
