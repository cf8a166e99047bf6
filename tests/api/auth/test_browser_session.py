"""The browser's session: the refresh token in an httpOnly cookie, CSRF-guarded, JSON flow unchanged."""

from __future__ import annotations

from http.cookies import SimpleCookie

import httpx
import pytest

from api.auth.browser import REFRESH_COOKIE
from tests.api.auth.conftest import ClientFactory
from tests.factories import PASSWORD, World
from tests.fixtures import GraphQLClient

SITE = "http://peihuo.test"
BROWSER = {"X-Peihuo-Session": "cookie", "Origin": SITE}
ME = "{ me { user { email } } }"


def credentials(world: World) -> dict[str, str]:
    return {"tenant": world.tenant.slug, "email": world.hq.email, "password": PASSWORD}


def refresh_cookie(response: httpx.Response) -> SimpleCookie:
    """The refresh cookie as the response sets it (attributes included)."""
    cookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        cookie.load(header)
    assert REFRESH_COOKIE in cookie, response.headers
    return cookie


def present(client: httpx.AsyncClient, token: str) -> None:
    """Make the client's cookie jar hold this refresh token, as a browser's would."""
    client.cookies.clear()
    client.cookies.set(REFRESH_COOKIE, token, domain="peihuo.test", path="/auth")


async def browser_login(client: httpx.AsyncClient, world: World) -> httpx.Response:
    response = await client.post("/auth/login", json=credentials(world), headers=BROWSER)
    assert response.status_code == 200, response.text
    return response


async def test_a_browser_login_keeps_the_refresh_token_in_an_httponly_cookie_only(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    response = await browser_login(client, world)
    body = response.json()
    assert "refresh_token" not in body
    assert body["token_type"] == "Bearer" and body["role"] == "hq_admin"
    assert response.headers["cache-control"] == "no-store"
    morsel = refresh_cookie(response)[REFRESH_COOKIE]
    assert morsel.value.startswith(f"{world.tenant.id}.")
    assert morsel["httponly"] is True
    assert morsel["samesite"].lower() == "strict"
    assert morsel["path"] == "/auth"
    assert int(morsel["max-age"]) == int(gql.settings.refresh_token_ttl.total_seconds())
    assert not morsel["secure"]  # plain HTTP here: a Secure cookie would never come back
    me = await gql(ME, token=body["access_token"])
    assert me["data"]["me"]["user"]["email"] == world.hq.email


async def test_over_https_the_cookie_is_secure(world: World, make_client: ClientFactory) -> None:
    async with make_client(base_url="https://peihuo.test") as https:
        response = await https.post(
            "/auth/login",
            json=credentials(world),
            headers={**BROWSER, "Origin": "https://peihuo.test"},
        )
    assert response.status_code == 200
    assert refresh_cookie(response)[REFRESH_COOKIE]["secure"] is True


async def test_a_public_url_on_https_makes_the_cookie_secure_behind_a_proxy(
    world: World, make_client: ClientFactory
) -> None:
    async with make_client(public_url="https://peihuo.example.com") as behind_proxy:
        response = await behind_proxy.post(
            "/auth/login",
            json=credentials(world),
            headers={**BROWSER, "Origin": "https://peihuo.example.com"},
        )
    assert response.status_code == 200
    assert refresh_cookie(response)[REFRESH_COOKIE]["secure"] is True


async def test_refresh_reads_the_cookie_and_rotates_it(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    first = refresh_cookie(await browser_login(client, world))[REFRESH_COOKIE].value
    response = await client.post("/auth/refresh", headers=BROWSER)
    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    second = refresh_cookie(response)[REFRESH_COOKIE].value
    assert second != first
    me = await gql(ME, token=response.json()["access_token"])
    assert me["data"]["me"]["user"]["email"] == world.hq.email
    # The rotated-out cookie presented again is a stolen copy: the whole session ends.
    present(client, first)
    assert (await client.post("/auth/refresh", headers=BROWSER)).status_code == 401
    present(client, second)
    assert (await client.post("/auth/refresh", headers=BROWSER)).status_code == 401


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://peihuo.test.evil.example", "null", None]
)
async def test_a_cross_site_request_cannot_use_or_end_the_cookie_session(
    world: World, client: httpx.AsyncClient, origin: str | None
) -> None:
    await browser_login(client, world)
    headers = {"X-Peihuo-Session": "cookie", **({"Origin": origin} if origin else {})}
    for path in ("/auth/refresh", "/auth/logout"):
        refused = await client.post(path, headers=headers)
        assert refused.status_code == 403, path
        assert refused.json()["error"] == "FORBIDDEN"
        assert "set-cookie" not in refused.headers
    login = await client.post("/auth/login", json=credentials(world), headers=headers)
    assert login.status_code == 403
    # Nothing was rotated or revoked: the site itself still refreshes.
    assert (await client.post("/auth/refresh", headers=BROWSER)).status_code == 200


async def test_the_cookie_is_never_read_without_the_session_header(
    world: World, client: httpx.AsyncClient
) -> None:
    await browser_login(client, world)
    # A plain form post or fetch carries the cookie but not the header: the JSON flow, no body.
    response = await client.post("/auth/refresh", headers={"Origin": SITE})
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID"


async def test_logout_clears_the_cookie_and_ends_the_session_on_the_server(
    world: World, client: httpx.AsyncClient
) -> None:
    token = refresh_cookie(await browser_login(client, world))[REFRESH_COOKIE].value
    response = await client.post("/auth/logout", headers=BROWSER)
    assert response.status_code == 204
    cleared = refresh_cookie(response)[REFRESH_COOKIE]
    assert cleared.value == "" and int(cleared["max-age"]) == 0 and cleared["path"] == "/auth"
    present(client, token)
    assert (await client.post("/auth/refresh", headers=BROWSER)).status_code == 401


async def test_without_a_cookie_refresh_says_log_in_and_logout_still_clears(
    client: httpx.AsyncClient,
) -> None:
    refused = await client.post("/auth/refresh", headers=BROWSER)
    assert refused.status_code == 401
    assert refused.json()["error"] == "UNAUTHENTICATED"
    assert (await client.post("/auth/logout", headers=BROWSER)).status_code == 204


async def test_a_refused_refresh_drops_the_cookie(client: httpx.AsyncClient) -> None:
    present(client, "1.not-a-real-token")
    response = await client.post("/auth/refresh", headers=BROWSER)
    assert response.status_code == 401
    assert int(refresh_cookie(response)[REFRESH_COOKIE]["max-age"]) == 0


async def test_api_clients_keep_the_json_flow(world: World, client: httpx.AsyncClient) -> None:
    login = await client.post("/auth/login", json=credentials(world))
    assert login.status_code == 200
    assert "set-cookie" not in login.headers
    token = login.json()["refresh_token"]
    rotated = await client.post("/auth/refresh", json={"refresh_token": token})
    assert rotated.status_code == 200 and "set-cookie" not in rotated.headers
    assert rotated.json()["refresh_token"] != token
