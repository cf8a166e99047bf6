"""The service passport through GraphQL: one record per store, its contact log, who may read it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain import clock
from tests.api.graphql.test_stores import gid
from tests.factories import Member, World
from tests.fixtures import GraphQLClient

PASSPORT = """
query($id: ID!) {
  storePassport(id: $id) {
    store {
      code personalDataVisible franchiseePhone
      preferences { preferredChannel excludedSkus }
      customFields { key value }
      lastContact { channel summary }
    }
    contactLog(first: 10) { totalCount edges { node { channel summary user { name } occurredAt } } }
    assignmentHistory { merchandiser { id } active reason }
    figures { orders openProposals salesUnits windowDays }
  }
}"""

LOG = """
mutation($input: ContactLogInput!) {
  storeLogContact(input: $input) {
    entry { id channel summary occurredAt user { id } storeId }
    userErrors { field code message }
  }
}"""


def serving(world: World, index: int) -> tuple[Member, Member]:
    """(merchandiser, franchisee) of store `index`."""
    store = world.stores[index]
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    franchisee = next(f for f in world.franchisees if f.user.id == store.franchisee_id)
    return merchandiser, franchisee


async def test_the_merchandiser_reads_the_whole_passport(world: World, gql: GraphQLClient) -> None:
    store = world.stores[0]
    merchandiser, _ = serving(world, 0)
    body = await gql(PASSPORT, {"id": gid("Store", store.id)}, merchandiser.token(gql.settings))
    passport = body["data"]["storePassport"]
    assert passport["store"]["code"] == store.code
    assert passport["store"]["personalDataVisible"] is True
    assert passport["store"]["franchiseePhone"] == "13800000000"
    assert passport["assignmentHistory"] == [
        {"merchandiser": {"id": gid("User", merchandiser.user.id)}, "active": True, "reason": None}
    ]
    assert passport["contactLog"]["totalCount"] == 0
    assert passport["figures"]["windowDays"] == 28


async def test_a_merchandiser_of_another_region_is_refused_not_shown_an_empty_passport(
    world: World, gql: GraphQLClient
) -> None:
    other_region = world.merchandisers[2]
    body = await gql(
        PASSPORT, {"id": gid("Store", world.stores[0].id)}, other_region.token(gql.settings)
    )
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["path"] == ["storePassport"]


async def test_a_franchisee_reads_only_their_own_passport(world: World, gql: GraphQLClient) -> None:
    _, franchisee = serving(world, 0)
    own = await gql(
        PASSPORT, {"id": gid("Store", world.stores[0].id)}, franchisee.token(gql.settings)
    )
    assert own["data"]["storePassport"]["store"]["personalDataVisible"] is True
    other = await gql(
        PASSPORT, {"id": gid("Store", world.stores[1].id)}, franchisee.token(gql.settings)
    )
    assert other["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_logged_contact_heads_the_log_with_who_and_when(
    world: World, gql: GraphQLClient
) -> None:
    store = world.stores[0]
    merchandiser, _ = serving(world, 0)
    token = merchandiser.token(gql.settings)
    earlier = (clock.now() - timedelta(hours=3)).isoformat()
    first = await gql(
        LOG,
        {
            "input": {
                "storeId": gid("Store", store.id),
                "channel": "VISIT",
                "summary": "店面陈列检查",
                "occurredAt": earlier,
            }
        },
        token,
    )
    assert first["data"]["storeLogContact"]["userErrors"] == []
    second = await gql(
        LOG,
        {
            "input": {
                "storeId": gid("Store", store.id),
                "channel": "PHONE",
                "summary": "确认预算 2 万",
            }
        },
        token,
    )
    entry = second["data"]["storeLogContact"]["entry"]
    assert entry["user"]["id"] == gid("User", merchandiser.user.id)
    assert entry["storeId"] == gid("Store", store.id)
    body = await gql(PASSPORT, {"id": gid("Store", store.id)}, token)
    passport = body["data"]["storePassport"]
    log = [(e["node"]["channel"], e["node"]["summary"]) for e in passport["contactLog"]["edges"]]
    assert log == [("PHONE", "确认预算 2 万"), ("VISIT", "店面陈列检查")]
    assert passport["store"]["lastContact"] == {"channel": "PHONE", "summary": "确认预算 2 万"}
    assert datetime.fromisoformat(
        passport["contactLog"]["edges"][1]["node"]["occurredAt"]
    ) < datetime.now(UTC)


async def test_bad_contacts_are_refused_naming_the_field(world: World, gql: GraphQLClient) -> None:
    store = gid("Store", world.stores[0].id)
    merchandiser, _ = serving(world, 0)
    token = merchandiser.token(gql.settings)
    future = (clock.now() + timedelta(days=1)).isoformat()
    body = await gql(
        LOG,
        {"input": {"storeId": store, "channel": "REMINDER", "summary": "  ", "occurredAt": future}},
        token,
    )
    errors = {(e["field"], e["code"]) for e in body["data"]["storeLogContact"]["userErrors"]}
    assert errors == {
        ("input.channel", "INVALID"),
        ("input.summary", "REQUIRED"),
        ("input.occurredAt", "INVALID"),
    }
    passport = await gql(PASSPORT, {"id": store}, token)
    assert passport["data"]["storePassport"]["contactLog"]["totalCount"] == 0


async def test_only_those_who_serve_the_store_log_contacts(
    world: World, gql: GraphQLClient
) -> None:
    store = gid("Store", world.stores[0].id)
    colleague = world.merchandisers[1]  # same region, other stores
    body = await gql(
        LOG,
        {"input": {"storeId": store, "channel": "NOTE", "summary": "x"}},
        colleague.token(gql.settings),
    )
    assert [e["code"] for e in body["data"]["storeLogContact"]["userErrors"]] == ["FORBIDDEN"]
    _, franchisee = serving(world, 0)
    body = await gql(
        LOG,
        {"input": {"storeId": store, "channel": "NOTE", "summary": "x"}},
        franchisee.token(gql.settings),
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
