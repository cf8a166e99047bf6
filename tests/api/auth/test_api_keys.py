"""API keys on GraphQL: scopes bound what a key can do, revocation is immediate, tenants stay apart."""

from __future__ import annotations

import httpx
import pytest

from domain.db import Database
from domain.errors import Invalid
from domain.identity import keys
from domain.tenancy.session import tenant_session
from tests.factories import World, make_world
from tests.fixtures import GraphQLClient

REGIONS = "{ regions { id code } }"
CREATE_REGION = """
mutation { regionCreate(input: {code: "RX", name: "X"}) { region { id } userErrors { code } } }"""


async def make_key(db: Database, world: World, scopes: list[str]) -> keys.IssuedSecret:
    async with tenant_session(db, world.hq.actor) as session:
        issued = await keys.create_api_key(session, world.hq.actor, "POS feed", scopes)
        await session.commit()
    return issued


async def test_a_key_reads_what_its_scopes_allow_with_either_header(
    world: World, db: Database, gql: GraphQLClient
) -> None:
    key = await make_key(db, world, ["region:read"])
    by_header = await gql(REGIONS, **{"X-Api-Key": key.secret})
    by_scheme = await gql(REGIONS, Authorization=f"ApiKey {key.secret}")
    assert by_header == by_scheme
    assert [r["code"] for r in by_header["data"]["regions"]] == ["R1", "R2"]


async def test_a_key_is_forbidden_what_its_scopes_do_not_allow(
    world: World, db: Database, gql: GraphQLClient
) -> None:
    key = await make_key(db, world, ["store:read"])
    body = await gql(REGIONS, **{"X-Api-Key": key.secret})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(CREATE_REGION, **{"X-Api-Key": key.secret})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_key_sees_itself_as_an_integration_holding_exactly_its_scopes(
    world: World, db: Database, gql: GraphQLClient
) -> None:
    key = await make_key(db, world, ["region:read", "sales:write"])
    body = await gql("{ me { role user { id } permissions } }", **{"X-Api-Key": key.secret})
    assert body["data"]["me"] == {
        "role": "INTEGRATION",
        "user": None,
        "permissions": ["region:read", "sales:write"],
    }


async def test_a_revoked_key_is_refused_with_401(
    world: World, db: Database, client: httpx.AsyncClient
) -> None:
    key = await make_key(db, world, ["region:read"])
    async with tenant_session(db, world.hq.actor) as session:
        await keys.revoke_api_key(session, world.hq.actor, key.id)
        await session.commit()
    response = await client.post(
        "/graphql", json={"query": REGIONS}, headers={"X-Api-Key": key.secret}
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"),  # wrong secret
        lambda k: "pk_99999999999999999999_" + k.split("_", 2)[2],  # absurd tenant
        lambda k: "pk_x_" + k.split("_", 2)[2],
        lambda k: "not-a-key",
    ],
    ids=["wrong-secret", "huge-tenant", "bad-tenant", "garbage"],
)
async def test_forged_keys_are_refused_with_401(
    world: World, db: Database, client: httpx.AsyncClient, mangle
) -> None:  # type: ignore[no-untyped-def]
    key = await make_key(db, world, ["region:read"])
    response = await client.post(
        "/graphql", json={"query": REGIONS}, headers={"X-Api-Key": mangle(key.secret)}
    )
    assert response.status_code == 401


async def test_a_key_of_one_tenant_cannot_see_another(
    world: World, db: Database, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    other = await make_world(db)
    key = await make_key(db, world, ["region:read"])
    mine = await gql(REGIONS, **{"X-Api-Key": key.secret})
    theirs = await gql(REGIONS, token=other.hq.token(gql.settings))
    their_ids = {r["id"] for r in theirs["data"]["regions"]}
    assert their_ids.isdisjoint(r["id"] for r in mine["data"]["regions"])
    node = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": next(iter(their_ids))},
        **{"X-Api-Key": key.secret},
    )
    assert node["data"]["node"] is None
    # Claiming the other tenant in the key itself does not help: its secret is not theirs.
    forged = key.secret.replace(f"pk_{world.tenant.id}_", f"pk_{other.tenant.id}_", 1)
    response = await client.post("/graphql", json={"query": REGIONS}, headers={"X-Api-Key": forged})
    assert response.status_code == 401


async def test_keys_only_get_integration_scopes(world: World, db: Database) -> None:
    with pytest.raises(Invalid) as refused:
        await make_key(db, world, ["region:read", "apikey:manage"])
    assert refused.value.errors[0].field == "scopes[1]"
