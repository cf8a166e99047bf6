"""POST /auth/refresh and /auth/logout: rotation, reuse detection, revocation, expiry."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from domain.clock import frozen_clock
from domain.db import Database
from domain.identity.models import User
from domain.tenancy.session import tenant_session
from tests.factories import PASSWORD, World, system
from tests.fixtures import GraphQLClient


async def login(client: httpx.AsyncClient, world: World) -> dict[str, Any]:
    body = {"tenant": world.tenant.slug, "email": world.hq.email, "password": PASSWORD}
    response = await client.post("/auth/login", json=body)
    assert response.status_code == 200
    tokens: dict[str, Any] = response.json()
    return tokens


async def refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": token})


async def test_refresh_rotates_into_a_new_working_pair(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    first = await login(client, world)
    response = await refresh(client, first["refresh_token"])
    assert response.status_code == 200
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    me = await gql("{ me { user { email } } }", token=second["access_token"])
    assert me["data"]["me"]["user"]["email"] == world.hq.email


async def test_reusing_a_rotated_token_revokes_the_whole_family(
    world: World, client: httpx.AsyncClient
) -> None:
    first = await login(client, world)
    second = (await refresh(client, first["refresh_token"])).json()
    third = (await refresh(client, second["refresh_token"])).json()

    reused = await refresh(client, first["refresh_token"])
    assert reused.status_code == 401
    assert "reused" in reused.json()["message"]
    # Even the newest token of the family, never used, is now refused.
    assert (await refresh(client, third["refresh_token"])).status_code == 401


async def test_a_reused_family_does_not_affect_other_logins(
    world: World, client: httpx.AsyncClient
) -> None:
    stolen = await login(client, world)
    other_device = await login(client, world)
    await refresh(client, stolen["refresh_token"])
    await refresh(client, stolen["refresh_token"])  # reuse: that family is revoked
    assert (await refresh(client, other_device["refresh_token"])).status_code == 200


async def test_two_racing_refreshes_of_one_token_rotate_it_at_most_once(
    world: World, client: httpx.AsyncClient
) -> None:
    tokens = await login(client, world)
    answers = await asyncio.gather(*(refresh(client, tokens["refresh_token"]) for _ in range(2)))
    assert sorted(a.status_code for a in answers) in ([200, 401], [401, 401])
    for answer in answers:
        if answer.status_code == 200:
            # The race counts as reuse: the winner's new token died with the family.
            assert (await refresh(client, answer.json()["refresh_token"])).status_code == 401


async def test_logout_revokes_the_refresh_token(world: World, client: httpx.AsyncClient) -> None:
    tokens = await login(client, world)
    rotated = (await refresh(client, tokens["refresh_token"])).json()
    response = await client.post("/auth/logout", json={"refresh_token": rotated["refresh_token"]})
    assert response.status_code == 204
    assert (await refresh(client, rotated["refresh_token"])).status_code == 401


async def test_logout_of_an_unknown_token_is_quietly_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post("/auth/logout", json={"refresh_token": "123.not-a-real-token"})
    assert response.status_code == 204


async def test_refresh_tokens_expire(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    with frozen_clock(datetime(2030, 1, 1, tzinfo=UTC)) as clock:
        tokens = await login(client, world)
        clock.advance(gql.settings.refresh_token_ttl + timedelta(seconds=1))
        assert (await refresh(client, tokens["refresh_token"])).status_code == 401


async def test_access_tokens_expire_and_then_get_401(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    with frozen_clock(datetime(2030, 1, 1, tzinfo=UTC)) as clock:
        tokens = await login(client, world)
        assert "errors" not in await gql("{ me { role } }", token=tokens["access_token"])
        clock.advance(gql.settings.access_token_ttl + timedelta(seconds=1))
        response = await client.post(
            "/graphql",
            json={"query": "{ me { role } }"},
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_deactivated_user_cannot_refresh(
    world: World, client: httpx.AsyncClient, db: Database
) -> None:
    tokens = await login(client, world)
    async with tenant_session(db, system(world.tenant)) as session:
        await session.execute(
            update(User).where(User.id == world.hq.user.id).values(is_active=False)
        )
        await session.commit()
    try:
        assert (await refresh(client, tokens["refresh_token"])).status_code == 401
    finally:
        async with tenant_session(db, system(world.tenant)) as session:
            await session.execute(
                update(User).where(User.id == world.hq.user.id).values(is_active=True)
            )
            await session.commit()


@pytest.mark.parametrize(
    "token",
    [
        "no-dot-in-it-at-all",
        "abc.defghijklmn",
        "99999999999999999999.secretsecret",
        "0.nothing-here",
    ],
)
async def test_malformed_or_unknown_refresh_tokens_are_refused(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await refresh(client, token)
    assert response.status_code == 401
    assert response.json()["error"] == "UNAUTHENTICATED"


async def test_a_refresh_token_cannot_be_replayed_against_another_tenant(
    world: World, client: httpx.AsyncClient
) -> None:
    tokens = await login(client, world)
    _, _, secret = tokens["refresh_token"].partition(".")
    assert (await refresh(client, f"{world.tenant.id + 1}.{secret}")).status_code == 401


async def test_a_refresh_body_without_the_token_names_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/auth/refresh", json={"token": "x" * 20})
    assert response.status_code == 400
    assert [f["field"] for f in response.json()["fields"]] == ["refresh_token"]


async def test_a_deactivated_users_access_token_stops_working_at_once(
    world: World, client: httpx.AsyncClient, db: Database, gql: GraphQLClient
) -> None:
    member = world.merchandisers[0]
    response = await client.post(
        "/auth/login",
        json={"tenant": world.tenant.slug, "email": member.email, "password": PASSWORD},
    )
    token = response.json()["access_token"]
    assert "errors" not in await gql("{ me { role } }", token=token)
    async with tenant_session(db, system(world.tenant)) as session:
        await session.execute(update(User).where(User.id == member.user.id).values(is_active=False))
        await session.commit()
    try:
        refused = await client.post(
            "/graphql",
            json={"query": "{ me { role } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["message"] == "this account is deactivated"
    finally:
        async with tenant_session(db, system(world.tenant)) as session:
            await session.execute(
                update(User).where(User.id == member.user.id).values(is_active=True)
            )
            await session.commit()
