"""POST /auth/login: tokens for a password, uniform refusals, throttling per account and address."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.clock import frozen_clock
from domain.db import Database
from domain.permissions import Role
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.api.auth.conftest import ClientFactory
from tests.factories import PASSWORD, World, make_member, make_tenant, system, unique
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


@pytest.mark.parametrize("store", ["configured", "database"])
async def test_failures_from_one_place_bring_growing_delays_there_only(
    world: World, make_client: ClientFactory, settings: Settings, store: str
) -> None:
    """Counted in the configured Redis (the tests' own when there is one), or in the database
    (the embedded stand-in is one per process, so the database serves instead)."""
    member = world.franchisees[0] if store == "configured" else world.franchisees[1]
    where = {"redis_url": "fakeredis://"} if store == "database" else {}
    start = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
    with frozen_clock(start) as clock:
        async with make_client("10.1.0.1", login_max_failures=3, **where) as guesser:
            await _fail(guesser, world, member.email, 3)
            waits = []
            for _ in range(4):
                refused = await guesser.post("/auth/login", json=body(world, member.email))
                assert refused.status_code == 429
                assert refused.json()["error"] == "THROTTLED"
                wait = int(refused.headers["retry-after"])
                waits.append(wait)
                clock.advance(timedelta(seconds=wait))
                await _fail(guesser, world, member.email, 1)
            assert waits == [1, 2, 4, 8]  # doubling
        # The owner, with the right password from elsewhere, is not kept out.
        async with make_client("10.1.0.2", login_max_failures=3, **where) as owner:
            assert (
                await owner.post("/auth/login", json=body(world, member.email))
            ).status_code == 200


async def test_the_owner_gets_in_from_a_clean_address_after_an_attackers_50_failures(
    world: World, make_client: ClientFactory, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    target = world.hq
    caplog.set_level(logging.WARNING, logger="peihuo.security")
    with frozen_clock(datetime(2030, 3, 2, 9, 0, tzinfo=UTC)):
        for machine in range(10):
            async with make_client(f"10.6.0.{machine}", login_max_failures=5) as attacker:
                await _fail(attacker, world, target.email, 5)
        async with make_client("10.6.1.1", login_max_failures=5) as owner:
            response = await owner.post("/auth/login", json=body(world, target.email))
    assert response.status_code == 200
    # The account's failures raised alerts: an audit entry and a warning, at 10, 20, … 50.
    async with tenant_session(db, system(world.tenant)) as session:
        entries = (
            await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "auth.repeated_login_failures")
                .order_by(AuditEntry.id)
            )
        ).all()
    assert [e.after["failures"] for e in entries if e.after] == [10, 20, 30, 40, 50]
    assert entries[-1].entity_id == str(target.user.id)
    alerts = [r for r in caplog.records if r.name == "peihuo.security"]
    assert len(alerts) == 5 and target.email in alerts[-1].getMessage()


async def test_forwarded_headers_from_an_untrusted_peer_do_not_change_the_address(
    world: World, make_client: ClientFactory
) -> None:
    """25 failures claiming 25 forwarded addresses still come from one peer: throttled."""
    statuses = []
    with frozen_clock(datetime(2030, 3, 3, tzinfo=UTC)):
        async with make_client("10.7.0.1", login_max_failures=5) as http:
            for attempt in range(25):
                response = await http.post(
                    "/auth/login",
                    json=body(world, f"{unique('guess')}@example.test", "wrong"),
                    headers={
                        "X-Forwarded-For": f"203.0.113.{attempt}",
                        "Forwarded": f"for=198.51.100.{attempt}",
                    },
                )
                statuses.append(response.status_code)
    assert statuses[:20] == [401] * 20
    assert statuses[20:] == [429] * 5


async def test_a_trusted_proxy_forwards_the_clients_address(
    world: World, make_client: ClientFactory
) -> None:
    proxy = {"login_max_failures": 2, "trusted_proxies": ["10.8.0.0/24"]}
    with frozen_clock(datetime(2030, 3, 4, tzinfo=UTC)):
        async with make_client("10.8.0.7", **proxy) as http:
            guesser = {"X-Forwarded-For": "203.0.113.9"}
            for _ in range(2):
                response = await http.post(
                    "/auth/login", json=body(world, world.hq.email, "wrong"), headers=guesser
                )
                assert response.status_code == 401
            refused = await http.post(
                "/auth/login", json=body(world, world.hq.email), headers=guesser
            )
            assert refused.status_code == 429
            # Another client behind the same proxy is another address.
            other = await http.post(
                "/auth/login",
                json=body(world, world.hq.email),
                headers={"X-Forwarded-For": "203.0.113.10"},
            )
            assert other.status_code == 200


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


async def test_failures_leave_the_count_after_the_window(
    world: World, make_client: ClientFactory
) -> None:
    member = world.merchandisers[1]
    with frozen_clock(datetime(2030, 6, 1, 12, 0, tzinfo=UTC)) as clock:
        async with make_client("10.5.0.1", login_max_failures=3) as http:
            await _fail(http, world, member.email, 3)
            refused = await http.post("/auth/login", json=body(world, member.email))
            assert refused.status_code == 429
            clock.advance(timedelta(minutes=16))
            assert (
                await http.post("/auth/login", json=body(world, member.email))
            ).status_code == 200
