"""Merchandiser workload: stores, open proposals and revenue served, for HQ to balance."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from domain import clock
from domain.db import Database
from domain.orders.models import OrderStatus
from domain.stores.models import Tier
from tests.api.graphql.test_stores import gid
from tests.domain.stores.factories import confirm_order, record_sale
from tests.factories import World, make_store
from tests.factories_service import make_order, update_store
from tests.fixtures import GraphQLClient

MERCHANDISERS = """
query($regionId: ID) {
  merchandisers(first: 50, regionId: $regionId) {
    edges { node { id name region { code } workload {
      stores tierAStores openProposals salesUnits salesRevenue confirmedOrders confirmedValue windowDays
    } } }
  }
}"""


def by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["node"]["id"]: e["node"]["workload"] for e in body["data"]["merchandisers"]["edges"]}


async def test_workload_counts_stores_open_proposals_and_revenue(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    merchandiser = world.merchandisers[0]
    first, second = (s for s in world.stores if s.merchandiser_id == merchandiser.user.id)
    await update_store(db, world, second, tier=Tier.A)
    for status in (
        OrderStatus.DRAFT,
        OrderStatus.PROPOSED,
        OrderStatus.VIEWED,
        OrderStatus.CANCELLED,
    ):
        await make_order(db, world, first, status=status)
    recent = await make_order(db, world, first, units=2)  # cost 90 × 2
    await confirm_order(db, world, recent.id, clock.now() - timedelta(days=3))
    old = await make_order(db, world, second, units=5)
    await confirm_order(db, world, old.id, clock.now() - timedelta(days=40))
    today = clock.now().date()
    await record_sale(db, world, first, today - timedelta(days=1), 5, Decimal("500.00"))
    await record_sale(db, world, second, today - timedelta(days=2), 2, None)  # at retail 199
    await record_sale(db, world, first, today - timedelta(days=30), 9, Decimal("900.00"))
    body = await gql(MERCHANDISERS, token=world.hq.token(gql.settings))
    assert by_id(body)[gid("User", merchandiser.user.id)] == {
        "stores": 2,
        "tierAStores": 1,
        "openProposals": 3,
        "salesUnits": 7,
        "salesRevenue": "898.00",
        "confirmedOrders": 1,
        "confirmedValue": "180.00",
        "windowDays": 28,
    }
    idle = by_id(body)[gid("User", world.merchandisers[1].user.id)]
    assert (idle["stores"], idle["openProposals"], idle["salesRevenue"]) == (2, 0, "0.00")


async def test_the_most_loaded_come_first_and_regional_staff_see_their_region(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    busy = world.merchandisers[1]
    await make_store(db, world.tenant, world.regions[0], busy)
    body = await gql(MERCHANDISERS, token=world.hq.token(gql.settings))
    nodes = [e["node"] for e in body["data"]["merchandisers"]["edges"]]
    assert nodes[0]["id"] == gid("User", busy.user.id)
    assert len(nodes) == len(world.merchandisers)
    manager = await gql(MERCHANDISERS, token=world.managers[0].token(gql.settings))
    regions = {e["node"]["region"]["code"] for e in manager["data"]["merchandisers"]["edges"]}
    assert regions == {"R1"}
    elsewhere = await gql(
        MERCHANDISERS,
        {"regionId": gid("Region", world.regions[1].id)},
        world.managers[0].token(gql.settings),
    )
    assert elsewhere["data"]["merchandisers"]["edges"] == []


async def test_franchisees_and_integrations_see_no_workload(
    world: World, gql: GraphQLClient
) -> None:
    body = await gql(MERCHANDISERS, token=world.franchisees[0].token(gql.settings))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    store = await gql(
        "query($id: ID!) { store(id: $id) { merchandiser { name workload { stores } } } }",
        {"id": gid("Store", world.stores[0].id)},
        world.franchisees[0].token(gql.settings),
    )
    assert store["data"]["store"]["merchandiser"]["workload"] is None
    assert store["errors"][0]["extensions"]["code"] == "FORBIDDEN"
