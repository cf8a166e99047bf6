"""Stores through GraphQL: the list by role, filters and order, create and update with clear errors."""

from __future__ import annotations

from typing import Any

from api.graphql.relay import global_id
from domain.db import Database
from tests.factories import World, make_world
from tests.fixtures import GraphQLClient

STORES = """
query($first: Int, $after: String, $filter: StoreFilterInput, $orderBy: StoreOrderInput) {
  stores(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id code name budget tier region { code } merchandiser { name } } }
  }
}"""

CREATE = """
mutation($input: StoreCreateInput!) {
  storeCreate(input: $input) {
    store { id code province region { code } merchandiser { id } assignments { reason active } }
    userErrors { field code message }
  }
}"""

UPDATE = """
mutation($input: StoreUpdateInput!) {
  storeUpdate(input: $input) {
    store { id code name budget province region { code } merchandiser { id } }
    userErrors { field code message }
  }
}"""


def gid(type_name: str, pk: int) -> str:
    return str(global_id(type_name, pk))


def codes(body: dict[str, Any]) -> list[str]:
    return [e["node"]["code"] for e in body["data"]["stores"]["edges"]]


async def test_each_role_lists_the_stores_it_may_see(world: World, gql: GraphQLClient) -> None:
    s = gql.settings
    by_region = {
        r.id: sorted(x.code for x in world.stores if x.region_id == r.id) for r in world.regions
    }
    merchandiser = world.merchandisers[0]
    franchisee = world.franchisees[0]
    assert len(codes(await gql(STORES, token=world.hq.token(s)))) == len(world.stores)
    assert (
        codes(await gql(STORES, token=world.managers[0].token(s))) == by_region[world.regions[0].id]
    )
    assert codes(await gql(STORES, token=merchandiser.token(s))) == by_region[world.regions[0].id]
    own = [x.code for x in world.stores if x.franchisee_id == franchisee.user.id]
    assert codes(await gql(STORES, token=franchisee.token(s))) == own


async def test_filters_search_and_order(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    merchandiser = world.merchandisers[1]
    mine = {x.code for x in world.stores if x.merchandiser_id == merchandiser.user.id}
    body = await gql(
        STORES, {"filter": {"merchandiserId": gid("User", merchandiser.user.id)}}, token
    )
    assert set(codes(body)) == mine
    target = world.stores[3]
    body = await gql(STORES, {"filter": {"search": target.code.lower()}}, token)
    assert codes(body) == [target.code]
    body = await gql(STORES, {"filter": {"regionId": gid("Region", world.regions[1].id)}}, token)
    assert {e["node"]["region"]["code"] for e in body["data"]["stores"]["edges"]} == {"R2"}
    body = await gql(STORES, {"orderBy": {"field": "CODE", "descending": True}}, token)
    assert codes(body) == sorted((x.code for x in world.stores), reverse=True)


async def test_pages_follow_the_cursor(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    first = await gql(STORES, {"first": 3}, token)
    page = first["data"]["stores"]
    assert page["totalCount"] == len(world.stores) and page["pageInfo"]["hasNextPage"]
    rest = await gql(STORES, {"first": 50, "after": page["pageInfo"]["endCursor"]}, token)
    assert codes(first) + codes(rest) == sorted(x.code for x in world.stores)


async def test_manager_opens_a_store_with_its_merchandiser(
    world: World, gql: GraphQLClient
) -> None:
    merchandiser = world.merchandisers[0]
    body = await gql(
        CREATE,
        {
            "input": {
                "code": "SD-900",
                "name": "济南万达店",
                "province": "山东",
                "city": "济南",
                "budget": "25000.00",
                "merchandiserId": gid("User", merchandiser.user.id),
            }
        },
        world.managers[0].token(gql.settings),
    )
    payload = body["data"]["storeCreate"]
    assert payload["userErrors"] == []
    store = payload["store"]
    assert (store["province"], store["region"]["code"]) == ("Shandong", "R1")
    assert store["merchandiser"]["id"] == gid("User", merchandiser.user.id)
    assert store["assignments"] == [{"reason": "store opened", "active": True}]


async def test_bad_input_is_refused_field_by_field_and_changes_nothing(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    body = await gql(
        CREATE,
        {
            "input": {
                "code": world.stores[0].code,
                "name": "X",
                "province": "Jiangsu",
                "regionId": gid("Region", world.regions[0].id),
                "city": "Nanjing",
                "budget": "-5",
                "priceMin": "300",
                "priceMax": "100",
                "excludedSkus": ["NOPE"],
                "merchandiserId": gid("User", world.merchandisers[2].user.id),
            }
        },
        token,
    )
    errors = {(e["field"], e["code"]) for e in body["data"]["storeCreate"]["userErrors"]}
    assert errors == {
        ("input.code", "DUPLICATE"),
        ("input.province", "INVALID"),
        ("input.budget", "INVALID"),
        ("input.priceMin", "INVALID"),
        ("input.excludedSkus[0]", "NOT_FOUND"),
        ("input.merchandiserId", "INVALID"),
    }
    after = await gql(STORES, {"first": 100}, token)
    assert after["data"]["stores"]["totalCount"] == len(world.stores)


async def test_unknown_province_and_unknown_region_are_named(
    world: World, gql: GraphQLClient
) -> None:
    body = await gql(
        CREATE,
        {"input": {"code": "N1", "name": "N", "province": "Atlantis", "city": "C"}},
        world.hq.token(gql.settings),
    )
    assert [(e["field"], e["code"]) for e in body["data"]["storeCreate"]["userErrors"]] == [
        ("input.province", "INVALID")
    ]
    body = await gql(
        CREATE,
        {"input": {"code": "N1", "name": "N", "province": "Tibet", "city": "Lhasa"}},
        world.hq.token(gql.settings),
    )
    assert [(e["field"], e["code"]) for e in body["data"]["storeCreate"]["userErrors"]] == [
        ("input.regionId", "REQUIRED")
    ]


async def test_manager_cannot_open_a_store_in_another_region(
    world: World, gql: GraphQLClient
) -> None:
    body = await gql(
        CREATE,
        {"input": {"code": "N2", "name": "N", "province": "Jiangsu", "city": "Nanjing"}},
        world.managers[0].token(gql.settings),
    )
    assert [e["code"] for e in body["data"]["storeCreate"]["userErrors"]] == ["FORBIDDEN"]


async def test_update_changes_given_fields_only(world: World, gql: GraphQLClient) -> None:
    store = world.stores[0]
    body = await gql(
        UPDATE,
        {"input": {"id": gid("Store", store.id), "name": "改名", "budget": "1234.50"}},
        world.merchandisers[0].token(gql.settings),
    )
    payload = body["data"]["storeUpdate"]
    assert payload["userErrors"] == []
    assert payload["store"]["name"] == "改名"
    assert payload["store"]["budget"] == "1234.50"
    assert payload["store"]["code"] == store.code


async def test_moving_a_store_to_another_region_takes_a_merchandiser_of_it(
    world: World, gql: GraphQLClient
) -> None:
    store = world.stores[0]
    token = world.hq.token(gql.settings)
    move = {
        "id": gid("Store", store.id),
        "regionId": gid("Region", world.regions[1].id),
        "province": "浙江",
    }
    body = await gql(UPDATE, {"input": move}, token)
    assert [(e["field"], e["code"]) for e in body["data"]["storeUpdate"]["userErrors"]] == [
        ("input.regionId", "INVALID")
    ]
    new = world.merchandisers[2]
    body = await gql(
        UPDATE,
        {"input": {**move, "merchandiserId": gid("User", new.user.id), "reason": "moved to R2"}},
        token,
    )
    payload = body["data"]["storeUpdate"]
    assert payload["userErrors"] == []
    assert payload["store"]["region"]["code"] == "R2"
    assert payload["store"]["merchandiser"]["id"] == gid("User", new.user.id)


async def test_another_tenants_store_is_not_found(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    other = await make_world(db)
    foreign = gid("Store", other.stores[0].id)
    token = world.hq.token(gql.settings)
    body = await gql("query($id: ID!) { store(id: $id) { code } }", {"id": foreign}, token)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    body = await gql("query($id: ID!) { node(id: $id) { id } }", {"id": foreign}, token)
    assert body["data"]["node"] is None
    body = await gql(UPDATE, {"input": {"id": foreign, "name": "taken over"}}, token)
    assert [e["code"] for e in body["data"]["storeUpdate"]["userErrors"]] == ["NOT_FOUND"]
    mine = await gql(STORES, {"first": 100}, token)
    assert other.stores[0].code not in codes(mine)
