"""POST /auth/login: tokens for a password, uniform refusals, throttling per account and address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from domain.clock import frozen_clock
from domain.db import Database
from domain.permissions import Role
from tests.api.auth.conftest import ClientFactory
from tests.factories import PASSWORD, World, make_member, make_tenant, unique
from tests.fixtures import GraphQLClient

ME = "{ me { role user { email } tenant { slug } } }"


def body(world: World, email: str, password: str = PASSWORD) -> dict[str, Any]:
    return {"tenant": world.tenant.slug, "email": email, "password": password}


async def test_login_returns_a_working_access_token_and_a_refresh_token(
    world: World, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    member = world.merchandisers[0]
    response = await client.post("/auth/login", json=body(world, member.email.upper()))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    tokens = response.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == int(gql.settings.access_token_ttl.total_seconds())
    assert tokens["role"] == Role.MERCHANDISER.value
    assert tokens["refresh_token"].startswith(f"{world.tenant.id}.")
    me = await gql(ME, token=tokens["access_token"])
    assert me["data"]["me"] == {
        "role": "MERCHANDISER",
        "user": {"email": member.email},
        "tenant": {"slug": world.tenant.slug},
    }


@pytest.mark.parametrize(
    "change",
    [
        {"password": "wrong password"},
        {"email": "nobody@example.test"},
        {"tenant": "no-such-tenant"},
    ],
    ids=["wrong-password", "unknown-email", "unknown-tenant"],
)
async def test_bad_credentials_are_refused_without_saying_which_part_was_wrong(
    world: World, client: httpx.AsyncClient, change: dict[str, str]
) -> None:
    response = await client.post("/auth/login", json=body(world, world.hq.email) | change)
    assert response.status_code == 401
    assert response.json() == {
        "error": "UNAUTHENTICATED",
        "message": "unknown tenant, e-mail or password",
    }


async def test_a_member_of_another_tenant_cannot_log_in_here(
    world: World, client: httpx.AsyncClient, db: Database
) -> None:
    other = await make_tenant(db)
    outsider = await make_member(db, other, Role.HQ_ADMIN)
    response = await client.post("/auth/login", json=body(world, outsider.email))
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"tenant": "t", "password": "x"}, "email"),
        ({"tenant": "t", "email": "a@b.c", "password": ""}, "password"),
        ({"tenant": "t", "email": "a@b.c", "password": 12}, "password"),
        ({"email": "a@b.c", "password": "x"}, "tenant"),
    ],
)
async def test_bad_bodies_are_refused_naming_the_field(
    client: httpx.AsyncClient, payload: dict[str, Any], field: str
) -> None:
    response = await client.post("/auth/login", json=payload)
    assert response.status_code == 400
    answer = response.json()
    assert answer["error"] == "INVALID"
    assert [f["field"] for f in answer["fields"]] == [field]


async def test_a_body_that_is_not_json_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/auth/login",
        content=b"tenant=t&email=e",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert response.json()["message"] == "body must be JSON"


async def _fail(http: httpx.AsyncClient, world: World, email: str, times: int) -> None:
    for _ in range(times):
        response = await http.post("/auth/login", json=body(world, email, "wrong password"))
        assert response.status_code == 401


async def test_repeated_failures_throttle_the_account_even_for_the_right_password(
    world: World, make_client: ClientFactory
) -> None:
    member = world.franchisees[0]
    start = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
    with frozen_clock(start) as clock:
        async with make_client("10.1.0.1", login_max_failures=3) as first:
            await _fail(first, world, member.email, 3)
            refused = await first.post("/auth/login", json=body(world, member.email))
        assert refused.status_code == 429
        assert refused.json()["error"] == "THROTTLED"
        retry_after = int(refused.headers["retry-after"])
        assert retry_after == 15 * 60
        # From elsewhere too: the account is what is being guessed.
        async with make_client("10.1.0.2", login_max_failures=3) as second:
            assert (
                await second.post("/auth/login", json=body(world, member.email))
            ).status_code == 429
            clock.advance(timedelta(seconds=retry_after - 1))
            assert (
                await second.post("/auth/login", json=body(world, member.email))
            ).status_code == 429
            clock.advance(timedelta(seconds=1))
            assert (
                await second.post("/auth/login", json=body(world, member.email))
            ).status_code == 200


async def test_a_successful_login_clears_the_account_failures(
    world: World, make_client: ClientFactory
) -> None:
    member = world.franchisees[1]
    async with make_client("10.2.0.1", login_max_failures=3) as http:
        await _fail(http, world, member.email, 2)
        assert (await http.post("/auth/login", json=body(world, member.email))).status_code == 200
        await _fail(http, world, member.email, 2)
        assert (await http.post("/auth/login", json=body(world, member.email))).status_code == 200


async def test_repeated_failures_throttle_the_address_across_accounts(
    world: World, make_client: ClientFactory
) -> None:
    # With 2 failures per account allowed, an address may fail 4 × 2 = 8 times.
    with frozen_clock(datetime(2030, 4, 1, tzinfo=UTC)):
        async with make_client("10.3.0.1", login_max_failures=2) as guesser:
            for _ in range(4):
                await _fail(guesser, world, f"{unique('guess')}@example.test", 2)
            refused = await guesser.post("/auth/login", json=body(world, world.hq.email))
            assert refused.status_code == 429
            assert "retry-after" in refused.headers
        async with make_client("10.3.0.2", login_max_failures=2) as neighbour:
            assert (
                await neighbour.post("/auth/login", json=body(world, world.hq.email))
            ).status_code == 200


async def test_throttling_of_one_tenant_does_not_lock_out_another(
    world: World, make_client: ClientFactory, db: Database
) -> None:
    other = await make_tenant(db)
    member = await make_member(db, other, Role.HQ_ADMIN)
    with frozen_clock(datetime(2030, 5, 1, tzinfo=UTC)):
        async with make_client("10.4.0.1", login_max_failures=2) as http:
            await _fail(http, world, world.hq.email, 2)
            assert (
                await http.post("/auth/login", json=body(world, world.hq.email))
            ).status_code == 429
            other_body = {"tenant": other.slug, "email": member.email, "password": PASSWORD}
            assert (await http.post("/auth/login", json=other_body)).status_code == 200


async def test_retry_after_is_when_the_oldest_counted_failure_leaves_the_window(
    world: World, make_client: ClientFactory
) -> None:
    member = world.merchandisers[1]
    with frozen_clock(datetime(2030, 6, 1, 12, 0, tzinfo=UTC)) as clock:
        async with make_client("10.5.0.1", login_max_failures=3) as http:
            for minutes in (5, 5, 0):  # failures at 12:00, 12:05 and 12:10
                await _fail(http, world, member.email, 1)
                clock.advance(timedelta(minutes=minutes))
            refused = await http.post("/auth/login", json=body(world, member.email))
            assert refused.status_code == 429
            assert refused.headers["retry-after"] == str(5 * 60)  # 12:00's leaves at 12:15
            clock.advance(timedelta(minutes=5))
            assert (
                await http.post("/auth/login", json=body(world, member.email))
            ).status_code == 200
