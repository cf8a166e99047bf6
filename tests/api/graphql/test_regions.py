"""Regions through GraphQL: create, validation, permissions, isolation."""

from __future__ import annotations

from tests.factories import World
from tests.fixtures import GraphQLClient

CREATE = """
mutation($input: RegionCreateInput!) {
  regionCreate(input: $input) { region { id code provinces } userErrors { field code message } }
}"""


async def test_hq_creates_region_with_canonical_provinces(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    body = await gql(
        CREATE, {"input": {"code": "R9", "name": "West", "provinces": ["西藏", "qinghai"]}}, token
    )
    payload = body["data"]["regionCreate"]
    assert payload["userErrors"] == []
    assert payload["region"]["provinces"] == ["Qinghai", "Tibet"]


async def test_unknown_and_taken_provinces_are_refused_naming_the_field(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    body = await gql(
        CREATE, {"input": {"code": "R9", "name": "X", "provinces": ["Atlantis", "Beijing"]}}, token
    )
    errors = body["data"]["regionCreate"]["userErrors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("input.provinces[0]", "INVALID"),
        ("input.provinces[1]", "DUPLICATE"),
    }
    regions = await gql("{ regions { code } }", token=token)
    assert [r["code"] for r in regions["data"]["regions"]] == ["R1", "R2"]


async def test_merchandiser_may_not_create_regions(world: World, gql: GraphQLClient) -> None:
    body = await gql(
        CREATE, {"input": {"code": "R9", "name": "X"}}, world.merchandisers[0].token(gql.settings)
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_regions_of_another_tenant_are_invisible(
    world: World, gql: GraphQLClient, db
) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import make_world

    other = await make_world(db)
    body = await gql("{ regions { id } }", token=world.hq.token(gql.settings))
    ids = {r["id"] for r in body["data"]["regions"]}
    other_body = await gql("{ regions { id } }", token=other.hq.token(gql.settings))
    assert ids.isdisjoint({r["id"] for r in other_body["data"]["regions"]})
    node = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": next(iter(ids))},
        token=other.hq.token(gql.settings),
    )
    assert node["data"]["node"] is None
