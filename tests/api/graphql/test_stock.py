"""Stock through GraphQL: warehouses, HQ stock levels with an ERP key, store inventory."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from api.graphql.relay import global_id
from domain.db import Database
from domain.identity.keys import create_api_key
from domain.stock.models import WarehouseStock
from domain.tenancy.session import tenant_session
from tests.factories import World, make_world
from tests.fixtures import GraphQLClient

UPSERT = """
mutation($input: StockUpsertInput!) {
  stockUpsert(input: $input) {
    count created updated
    rowErrors { row field code message }
    userErrors { field code }
  }
}"""

LEVELS = """
query($filter: StockLevelFilter) {
  stockLevels(first: 50, filter: $filter) {
    totalCount
    edges { node { onHand reserved available sku { code } warehouse { code } } }
  }
}"""

INVENTORY_UPSERT = """
mutation($input: StoreInventoryUpsertInput!) {
  storeInventoryUpsert(input: $input) { count created updated rowErrors { row field code } }
}"""

INVENTORY = """
query($store: ID!, $filter: StoreInventoryFilter) {
  storeInventory(storeId: $store, filter: $filter) {
    totalCount edges { node { storeId onHand sku { code } } }
  }
}"""


async def key(db: Database, world: World, *scopes: str) -> dict[str, str]:
    async with tenant_session(db, world.hq.actor) as session:
        issued = await create_api_key(session, world.hq.actor, "ERP", list(scopes))
        await session.commit()
    return {"X-Api-Key": issued.secret}


async def reserve(db: Database, world: World, sku_index: int, units: int) -> None:
    async with tenant_session(db, world.hq.actor) as session:
        level = await session.scalar(
            select(WarehouseStock).where(WarehouseStock.sku_id == world.skus[sku_index].id)
        )
        assert level is not None
        level.reserved = units
        await session.commit()


async def test_hq_creates_and_lists_warehouses(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    create = """mutation($input: WarehouseCreateInput!) {
      warehouseCreate(input: $input) { warehouse { code province } userErrors { field code } } }"""
    body = await gql(
        create, {"input": {"code": "AAA-SH", "name": "Shanghai DC", "province": "上海"}}, token
    )
    assert body["data"]["warehouseCreate"] == {
        "warehouse": {"code": "AAA-SH", "province": "Shanghai"},
        "userErrors": [],
    }
    again = await gql(create, {"input": {"code": "AAA-SH", "name": "Again"}}, token)
    assert again["data"]["warehouseCreate"]["userErrors"] == [
        {"field": "input.code", "code": "DUPLICATE"}
    ]
    listed = await gql("{ warehouses { code } }", token=token)
    assert listed["data"]["warehouses"][0]["code"] == "AAA-SH"


async def test_erp_key_sets_stock_and_levels_show_available(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    headers = await key(db, world, "stock:write", "stock:read")
    await reserve(db, world, 0, 30)
    assert world.warehouse is not None
    rows = [
        {"warehouseCode": world.warehouse.code, "skuCode": world.skus[0].code, "onHand": 40},
        {
            "warehouseId": str(global_id("Warehouse", world.warehouse.id)),
            "barcode": world.skus[1].barcode,
            "onHand": 3,
        },
    ]
    body = await gql(UPSERT, {"input": {"rows": rows}}, **headers)
    assert body["data"]["stockUpsert"] == {
        "count": 2,
        "created": 0,
        "updated": 2,
        "rowErrors": [],
        "userErrors": [],
    }
    low = await gql(LEVELS, {"filter": {"belowAvailable": 20}}, **headers)
    nodes = [e["node"] for e in low["data"]["stockLevels"]["edges"]]
    assert [(n["sku"]["code"], n["onHand"], n["reserved"], n["available"]) for n in nodes] == [
        (world.skus[0].code, 40, 30, 10),
        (world.skus[1].code, 3, 0, 3),
    ]
    product = await gql(
        LEVELS,
        {"filter": {"productId": str(global_id("Product", world.skus[3].product_id))}},
        **headers,
    )
    assert product["data"]["stockLevels"]["totalCount"] == 3


async def test_bad_stock_rows_are_all_reported_and_nothing_changes(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    headers = await key(db, world, "stock:write")
    other = await make_world(db)
    await reserve(db, world, 0, 30)
    assert world.warehouse is not None and other.warehouse is not None
    wh = world.warehouse.code
    rows = [
        {"warehouseCode": wh, "skuCode": world.skus[2].code, "onHand": 1},  # fine on its own
        {"warehouseCode": wh, "skuCode": world.skus[0].code, "onHand": 29},  # below reserved
        {"warehouseCode": other.warehouse.code, "skuCode": other.skus[0].code, "onHand": 1},
        {"warehouseId": str(global_id("Product", 1)), "skuCode": world.skus[1].code, "onHand": 1},
        {"warehouseCode": wh, "onHand": -1},
    ]
    result = (await gql(UPSERT, {"input": {"rows": rows}}, **headers))["data"]["stockUpsert"]
    assert result["count"] == 0
    assert [(e["row"], e["field"], e["code"]) for e in result["rowErrors"]] == [
        (1, "onHand", "INSUFFICIENT_STOCK"),
        (2, "skuCode", "NOT_FOUND"),
        (2, "warehouseCode", "NOT_FOUND"),
        (3, "warehouseId", "NOT_FOUND"),
        (4, "onHand", "INVALID"),
        (4, "skuCode", "REQUIRED"),
    ]
    levels = await gql(LEVELS, {}, world.hq.token(gql.settings))
    assert {e["node"]["onHand"] for e in levels["data"]["stockLevels"]["edges"]} == {100}


async def test_stock_key_without_write_scope_is_refused(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    headers = await key(db, world, "sales:write")
    assert world.warehouse is not None
    rows = [{"warehouseCode": world.warehouse.code, "skuCode": world.skus[0].code, "onHand": 1}]
    body = await gql(UPSERT, {"input": {"rows": rows}}, **headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    writer = await key(db, world, "stock:write")
    operations = {"query": UPSERT, "variables": {"input": {"rows": rows * 10_001}}}
    # As JSON, 10,001 rows are past the request body limit: refused before parsing.
    refused = await gql.http.post("/graphql", json=operations, headers=writer)
    assert refused.status_code == 413
    assert refused.json()["error"] == "PAYLOAD_TOO_LARGE"
    # Sent as a multipart request with credentials (the upload limit), the row limit answers.
    too_many = await gql.http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": "{}"},
        files={"none": ("none", b"")},
        headers=writer,
    )
    assert too_many.json()["data"]["stockUpsert"]["userErrors"] == [
        {"field": "input.rows", "code": "INVALID"}
    ]


async def test_store_inventory_is_set_in_bulk_and_seen_only_by_who_sees_the_store(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    headers = await key(db, world, "stock:write")
    rows: list[dict[str, Any]] = [
        {"storeCode": world.stores[0].code, "skuCode": world.skus[0].code, "onHand": 5},
        {
            "storeId": str(global_id("Store", world.stores[0].id)),
            "skuCode": world.skus[1].code,
            "onHand": 0,
        },
    ]
    body = await gql(INVENTORY_UPSERT, {"input": {"rows": rows}}, **headers)
    assert body["data"]["storeInventoryUpsert"] == {
        "count": 2,
        "created": 2,
        "updated": 0,
        "rowErrors": [],
    }
    store = str(global_id("Store", world.stores[0].id))
    owner = world.franchisees[0].token(gql.settings)
    seen = (await gql(INVENTORY, {"store": store, "filter": {"inStock": True}}, owner))["data"][
        "storeInventory"
    ]
    assert [
        (e["node"]["sku"]["code"], e["node"]["onHand"], e["node"]["storeId"]) for e in seen["edges"]
    ] == [(world.skus[0].code, 5, store)]
    neighbour = world.franchisees[1].token(gql.settings)
    refused = await gql(INVENTORY, {"store": store}, neighbour)
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
