"""The store forecast through GraphQL: pages of SKUs, the same numbers for every viewer."""

from __future__ import annotations

from typing import Any

from api.graphql.relay import global_id
from domain import clock
from domain.db import Database
from tests.api.cli.test_forecast import sell
from tests.factories import World
from tests.fixtures import GraphQLClient

FORECAST = """
query($store: ID!, $days: Int!, $first: Int, $after: String) {
  storeForecast(store: $store, horizonDays: $days, first: $first, after: $after) {
    storeId start horizonDays totalExpectedUnits
    skus {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { expectedUnits sku { code } } }
    }
  }
}"""


def variables(world: World, **more: Any) -> dict[str, Any]:
    return {"store": str(global_id("Store", world.stores[0].id)), "days": 28, **more}


async def test_franchisee_pages_through_its_store_forecast_most_expected_first(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    await sell(db, world, clock.now().date())
    token = world.franchisees[0].token(gql.settings)
    body = await gql(FORECAST, variables(world, first=2), token)
    result = body["data"]["storeForecast"]
    assert result["horizonDays"] == 28
    assert result["start"] == clock.now().date().isoformat()
    assert result["skus"]["totalCount"] == len(world.skus)
    first_page = [e["node"] for e in result["skus"]["edges"]]
    assert len(first_page) == 2
    assert result["skus"]["pageInfo"]["hasNextPage"]
    after = result["skus"]["pageInfo"]["endCursor"]
    rest = (await gql(FORECAST, variables(world, after=after), token))["data"]["storeForecast"]
    units = [n["expectedUnits"] for n in first_page + [e["node"] for e in rest["skus"]["edges"]]]
    assert len(units) == len(world.skus)
    assert units == sorted(units, reverse=True)
    assert abs(sum(units) - result["totalExpectedUnits"]) < 1e-3
    # The store sells 0.6 and 0.3 units a day of alternate SKUs, twice its region's peers.
    assert 28 * 2.4 < result["totalExpectedUnits"] < 28 * 4.8 * 1.2
    # Its merchandiser sees the same forecast: it pools the region whoever asks.
    staff = world.merchandisers[0].token(gql.settings)
    same = (await gql(FORECAST, variables(world, first=0), staff))["data"]["storeForecast"]
    assert same["totalExpectedUnits"] == result["totalExpectedUnits"]


async def test_other_stores_are_not_found_and_bad_horizons_refused(
    world: World, gql: GraphQLClient
) -> None:
    other = world.franchisees[1].token(gql.settings)
    body = await gql(FORECAST, variables(world), other)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    hq = world.hq.token(gql.settings)
    body = await gql(FORECAST, variables(world, days=0), hq)
    assert body["errors"][0]["extensions"]["code"] == "INVALID"
    assert body["errors"][0]["extensions"]["field"] == "horizonDays"
