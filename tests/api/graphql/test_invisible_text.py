"""Names and texts with right-to-left overrides or zero-width characters are refused, naming the
field, through every way in: stores, people, styles and SKUs, regions, warehouses, keys,
custom fields, messages, contacts; nothing is written."""

from __future__ import annotations

from typing import Any

from tests.api.graphql.test_stores import UPDATE, gid
from tests.factories import World
from tests.fixtures import GraphQLClient

RLO = "\u202e"
ZWSP = "\u200b"


def refused(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def test_store_names_refuse_bidi_and_zero_width(world: World, gql: GraphQLClient) -> None:
    store = world.stores[0]
    token = world.hq.token(gql.settings)
    cases = {
        "name": f"Shop{RLO}gpj.exe",
        "code": f"S{ZWSP}1",
        "city": f"Bei{ZWSP}jing",
        "address": f"1 Road{RLO}",
        "franchiseeName": "\u2066Wang\u2069",
        "franchiseeEmail": f"a{RLO}@example.test",
    }
    for field, value in cases.items():
        body = await gql(UPDATE, {"input": {"id": gid("Store", store.id), field: value}}, token)
        payload = body["data"]["storeUpdate"]
        assert refused(payload) == [(f"input.{field}", "INVALID")], (field, payload)
        assert payload["store"] is None
    body = await gql(
        "query($id: ID!) { store(id: $id) { name code city } }",
        {"id": gid("Store", store.id)},
        token,
    )
    assert body["data"]["store"] == {"name": store.name, "code": store.code, "city": store.city}


async def test_people_regions_warehouses_keys_and_styles_refuse_them(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    calls = [
        (
            "mutation($i: UserCreateInput!) { userCreate(input: $i) { userErrors { field code } } }",
            {"email": "new.person@example.test", "name": f"Li{ZWSP}Na", "role": "HQ_ADMIN"},
            "userCreate",
            "input.name",
        ),
        (
            "mutation($i: UserCreateInput!) { userCreate(input: $i) { userErrors { field code } } }",
            {"email": f"new{RLO}@example.test", "name": "Li Na", "role": "HQ_ADMIN"},
            "userCreate",
            "input.email",
        ),
        (
            "mutation($i: RegionCreateInput!) { regionCreate(input: $i) { userErrors { field code } } }",
            {"code": "R9", "name": f"North{RLO}"},
            "regionCreate",
            "input.name",
        ),
        (
            "mutation($i: WarehouseCreateInput!) { warehouseCreate(input: $i) { userErrors { field code } } }",
            {"code": f"W{ZWSP}9", "name": "Main"},
            "warehouseCreate",
            "input.code",
        ),
        (
            "mutation($i: CredentialCreateInput!) { apiKeyCreate(input: $i) { userErrors { field code } } }",
            {"name": f"pos{RLO}", "scopes": ["store:read"]},
            "apiKeyCreate",
            "input.name",
        ),
        (
            "mutation($i: ProductCreateInput!) { productCreate(input: $i) { userErrors { field code } } }",
            {
                "code": "P-RLO",
                "name": f"Coat{RLO}",
                "category": "outerwear",
                "retailPrice": "199.00",
                "unitCost": "90.00",
            },
            "productCreate",
            "input.name",
        ),
        (
            "mutation($i: ProductCreateInput!) { productCreate(input: $i) { userErrors { field code } } }",
            {
                "code": "P-ZW",
                "name": "Coat",
                "category": "outerwear",
                "retailPrice": "199.00",
                "unitCost": "90.00",
                "skus": [{"code": "P-ZW-S", "colour": f"bl{ZWSP}ack", "size": "S"}],
            },
            "productCreate",
            "input.skus[0].colour",
        ),
    ]
    for query, variables, name, field in calls:
        body = await gql(query, {"i": variables}, token)
        assert body.get("errors") is None, body
        errors = body["data"][name]["userErrors"]
        assert [e["field"] for e in errors] == [field], (name, errors)
        assert all(e["code"] == "INVALID" for e in errors)
    users = await gql('{ users(filter: {search: "new"}) { totalCount } }', token=token)
    assert users["data"]["users"]["totalCount"] == 0


async def test_messages_refuse_overrides_but_keep_emoji(world: World, gql: GraphQLClient) -> None:
    store = world.stores[0]
    franchisee = next(f for f in world.franchisees if f.user.id == store.franchisee_id)
    send = """
    mutation($i: MessageSendInput!) {
      messageSend(input: $i) { message { body } userErrors { field code message } }
    }"""
    token = franchisee.token(gql.settings)
    bad = await gql(
        send, {"i": {"storeId": gid("Store", store.id), "body": f"see {RLO}fdp.exe"}}, token
    )
    payload = bad["data"]["messageSend"]
    assert refused(payload) == [("input.body", "INVALID")]
    assert "U+202E" in payload["userErrors"][0]["message"]
    text = "thanks 👨\u200d👩\u200d👧\nsee you"
    good = await gql(send, {"i": {"storeId": gid("Store", store.id), "body": text}}, token)
    assert good["data"]["messageSend"]["message"] == {"body": text}
