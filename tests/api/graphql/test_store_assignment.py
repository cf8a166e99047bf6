"""The dedicated merchandiser through GraphQL: one at a time, reassigned with a reason, history kept."""

from __future__ import annotations

from tests.api.graphql.test_passport import LOG, PASSPORT
from tests.api.graphql.test_stores import gid
from tests.factories import World
from tests.fixtures import GraphQLClient

ASSIGN = """
mutation($input: StoreAssignMerchandiserInput!) {
  storeAssignMerchandiser(input: $input) {
    store { merchandiser { id } personalDataVisible }
    assignment { active reason merchandiser { id } assignedBy { id } }
    userErrors { field code message }
  }
}"""


async def test_reassigning_keeps_the_stores_history(world: World, gql: GraphQLClient) -> None:
    store = world.stores[0]
    old, new = world.merchandisers[0], world.merchandisers[1]
    assert store.merchandiser_id == old.user.id
    await gql(
        LOG,
        {
            "input": {
                "storeId": gid("Store", store.id),
                "channel": "PHONE",
                "summary": "交接前的电话",
            }
        },
        old.token(gql.settings),
    )
    manager = world.managers[0]
    body = await gql(
        ASSIGN,
        {
            "input": {
                "storeId": gid("Store", store.id),
                "merchandiserId": gid("User", new.user.id),
                "reason": "平衡工作量",
            }
        },
        manager.token(gql.settings),
    )
    payload = body["data"]["storeAssignMerchandiser"]
    assert payload["userErrors"] == []
    assert payload["assignment"] == {
        "active": True,
        "reason": "平衡工作量",
        "merchandiser": {"id": gid("User", new.user.id)},
        "assignedBy": {"id": gid("User", manager.user.id)},
    }
    passport = (await gql(PASSPORT, {"id": gid("Store", store.id)}, new.token(gql.settings)))[
        "data"
    ]["storePassport"]
    assert [(a["merchandiser"]["id"], a["active"]) for a in passport["assignmentHistory"]] == [
        (gid("User", new.user.id), True),
        (gid("User", old.user.id), False),
    ]
    assert [e["node"]["summary"] for e in passport["contactLog"]["edges"]] == ["交接前的电话"]
    assert passport["store"]["personalDataVisible"] is True
    before = await gql(PASSPORT, {"id": gid("Store", store.id)}, old.token(gql.settings))
    assert before["data"]["storePassport"]["store"]["personalDataVisible"] is False


async def test_a_reassignment_needs_a_reason_and_a_merchandiser_of_the_region(
    world: World, gql: GraphQLClient
) -> None:
    store = gid("Store", world.stores[0].id)
    token = world.hq.token(gql.settings)

    async def errors(merchandiser: int, reason: str | None) -> set[tuple[str, str]]:
        body = await gql(
            ASSIGN,
            {
                "input": {
                    "storeId": store,
                    "merchandiserId": gid("User", merchandiser),
                    "reason": reason,
                }
            },
            token,
        )
        return {
            (e["field"], e["code"]) for e in body["data"]["storeAssignMerchandiser"]["userErrors"]
        }

    assert await errors(world.merchandisers[1].user.id, None) == {("input.reason", "REQUIRED")}
    assert await errors(world.merchandisers[2].user.id, "x") == {
        ("input.merchandiserId", "INVALID")
    }
    assert await errors(world.franchisees[0].user.id, "x") == {
        ("input.merchandiserId", "NOT_FOUND")
    }
    passport = await gql(PASSPORT, {"id": store}, token)
    assert len(passport["data"]["storePassport"]["assignmentHistory"]) == 1


async def test_assigning_the_current_merchandiser_changes_nothing(
    world: World, gql: GraphQLClient
) -> None:
    store = world.stores[0]
    body = await gql(
        ASSIGN,
        {
            "input": {
                "storeId": gid("Store", store.id),
                "merchandiserId": gid("User", store.merchandiser_id),
            }
        },
        world.hq.token(gql.settings),
    )
    assert body["data"]["storeAssignMerchandiser"]["userErrors"] == []
    passport = await gql(PASSPORT, {"id": gid("Store", store.id)}, world.hq.token(gql.settings))
    assert len(passport["data"]["storePassport"]["assignmentHistory"]) == 1


async def test_merchandisers_and_other_regions_managers_may_not_assign(
    world: World, gql: GraphQLClient
) -> None:
    variables = {
        "input": {
            "storeId": gid("Store", world.stores[0].id),
            "merchandiserId": gid("User", world.merchandisers[1].user.id),
            "reason": "x",
        }
    }
    body = await gql(ASSIGN, variables, world.merchandisers[0].token(gql.settings))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(ASSIGN, variables, world.managers[1].token(gql.settings))
    assert [e["code"] for e in body["data"]["storeAssignMerchandiser"]["userErrors"]] == [
        "NOT_FOUND"
    ]
