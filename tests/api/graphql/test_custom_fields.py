"""Tenant-defined passport fields through GraphQL: defined by HQ, values checked against them."""

from __future__ import annotations

from typing import Any

from tests.api.graphql.test_stores import CREATE, gid
from tests.factories import World
from tests.fixtures import GraphQLClient

DEFINE = """
mutation($input: CustomFieldDefineInput!) {
  customFieldDefine(input: $input) {
    definition { id key label type choices required }
    userErrors { field code message }
  }
}"""

SET = """
mutation($input: StoreSetCustomFieldsInput!) {
  storeSetCustomFields(input: $input) {
    store { customFields { key type value } }
    userErrors { field code message }
  }
}"""


async def define(gql: GraphQLClient, token: str, **field: Any) -> dict[str, Any]:
    body = await gql(DEFINE, {"input": field}, token)
    payload: dict[str, Any] = body["data"]["customFieldDefine"]
    return payload


def errors(payload: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["field"], e["code"]) for e in payload["userErrors"]}


async def test_values_are_checked_against_the_definitions(world: World, gql: GraphQLClient) -> None:
    hq = world.hq.token(gql.settings)
    assert (await define(gql, hq, key="staff", label="店员人数", type="NUMBER"))["userErrors"] == []
    await define(gql, hq, key="mall", label="商场", type="CHOICE", choices=["万达", "银泰"])
    await define(gql, hq, key="renovated_on", label="装修日期", type="DATE")
    store = gid("Store", world.stores[0].id)
    token = world.merchandisers[0].token(gql.settings)
    body = await gql(
        SET,
        {
            "input": {
                "storeId": store,
                "values": {"staff": "three", "mall": "大悦城", "colour": "red"},
            }
        },
        token,
    )
    assert errors(body["data"]["storeSetCustomFields"]) == {
        ("input.values.staff", "INVALID"),
        ("input.values.mall", "INVALID"),
        ("input.values.colour", "NOT_FOUND"),
    }
    body = await gql(
        SET,
        {
            "input": {
                "storeId": store,
                "values": {"staff": 4, "mall": "万达", "renovated_on": "2025-09-01"},
            }
        },
        token,
    )
    payload = body["data"]["storeSetCustomFields"]
    assert payload["userErrors"] == []
    assert payload["store"]["customFields"] == [
        {"key": "staff", "type": "NUMBER", "value": 4},
        {"key": "mall", "type": "CHOICE", "value": "万达"},
        {"key": "renovated_on", "type": "DATE", "value": "2025-09-01"},
    ]


async def test_a_required_field_must_be_given_to_a_new_store(
    world: World, gql: GraphQLClient
) -> None:
    hq = world.hq.token(gql.settings)
    store = gid("Store", world.stores[0].id)
    # Required only once every store has a value: the definition says which stores lack one.
    refused = await define(gql, hq, key="licence", label="营业执照号", type="TEXT", required=True)
    assert refused == {"definition": None, "userErrors": refused["userErrors"]}
    assert errors(refused) == {("input.required", "CONFLICT")}
    await define(gql, hq, key="licence", label="营业执照号", type="TEXT")
    for s in world.stores:
        await gql(
            SET, {"input": {"storeId": gid("Store", s.id), "values": {"licence": f"L-{s.id}"}}}, hq
        )
    assert (await define(gql, hq, key="licence", label="营业执照号", type="TEXT", required=True))[
        "userErrors"
    ] == []
    body = await gql(
        CREATE,
        {"input": {"code": "CF-1", "name": "n", "province": "Beijing", "city": "Beijing"}},
        hq,
    )
    assert errors(body["data"]["storeCreate"]) == {("input.customFields.licence", "REQUIRED")}
    body = await gql(SET, {"input": {"storeId": store, "values": {"licence": None}}}, hq)
    assert errors(body["data"]["storeSetCustomFields"]) == {("input.values.licence", "REQUIRED")}


async def test_a_definition_change_that_breaks_values_is_refused(
    world: World, gql: GraphQLClient
) -> None:
    hq = world.hq.token(gql.settings)
    await define(gql, hq, key="mall", label="商场", type="CHOICE", choices=["万达", "银泰"])
    await gql(
        SET,
        {"input": {"storeId": gid("Store", world.stores[0].id), "values": {"mall": "银泰"}}},
        hq,
    )
    narrowed = await define(gql, hq, key="mall", label="商场", type="CHOICE", choices=["万达"])
    assert errors(narrowed) == {("input.choices", "CONFLICT")}
    as_number = await define(gql, hq, key="mall", label="商场", type="NUMBER")
    assert errors(as_number) == {("input.type", "CONFLICT")}
    bad = await define(gql, hq, key="Bad Key", label="", type="TEXT", choices=["x"])
    assert errors(bad) == {
        ("input.key", "INVALID"),
        ("input.label", "REQUIRED"),
        ("input.choices", "INVALID"),
    }


async def test_deleting_a_field_removes_its_values(world: World, gql: GraphQLClient) -> None:
    hq = world.hq.token(gql.settings)
    await define(gql, hq, key="staff", label="店员人数", type="NUMBER")
    store = gid("Store", world.stores[0].id)
    await gql(SET, {"input": {"storeId": store, "values": {"staff": 3}}}, hq)
    body = await gql(
        'mutation { customFieldDelete(input: {key: "staff"}) { deletedKey userErrors { code } } }',
        token=hq,
    )
    assert body["data"]["customFieldDelete"] == {"deletedKey": "staff", "userErrors": []}
    body = await gql(
        "query($id: ID!) { store(id: $id) { customFields { key } } }", {"id": store}, hq
    )
    assert body["data"]["store"]["customFields"] == []
    again = await gql(
        'mutation { customFieldDelete(input: {key: "staff"}) { deletedKey userErrors { code } } }',
        token=hq,
    )
    assert again["data"]["customFieldDelete"]["userErrors"] == [{"code": "NOT_FOUND"}]


async def test_only_hq_defines_fields(world: World, gql: GraphQLClient) -> None:
    body = await gql(
        DEFINE,
        {"input": {"key": "x", "label": "X", "type": "TEXT"}},
        world.managers[0].token(gql.settings),
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_custom_field_key_in_an_error_path_is_kept_as_given(
    world: World, gql: GraphQLClient
) -> None:
    # Paths are camelCased for GraphQL, but a key the tenant chose is data, not a field name.
    hq = world.hq.token(gql.settings)
    await define(gql, hq, key="shop_size", label="面积", type="NUMBER")
    await define(gql, hq, key="opened_on", label="开业日期", type="DATE")
    store = gid("Store", world.stores[0].id)
    body = await gql(
        SET,
        {"input": {"storeId": store, "values": {"shop_size": "big", "price_band": 1}}},
        hq,
    )
    assert errors(body["data"]["storeSetCustomFields"]) == {
        ("input.values.shop_size", "INVALID"),
        ("input.values.price_band", "NOT_FOUND"),
    }
    body = await gql(
        CREATE,
        {
            "input": {
                "code": "CF-2",
                "name": "n",
                "province": "Beijing",
                "city": "Beijing",
                "customFields": {"opened_on": "not a date"},
            }
        },
        hq,
    )
    assert errors(body["data"]["storeCreate"]) == {("input.customFields.opened_on", "INVALID")}


async def test_a_franchisee_fills_only_the_fields_hq_lets_them(
    world: World, gql: GraphQLClient
) -> None:
    hq = world.hq.token(gql.settings)
    shown = await define(
        gql, hq, key="opening_hours", label="营业时间", type="TEXT", franchiseeEditable=True
    )
    assert shown["userErrors"] == []
    await define(gql, hq, key="licence", label="营业执照号", type="TEXT")
    store = gid("Store", world.stores[0].id)
    franchisee = world.franchisees[0].token(gql.settings)
    body = await gql(
        SET, {"input": {"storeId": store, "values": {"opening_hours": "9:00-21:00"}}}, franchisee
    )
    assert body["data"]["storeSetCustomFields"]["userErrors"] == []
    # A field only staff fill, alone or with an editable one, is refused and nothing changes.
    for values in ({"licence": "L-1"}, {"opening_hours": "8:00-22:00", "licence": "L-1"}):
        body = await gql(SET, {"input": {"storeId": store, "values": values}}, franchisee)
        assert errors(body["data"]["storeSetCustomFields"]) == {
            ("input.values.licence", "FORBIDDEN")
        }
    body = await gql(
        "query($id: ID!) { store(id: $id) { customFields { key franchiseeEditable value } } }",
        {"id": store},
        franchisee,
    )
    assert body["data"]["store"]["customFields"] == [
        {"key": "opening_hours", "franchiseeEditable": True, "value": "9:00-21:00"},
        {"key": "licence", "franchiseeEditable": False, "value": None},
    ]
    # Another store's franchisee cannot fill this store's editable field.
    other = world.franchisees[1].token(gql.settings)
    body = await gql(SET, {"input": {"storeId": store, "values": {"opening_hours": "0:00"}}}, other)
    assert errors(body["data"]["storeSetCustomFields"]) == {("input.id", "NOT_FOUND")}
