"""People and integration credentials through GraphQL: HQ adds members, changes roles, makes keys."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.graphql.test_stores import gid
from tests.factories import World
from tests.fixtures import GraphQLClient

CREATE = """
mutation($input: UserCreateInput!) {
  userCreate(input: $input) {
    user { id name email role isActive region { code } }
    userErrors { field code message }
  }
}"""

CHANGE = """
mutation($input: UserChangeRoleInput!) {
  userChangeRole(input: $input) { user { role region { code } } userErrors { field code message } }
}"""

DEACTIVATE = """
mutation($id: ID!) { userDeactivate(input: {id: $id}) { user { isActive } userErrors { field code message } } }"""

REACTIVATE = """
mutation($id: ID!) { userReactivate(input: {id: $id}) { user { isActive } userErrors { field code message } } }"""

KEY = """
mutation($input: CredentialCreateInput!) {
  apiKeyCreate(input: $input) { apiKey { id prefix scopes } secret userErrors { field code message } }
}"""


def errors(payload: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["field"], e["code"]) for e in payload["userErrors"]}


async def test_hq_adds_a_merchandiser_who_can_then_log_in(
    world: World, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    body = await gql(
        CREATE,
        {
            "input": {
                "email": "Wang.Fang@Example.test",
                "name": "王芳",
                "role": "MERCHANDISER",
                "password": "a long enough password",
                "regionId": gid("Region", world.regions[1].id),
            }
        },
        world.hq.token(gql.settings),
    )
    payload = body["data"]["userCreate"]
    assert payload["userErrors"] == []
    assert payload["user"] | {"id": None} == {
        "id": None,
        "name": "王芳",
        "email": "wang.fang@example.test",
        "role": "MERCHANDISER",
        "isActive": True,
        "region": {"code": "R2"},
    }
    login = await client.post(
        "/auth/login",
        json={
            "tenant": world.tenant.slug,
            "email": "wang.fang@example.test",
            "password": "a long enough password",
        },
    )
    assert login.json()["role"] == "merchandiser"


async def test_bad_members_are_refused_naming_the_field(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    body = await gql(
        CREATE,
        {"input": {"email": "nope", "name": " ", "role": "MERCHANDISER", "password": "short"}},
        token,
    )
    assert errors(body["data"]["userCreate"]) == {
        ("input.email", "INVALID"),
        ("input.name", "REQUIRED"),
        ("input.password", "INVALID"),
        ("input.regionId", "REQUIRED"),
    }
    body = await gql(
        CREATE,
        {"input": {"email": world.managers[0].email, "name": "x", "role": "HQ_ADMIN"}},
        token,
    )
    assert errors(body["data"]["userCreate"]) == {("input.email", "DUPLICATE")}
    body = await gql(
        CREATE,
        {
            "input": {
                "email": "f@example.test",
                "name": "F",
                "role": "FRANCHISEE",
                "regionId": gid("Region", world.regions[0].id),
            }
        },
        token,
    )
    assert errors(body["data"]["userCreate"]) == {("input.regionId", "INVALID")}


async def test_a_new_franchisee_takes_over_their_store(world: World, gql: GraphQLClient) -> None:
    store = world.stores[0]
    token = world.hq.token(gql.settings)
    body = await gql(
        CREATE,
        {
            "input": {
                "email": "new.owner@example.test",
                "name": "新店主",
                "phone": "13912345678",
                "role": "FRANCHISEE",
                "storeIds": [gid("Store", store.id)],
            }
        },
        token,
    )
    assert body["data"]["userCreate"]["userErrors"] == []
    data = await gql(
        "query($id: ID!) { store(id: $id) { franchiseeName franchiseePhone franchisee { name } } }",
        {"id": gid("Store", store.id)},
        token,
    )
    assert data["data"]["store"] == {
        "franchiseeName": "新店主",
        "franchiseePhone": "13912345678",
        "franchisee": {"name": "新店主"},
    }


async def test_a_merchandiser_with_stores_hands_them_over_before_moving(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    merchandiser = gid("User", world.merchandisers[0].user.id)
    move = {
        "id": merchandiser,
        "role": "MERCHANDISER",
        "regionId": gid("Region", world.regions[1].id),
    }
    body = await gql(CHANGE, {"input": move}, token)
    assert errors(body["data"]["userChangeRole"]) == {("input.role", "CONFLICT")}
    body = await gql(DEACTIVATE, {"id": merchandiser}, token)
    assert errors(body["data"]["userDeactivate"]) == {("input.id", "CONFLICT")}
    manager = gid("User", world.managers[0].user.id)
    body = await gql(
        CHANGE,
        {
            "input": {
                "id": manager,
                "role": "REGIONAL_MANAGER",
                "regionId": gid("Region", world.regions[1].id),
            }
        },
        token,
    )
    assert body["data"]["userChangeRole"]["user"] == {
        "role": "REGIONAL_MANAGER",
        "region": {"code": "R2"},
    }


async def test_deactivated_members_cannot_log_in_until_reactivated(
    world: World, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    token = world.hq.token(gql.settings)
    manager = world.managers[0]
    body = await gql(DEACTIVATE, {"id": gid("User", manager.user.id)}, token)
    assert body["data"]["userDeactivate"]["user"] == {"isActive": False}
    credentials = {
        "tenant": world.tenant.slug,
        "email": manager.email,
        "password": "correct horse battery staple",
    }
    assert (await client.post("/auth/login", json=credentials)).status_code == 401
    body = await gql(REACTIVATE, {"id": gid("User", manager.user.id)}, token)
    assert body["data"]["userReactivate"]["user"] == {"isActive": True}
    assert (await client.post("/auth/login", json=credentials)).status_code == 200


async def test_hq_cannot_lock_itself_out(world: World, gql: GraphQLClient) -> None:
    body = await gql(
        DEACTIVATE, {"id": gid("User", world.hq.user.id)}, world.hq.token(gql.settings)
    )
    assert errors(body["data"]["userDeactivate"]) == {("input.id", "INVALID")}


async def test_an_api_key_secret_is_shown_once_and_works_until_revoked(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    body = await gql(
        KEY, {"input": {"name": "POS 山东", "scopes": ["store:read", "sales:write"]}}, token
    )
    created = body["data"]["apiKeyCreate"]
    assert created["userErrors"] == [] and created["apiKey"]["scopes"] == [
        "sales:write",
        "store:read",
    ]
    secret = created["secret"]
    listed = await gql("{ apiKeys { edges { node { id prefix } } } }", token=token)
    assert [e["node"]["id"] for e in listed["data"]["apiKeys"]["edges"]] == [
        created["apiKey"]["id"]
    ]
    assert secret not in str(listed)
    stores = await gql("{ stores { totalCount } }", **{"X-Api-Key": secret})
    assert stores["data"]["stores"]["totalCount"] == len(world.stores)
    revoked = await gql(
        "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { apiKey { revokedAt } userErrors { code } } }",
        {"id": created["apiKey"]["id"]},
        token,
    )
    assert revoked["data"]["apiKeyRevoke"]["apiKey"]["revokedAt"] is not None
    refused = await gql("{ stores { totalCount } }", **{"X-Api-Key": secret})
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    bad = await gql(KEY, {"input": {"name": "x", "scopes": ["user:manage"]}}, token)
    assert errors(bad["data"]["apiKeyCreate"]) == {("input.scopes[0]", "INVALID")}


async def test_an_oauth_client_is_registered_and_revoked(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    body = await gql(
        """mutation { oauthClientCreate(input: {name: "ERP", scopes: ["stock:write"]}) {
             client { id clientId scopes } clientSecret userErrors { code } } }""",
        token=token,
    )
    created = body["data"]["oauthClientCreate"]
    assert created["clientSecret"] and created["client"]["clientId"].startswith("pc_")
    revoked = await gql(
        "mutation($id: ID!) { oauthClientRevoke(input: {id: $id}) { client { revokedAt } userErrors { code } } }",
        {"id": created["client"]["id"]},
        token,
    )
    assert revoked["data"]["oauthClientRevoke"]["client"]["revokedAt"] is not None
    active = await gql("{ oauthClients { totalCount } }", token=token)
    assert active["data"]["oauthClients"]["totalCount"] == 0
