"""Franchisees' personal data: seen only by those who serve their store."""

from __future__ import annotations

from typing import Any

from domain.db import Database
from domain.identity.keys import create_api_key
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_stores import gid
from tests.factories import World
from tests.fixtures import GraphQLClient

STORE = """
query($id: ID!) {
  store(id: $id) {
    personalDataVisible franchiseeName franchiseePhone franchiseeEmail address
    preferences { chatWebhookUrl }
    franchisee { name email phone }
  }
}"""


async def api_key(db: Database, world: World, scopes: list[str]) -> str:
    async with tenant_session(db, world.hq.actor) as session:
        issued = await create_api_key(session, world.hq.actor, "pos", scopes)
        await session.commit()
        return issued.secret


def personal(store: dict[str, Any]) -> tuple[Any, ...]:
    return (
        store["franchiseePhone"],
        store["franchiseeEmail"],
        store["franchisee"]["email"] if store["franchisee"] else None,
    )


async def test_those_who_serve_the_store_see_the_franchisees_contacts(
    world: World, gql: GraphQLClient
) -> None:
    store = world.stores[0]
    franchisee = next(f for f in world.franchisees if f.user.id == store.franchisee_id)
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    expected = ("13800000000", franchisee.email, franchisee.email)
    for member in (world.hq, world.managers[0], merchandiser, franchisee):
        body = await gql(STORE, {"id": gid("Store", store.id)}, member.token(gql.settings))
        data = body["data"]["store"]
        assert data["personalDataVisible"] is True, member.actor.role
        assert personal(data) == expected, member.actor.role


async def test_a_colleague_of_the_region_sees_the_store_without_personal_data(
    world: World, gql: GraphQLClient
) -> None:
    store = world.stores[0]
    colleague = world.merchandisers[1]  # same region, not this store's merchandiser
    body = await gql(STORE, {"id": gid("Store", store.id)}, colleague.token(gql.settings))
    data = body["data"]["store"]
    assert data["personalDataVisible"] is False
    assert data["franchiseeName"] == store.franchisee_name  # who the owner is is not secret
    assert personal(data) == (None, None, None)
    users = await gql(
        "{ users(first: 100) { edges { node { id email } } } }", token=colleague.token(gql.settings)
    )
    emails = {e["node"]["id"]: e["node"]["email"] for e in users["data"]["users"]["edges"]}
    assert emails[gid("User", store.franchisee_id)] is None
    assert (
        emails[gid("User", world.hq.user.id)] == world.hq.email
    )  # staff contacts are work contacts


async def test_an_integration_reads_stores_without_personal_data(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    key = await api_key(db, world, ["store:read"])
    body = await gql(STORE, {"id": gid("Store", world.stores[0].id)}, **{"X-Api-Key": key})
    data = body["data"]["store"]
    assert data["personalDataVisible"] is False and personal(data) == (None, None, None)
