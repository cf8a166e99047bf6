"""Access tokens stop working at once when their login ends or their OAuth client is revoked,
not when they expire (one lookup per request, with the membership check)."""

from __future__ import annotations

import httpx

from domain.db import Database
from domain.identity import keys
from domain.identity.tokens import read_access_token
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.api.auth.test_oauth import graphql, make_client_credentials, request_token
from tests.api.auth.test_refresh import login, refresh
from tests.factories import World

ME = "{ me { role } }"


async def _works(client: httpx.AsyncClient, token: str) -> bool:
    response = await client.post(
        "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {token}"}
    )
    if response.status_code == 401:
        return False
    return bool(response.json()["data"]["me"])


async def test_an_access_token_stops_working_right_after_logout(
    world: World, client: httpx.AsyncClient, settings: Settings
) -> None:
    pair = await login(client, world)
    other = await login(client, world)  # the same person, signed in elsewhere
    assert await _works(client, pair["access_token"])
    assert read_access_token(settings, pair["access_token"])["sid"]
    response = await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert response.status_code == 204
    refused = await client.post(
        "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {pair['access_token']}"}
    )
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # Only that login: the other one goes on.
    assert await _works(client, other["access_token"])


async def test_tokens_rotated_from_a_login_end_with_it_and_with_a_reused_refresh_token(
    world: World, client: httpx.AsyncClient
) -> None:
    pair = await login(client, world)
    rotated = (await refresh(client, pair["refresh_token"])).json()
    assert await _works(client, pair["access_token"])
    assert await _works(client, rotated["access_token"])
    # A stolen refresh token replayed: the whole family, and its access tokens, are cut off.
    assert (await refresh(client, pair["refresh_token"])).status_code == 401
    assert not await _works(client, pair["access_token"])
    assert not await _works(client, rotated["access_token"])


async def test_an_oauth_clients_token_stops_working_when_the_client_is_revoked(
    world: World, db: Database, oauth_http: httpx.AsyncClient
) -> None:
    creds = await make_client_credentials(db, world)
    token = (await request_token(oauth_http, creds)).json()["access_token"]
    assert "errors" not in await graphql(oauth_http, "{ regions { id } }", token)
    async with tenant_session(db, world.hq.actor) as session:
        client = await keys.find_oauth_client(db, creds.public_id)
        assert client is not None
        await keys.revoke_oauth_client(session, world.hq.actor, client.id)
        await session.commit()
    response = await oauth_http.post(
        "/graphql",
        json={"query": "{ regions { id } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]
