"""Global ids that name nothing: past the integer range, not digits, or of an unknown type.

Each is NOT_FOUND (null from `node`, a coded error from a field, a userError from a mutation),
never "Unexpected error": ids are decoded in one place (api.graphql.relay.decode_pk).
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from api.graphql.relay import decode_pk
from tests.api.graphql.test_stores import UPDATE, gid
from tests.factories import World
from tests.fixtures import GraphQLClient

NODE = "query($id: ID!) { node(id: $id) { id } }"
STORE = "query($id: ID!) { store(id: $id) { id } }"


def raw_gid(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


BAD_KEYS = [
    "99999999999999999999",  # past every integer column
    "2147483648",  # one past PostgreSQL's integer
    "9223372036854775808",  # one past bigint
    "0",
    "-1",
    "١٢",  # Arabic-Indic digits: str.isdigit() says yes
    "²",  # a superscript: isdigit() says yes, int() refuses
    "1e3",
    " 1",
    "",
]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_keys_outside_the_id_range_decode_to_nothing(key: str) -> None:
    assert decode_pk(key) is None


def test_keys_inside_the_range_decode() -> None:
    assert decode_pk("1") == 1
    assert decode_pk("2147483647") == 2147483647


def unexpected(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors") or [] if "Unexpected" in e["message"]]


async def test_node_with_an_id_past_the_range_is_null(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    for type_name in ("Store", "User", "Order", "Region", "Product"):
        for key in BAD_KEYS:
            body = await gql(NODE, {"id": raw_gid(type_name, key)}, token)
            assert unexpected(body) == [], (type_name, key)
            assert body["data"] == {"node": None}, (type_name, key, body)


async def test_node_of_an_unknown_type_is_not_found(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    # A type that does not exist, a type that is not a node, an enum, a scalar.
    for type_name in ("Nothing", "Tenant", "Role", "String", "Query", ""):
        body = await gql(NODE, {"id": raw_gid(type_name, "1")}, token)
        assert unexpected(body) == [], type_name
        assert body["data"] == {"node": None}, type_name
        assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"], body


async def test_a_field_with_an_id_past_the_range_is_not_found(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    for gid_ in (raw_gid("Store", "99999999999999999999"), raw_gid("Nothing", "1")):
        body = await gql(STORE, {"id": gid_}, token)
        assert unexpected(body) == []
        assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"], body


async def test_mutations_with_ids_past_the_range_are_not_found(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    huge = "99999999999999999999"
    cases = [
        ({"id": raw_gid("Store", huge), "name": "x"}, "input.id"),
        (
            {"id": gid("Store", world.stores[0].id), "merchandiserId": raw_gid("User", huge)},
            "input.merchandiserId",
        ),
        (
            {"id": gid("Store", world.stores[0].id), "regionId": raw_gid("Region", huge)},
            "input.regionId",
        ),
        (
            {"id": gid("Store", world.stores[0].id), "franchiseeId": raw_gid("User", "٣")},
            "input.franchiseeId",
        ),
        (
            {"id": gid("Store", world.stores[0].id), "regionId": raw_gid("Nope", "1")},
            "input.regionId",
        ),
    ]
    for variables, field in cases:
        body = await gql(UPDATE, {"input": variables}, token)
        assert unexpected(body) == [], variables
        errors = body["data"]["storeUpdate"]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [(field, "NOT_FOUND")], body
    # nothing changed
    again = await gql(STORE, {"id": gid("Store", world.stores[0].id)}, token)
    assert again["data"]["store"]["id"] == gid("Store", world.stores[0].id)
