"""Sales through GraphQL: the POS feed with API keys, summaries, store visibility."""

from __future__ import annotations

from typing import Any

from domain.db import Database
from domain.identity.keys import create_api_key
from domain.tenancy.session import tenant_session
from tests.factories import World, make_world
from tests.fixtures import GraphQLClient

RECORD = """
mutation($input: SalesRecordInput!) {
  salesRecord(input: $input) {
    count created updated
    rowErrors { row field code message }
    userErrors { field code message }
  }
}"""

SUMMARY = """
query($store: ID, $from: Date!, $to: Date!, $by: SalesGrouping!) {
  salesSummary(storeId: $store, from: $from, to: $to, groupBy: $by) {
    storeId from to groupBy
    buckets { key start end units revenue product { code } }
    totals { units revenue }
  }
}"""


async def api_key(db: Database, world: World, *scopes: str) -> str:
    async with tenant_session(db, world.hq.actor) as session:
        issued = await create_api_key(session, world.hq.actor, "POS", list(scopes))
        await session.commit()
    return issued.secret


def store_gid(world: World, i: int) -> str:
    from api.graphql.relay import global_id

    return str(global_id("Store", world.stores[i].id))


def feed(world: World) -> list[dict[str, Any]]:
    s0, s4, k = world.stores[0].code, world.stores[4].code, world.skus
    return [
        {"storeCode": s0, "skuCode": k[0].code, "day": "2026-03-02", "qty": 2, "revenue": "380.00"},
        {"storeCode": s0, "barcode": k[1].barcode, "day": "2026-03-03", "qty": 1},  # 1 × 199
        {"storeCode": s0, "skuCode": k[3].code, "day": "2026-03-10", "qty": 4, "revenue": "700.50"},
        {"storeCode": s4, "skuCode": k[0].code, "day": "2026-03-02", "qty": 9, "onHandClose": 0},
    ]


async def record(gql: GraphQLClient, key: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    body = await gql(RECORD, {"input": {"rows": rows}}, **{"X-Api-Key": key})
    result: dict[str, Any] = body["data"]["salesRecord"]
    return result


async def test_pos_feed_with_a_sales_key_records_once_even_when_resent(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    key = await api_key(db, world, "sales:write")
    first = await record(gql, key, feed(world))
    assert (first["count"], first["created"], first["updated"], first["userErrors"]) == (
        4,
        4,
        0,
        [],
    )
    again = await record(gql, key, feed(world))
    assert (again["created"], again["updated"]) == (0, 4)
    token = world.hq.token(gql.settings)
    body = await gql(
        SUMMARY, {"store": None, "from": "2026-03-01", "to": "2026-03-31", "by": "MONTH"}, token
    )
    assert body["data"]["salesSummary"]["totals"] == {
        "units": 16,
        "revenue": "3070.50",
    }  # 380 + 199 + 700.50 + 9 × 199


async def test_bad_feed_rows_are_all_reported_and_nothing_recorded(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    key = await api_key(db, world, "sales:write")
    other = await make_world(db)
    rows = feed(world)
    rows[1] = {**rows[1], "qty": -3}
    rows[2] = {**rows[2], "storeCode": other.stores[0].code}  # another tenant's store: not found
    rows.append({"storeCode": world.stores[0].code, "day": "2026-03-02", "qty": 1})
    result = await record(gql, key, rows)
    assert result["count"] == 0
    assert [(e["row"], e["field"], e["code"]) for e in result["rowErrors"]] == [
        (1, "qty", "INVALID"),
        (2, "storeCode", "NOT_FOUND"),
        (4, "skuCode", "REQUIRED"),
    ]
    assert {e["field"] for e in result["userErrors"]} == {
        "input.rows[1].qty",
        "input.rows[2].storeCode",
        "input.rows[4].skuCode",
    }
    token = world.hq.token(gql.settings)
    body = await gql(SUMMARY, {"from": "2026-03-01", "to": "2026-03-31", "by": "MONTH"}, token)
    assert body["data"]["salesSummary"]["totals"]["units"] == 0


async def test_a_key_without_the_sales_scope_is_refused(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    key = await api_key(db, world, "stock:write")
    body = await gql(RECORD, {"input": {"rows": feed(world)}}, **{"X-Api-Key": key})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["data"] is None


async def test_summary_by_week_and_style_matches_hand_computed_figures(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    await record(gql, await api_key(db, world, "sales:write"), feed(world))
    token = world.hq.token(gql.settings)
    variables = {
        "store": store_gid(world, 0),
        "from": "2026-03-02",
        "to": "2026-03-15",
        "by": "WEEK",
    }
    weeks = (await gql(SUMMARY, variables, token))["data"]["salesSummary"]
    assert weeks["totals"] == {"units": 7, "revenue": "1279.50"}
    assert [
        (b["key"], b["start"], b["end"], b["units"], b["revenue"]) for b in weeks["buckets"]
    ] == [
        ("2026-W10", "2026-03-02", "2026-03-08", 3, "579.00"),
        ("2026-W11", "2026-03-09", "2026-03-15", 4, "700.50"),
    ]
    styles = (await gql(SUMMARY, {**variables, "by": "PRODUCT"}, token))["data"]["salesSummary"]
    assert [(b["product"]["code"], b["units"], b["revenue"]) for b in styles["buckets"]] == [
        (world.skus[3].code.rsplit("-", 2)[0], 4, "700.50"),
        (world.skus[0].code.rsplit("-", 2)[0], 3, "579.00"),
    ]


async def test_summary_respects_store_visibility(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    await record(gql, await api_key(db, world, "sales:write"), feed(world))
    variables = {
        "store": store_gid(world, 0),
        "from": "2026-03-01",
        "to": "2026-03-31",
        "by": "MONTH",
    }
    own_region = world.merchandisers[1].token(
        gql.settings
    )  # region 1, not the store's merchandiser
    assert (await gql(SUMMARY, variables, own_region))["data"]["salesSummary"]["totals"][
        "units"
    ] == 7
    other_region = world.merchandisers[2].token(gql.settings)
    body = await gql(SUMMARY, variables, other_region)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    owner = world.franchisees[0].token(gql.settings)
    assert (await gql(SUMMARY, variables, owner))["data"]["salesSummary"]["totals"]["units"] == 7
    neighbour = world.franchisees[1].token(gql.settings)
    assert (await gql(SUMMARY, variables, neighbour))["errors"][0]["extensions"][
        "code"
    ] == "NOT_FOUND"
    everything = {**variables, "store": None}
    assert (await gql(SUMMARY, everything, neighbour))["data"]["salesSummary"]["totals"][
        "units"
    ] == 0
    assert (await gql(SUMMARY, everything, other_region))["data"]["salesSummary"]["totals"][
        "units"
    ] == 9
