"""Who owns a store, and whose personal data a viewer reads (issue 10, hole 1).

Changing a store's franchisee is its own permission (store:franchisee: HQ, the region's
manager), refused for anyone else naming the field; nobody may point a store at a person whose
contacts they do not already see; and a person's e-mail and phone (and a franchisee's very
name) are seen through the viewer's reach over the stores that person owns, in every way to a
user: lists, search, node, relations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_stores import gid
from tests.factories import Member, World, system
from tests.fixtures import GraphQLClient

UPDATE = """
mutation($input: StoreUpdateInput!) {
  storeUpdate(input: $input) {
    store { id franchiseeName franchiseeEmail franchisee { id email phone } }
    userErrors { field code message }
  }
}"""

USERS = """
query($filter: UserFilterInput) {
  users(first: 200, filter: $filter) { totalCount edges { node { id name email phone } } }
}"""

NODE = "query($id: ID!) { node(id: $id) { ... on User { id name email } } }"


def owner_of(world: World, store: Store) -> Member:
    return next(f for f in world.franchisees if f.user.id == store.franchisee_id)


def served_by(world: World, store: Store) -> Member:
    return next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)


def region_stores(world: World, index: int) -> list[Store]:
    return [s for s in world.stores if s.region_id == world.regions[index].id]


async def db_store(db: Database, world: World, store_id: int) -> Store:
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Store, store_id)
        assert row is not None
        return row


async def audit(db: Database, world: World, store_id: int) -> list[AuditEntry]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity_type == "stores", AuditEntry.entity_id == str(store_id)
            )
        )
        return [r for r in rows if "franchisee_id" in (r.before or {})]  # changes, not creation


def refused(body: dict[str, Any]) -> list[tuple[str, str]]:
    payload = body["data"]["storeUpdate"]
    assert payload["store"] is None or payload["userErrors"] == []
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def test_the_audited_request_a_merchandiser_hands_their_store_away(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    """m1 storeUpdate(franchiseeId: a franchisee of another region) on a store m1 serves."""
    store = region_stores(world, 0)[0]
    m1 = served_by(world, store)
    stranger = owner_of(world, region_stores(world, 1)[0])
    body = await gql(
        UPDATE,
        {"input": {"id": gid("Store", store.id), "franchiseeId": gid("User", stranger.user.id)}},
        m1.token(gql.settings),
    )
    assert refused(body) == [("input.franchiseeId", "FORBIDDEN")]
    assert "owns a store" in body["data"]["storeUpdate"]["userErrors"][0]["message"]
    after = await db_store(db, world, store.id)
    assert after.franchisee_id == store.franchisee_id  # the real owner keeps their store
    assert await audit(db, world, store.id) == []
    # and the stranger's contacts stay out of reach every way
    token = m1.token(gql.settings)
    node = await gql(NODE, {"id": gid("User", stranger.user.id)}, token)
    assert node["data"]["node"] is None
    users = await gql(USERS, {"filter": {"search": stranger.email}}, token)
    assert users["data"]["users"]["totalCount"] == 0


async def test_no_one_but_hq_and_the_manager_changes_the_owner(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    store = region_stores(world, 0)[0]
    owner = owner_of(world, store)
    neighbour = owner_of(world, region_stores(world, 0)[1])  # same region, same merchandiser
    merchandiser = served_by(world, store)
    colleague = next(
        m
        for m in world.merchandisers
        if m.actor.region_id == store.region_id and m is not merchandiser
    )
    variants: list[tuple[Member, str | None]] = [
        (merchandiser, gid("User", neighbour.user.id)),  # a franchisee they serve too
        (merchandiser, None),  # unlinking the owner
        (merchandiser, gid("User", merchandiser.user.id)),  # themselves
        (colleague, gid("User", neighbour.user.id)),
        (owner, gid("User", neighbour.user.id)),  # the owner cannot give it away either
        (world.managers[1], gid("User", neighbour.user.id)),  # another region's manager
    ]
    for member, target in variants:
        body = await gql(
            UPDATE,
            {"input": {"id": gid("Store", store.id), "franchiseeId": target}},
            member.token(gql.settings),
        )
        if member is owner:  # no store:write at all: refused before the resolver runs
            assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], body
            continue
        errors = body["data"]["storeUpdate"]["userErrors"]
        fields = [e["field"] for e in errors]
        codes = [e["code"] for e in errors]
        if member is world.managers[1]:
            assert codes == ["NOT_FOUND"], body  # the store is not theirs to see
        else:
            assert (fields, codes) == (["input.franchiseeId"], ["FORBIDDEN"]), (member.email, body)
    after = await db_store(db, world, store.id)
    assert after.franchisee_id == owner.user.id
    assert await audit(db, world, store.id) == []


async def test_a_manager_points_a_store_only_at_people_they_already_see(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    store, other = region_stores(world, 0)[0], region_stores(world, 0)[2]
    manager = world.managers[0]
    elsewhere = owner_of(world, region_stores(world, 1)[0])
    token = manager.token(gql.settings)
    body = await gql(
        UPDATE,
        {"input": {"id": gid("Store", store.id), "franchiseeId": gid("User", elsewhere.user.id)}},
        token,
    )
    # indistinguishable from a person who does not exist
    assert refused(body) == [("input.franchiseeId", "NOT_FOUND")]
    assert (await db_store(db, world, store.id)).franchisee_id == store.franchisee_id
    # a franchisee of the manager's region: allowed, audited, the store's contacts follow
    newcomer = owner_of(world, other)
    body = await gql(
        UPDATE,
        {"input": {"id": gid("Store", store.id), "franchiseeId": gid("User", newcomer.user.id)}},
        token,
    )
    payload = body["data"]["storeUpdate"]
    assert payload["userErrors"] == []
    assert payload["store"]["franchisee"]["id"] == gid("User", newcomer.user.id)
    assert payload["store"]["franchiseeEmail"] == newcomer.email
    assert payload["store"]["franchiseeName"] == newcomer.user.name
    entries = await audit(db, world, store.id)
    assert [(e.before or {}).get("franchisee_id") for e in entries] == [store.franchisee_id]
    assert [e.after["franchisee_id"] for e in entries if e.after] == [newcomer.user.id]
    assert entries[0].actor_user_id == manager.user.id
    # HQ may give it to anyone of the tenant
    body = await gql(
        UPDATE,
        {"input": {"id": gid("Store", store.id), "franchiseeId": gid("User", elsewhere.user.id)}},
        world.hq.token(gql.settings),
    )
    assert body["data"]["storeUpdate"]["userErrors"] == []
    assert (await db_store(db, world, store.id)).franchisee_id == elsewhere.user.id


async def test_a_store_opened_by_a_manager_cannot_be_given_to_a_stranger(
    world: World, gql: GraphQLClient
) -> None:
    elsewhere = owner_of(world, region_stores(world, 1)[0])
    create = """
    mutation($input: StoreCreateInput!) {
      storeCreate(input: $input) { store { id } userErrors { field code } }
    }"""
    body = await gql(
        create,
        {
            "input": {
                "code": "NEW-1",
                "name": "New shop",
                "province": "Beijing",
                "city": "Beijing",
                "franchiseeId": gid("User", elsewhere.user.id),
            }
        },
        world.managers[0].token(gql.settings),
    )
    payload = body["data"]["storeCreate"]
    assert payload["store"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("input.franchiseeId", "NOT_FOUND")
    ]


async def test_search_matches_only_emails_the_viewer_sees(world: World, gql: GraphQLClient) -> None:
    store = region_stores(world, 0)[0]
    merchandiser = served_by(world, store)
    colleague = next(
        m
        for m in world.merchandisers
        if m.actor.region_id == store.region_id and m is not merchandiser
    )
    owner = owner_of(world, store)
    # test names are the e-mail's local part: the whole address matches the e-mail only
    for member, expected in (
        (world.hq, 1),
        (merchandiser, 1),
        (colleague, 0),
        (world.managers[1], 0),
    ):
        body = await gql(USERS, {"filter": {"search": owner.email}}, member.token(gql.settings))
        assert body["data"]["users"]["totalCount"] == expected, member.email
    # the colleague still finds the owner by name, without the e-mail
    body = await gql(USERS, {"filter": {"search": owner.user.name}}, colleague.token(gql.settings))
    nodes = [e["node"] for e in body["data"]["users"]["edges"]]
    assert [(n["id"], n["email"], n["phone"]) for n in nodes] == [
        (gid("User", owner.user.id), None, None)
    ]


async def test_merchandisers_see_franchisees_only_of_their_region(
    world: World, gql: GraphQLClient
) -> None:
    m1 = served_by(world, region_stores(world, 0)[0])
    body = await gql(USERS, {"filter": {"role": "FRANCHISEE"}}, m1.token(gql.settings))
    seen = {e["node"]["id"]: e["node"] for e in body["data"]["users"]["edges"]}
    mine = {gid("User", s.franchisee_id) for s in region_stores(world, 0) if s.franchisee_id}
    assert set(seen) == mine
    served = {gid("User", s.franchisee_id) for s in world.stores if s.merchandiser_id == m1.user.id}
    assert {i for i, n in seen.items() if n["email"] is not None} == served
    # staff are work contacts, seen by every member
    staff = await gql(USERS, {"filter": {"role": "MERCHANDISER"}}, m1.token(gql.settings))
    assert staff["data"]["users"]["totalCount"] == len(world.merchandisers)
    assert all(e["node"]["email"] for e in staff["data"]["users"]["edges"])
    # another region's franchisee by id: nothing, and their manager sees them whole
    stranger = owner_of(world, region_stores(world, 1)[0])
    node = await gql(NODE, {"id": gid("User", stranger.user.id)}, m1.token(gql.settings))
    assert node["data"]["node"] is None
    node = await gql(
        NODE, {"id": gid("User", stranger.user.id)}, world.managers[1].token(gql.settings)
    )
    assert node["data"]["node"]["email"] == stranger.email
    hq = await gql(USERS, {"filter": {"role": "FRANCHISEE"}}, world.hq.token(gql.settings))
    assert hq["data"]["users"]["totalCount"] == len(world.franchisees)
