"""Shipments through GraphQL: shipping with a warehouse key, tracking, picking, staff events."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from api.graphql.relay import global_id
from domain import clock
from domain.db import Database
from domain.identity.keys import create_api_key
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.shipments.models import ShipmentStatus
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import order_in, stock
from tests.domain.shipments.factories import (
    event_body,
    order_row,
    report,
    ship,
    signed_headers,
    tracking_number,
)
from tests.factories import World
from tests.fixtures import GraphQLClient

CREATE = """
mutation($input: ShipmentCreateInput!) {
  shipmentCreate(input: $input) {
    shipment {
      id carrier trackingNumber parcels status estimatedDelivery orderId storeId
      carrierDetails { name nameZh }
    }
    userErrors { field code message }
  }
}"""

SHIPMENTS = """
query($first: Int, $filter: ShipmentFilter) {
  shipments(first: $first, filter: $filter) {
    totalCount
    edges { node {
      id trackingNumber status late exceptionReason
      proofOfDelivery { signedBy photoRef }
      trackingEvents { status applied source occurredAt location }
      createdBy { email }
      order { number status }
    } }
  }
}"""

PICKING = """
mutation($input: PickingStartInput!) {
  pickingStart(input: $input) {
    pickList { status totalUnits startedBy { email } lines { qty sku { code } warehouse { code } } }
    userErrors { field code message }
  }
}"""

RECORD = """
mutation($input: ShipmentRecordEventInput!) {
  shipmentRecordEvent(input: $input) {
    result
    shipment { status proofOfDelivery { signedBy } }
    event { source recordedBy { email } }
    userErrors { field code message }
  }
}"""

SECRET = """
mutation($input: CarrierSecretSetInput!) {
  carrierSecretSet(input: $input) { secret carrier { code } userErrors { field code message } }
}"""


async def warehouse_key(db: Database, world: World, *scopes: str) -> dict[str, str]:
    async with tenant_session(db, world.hq.actor) as session:
        issued = await create_api_key(session, world.hq.actor, "WMS", list(scopes))
        await session.commit()
    return {"X-Api-Key": issued.secret}


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def test_a_warehouse_key_ships_an_order(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.PICKING)
    headers = await warehouse_key(db, world, "shipment:write", "shipment:read")
    number = tracking_number()
    body = await gql(
        CREATE,
        {
            "input": {
                "orderId": str(global_id("Order", order.id)),
                "carrier": "jd",
                "trackingNumber": number,
                "parcels": 4,
            }
        },
        **headers,
    )
    payload = body["data"]["shipmentCreate"]
    assert payload["userErrors"] == []
    shipment = payload["shipment"]
    assert (shipment["carrier"], shipment["trackingNumber"], shipment["parcels"]) == (
        "jd",
        number,
        4,
    )
    assert shipment["status"] == "CREATED" and shipment["estimatedDelivery"]
    assert shipment["carrierDetails"] == {"name": "JD Logistics", "nameZh": "京东物流"}
    assert shipment["orderId"] == str(global_id("Order", order.id))
    assert (await order_row(db, world, order.id)).status == OrderStatus.SHIPPED
    assert await stock(db, world, world.skus[0]) == (98, 0)


async def test_user_errors_name_the_input_fields(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.PICKING)
    body = await gql(
        CREATE,
        {
            "input": {
                "orderId": str(global_id("Order", order.id)),
                "carrier": "pigeon",
                "trackingNumber": "x",
                "parcels": 0,
            }
        },
        world.hq.token(gql.settings),
    )
    payload = body["data"]["shipmentCreate"]
    assert payload["shipment"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("input.carrier", "INVALID"),
        ("input.trackingNumber", "INVALID"),
        ("input.parcels", "INVALID"),
    ]
    assert (await order_row(db, world, order.id)).status == OrderStatus.PICKING


async def test_who_may_ship(db: Database, world: World, gql: GraphQLClient) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.PICKING)
    variables = {
        "input": {
            "orderId": str(global_id("Order", order.id)),
            "carrier": "sf",
            "trackingNumber": tracking_number(),
            "parcels": 1,
        }
    }
    stock_key = await warehouse_key(db, world, "stock:write")
    for credentials in (
        {"token": world.merchandisers[0].token(gql.settings)},
        {"token": world.franchisees[0].token(gql.settings)},
        {"token": world.managers[0].token(gql.settings)},
        stock_key,
    ):
        body = await gql(CREATE, variables, **credentials)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await gql(CREATE, variables)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await order_row(db, world, order.id)).status == OrderStatus.PICKING


async def test_picking_starts_with_the_pick_list(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.CONFIRMED)
    body = await gql(
        PICKING,
        {"input": {"orderId": str(global_id("Order", order.id))}},
        world.hq.token(gql.settings),
    )
    pick_list = body["data"]["pickingStart"]["pickList"]
    assert pick_list["status"] == "PICKING" and pick_list["totalUnits"] == 4
    assert pick_list["startedBy"] == {"email": world.hq.email}
    assert world.warehouse is not None
    assert sorted(
        (line["sku"]["code"], line["warehouse"]["code"], line["qty"]) for line in pick_list["lines"]
    ) == sorted((sku.code, world.warehouse.code, 2) for sku in world.skus[:2])
    again = await gql(
        PICKING,
        {"input": {"orderId": str(global_id("Order", order.id))}},
        world.hq.token(gql.settings),
    )
    assert again["data"]["pickingStart"]["userErrors"][0]["code"] == "INVALID_TRANSITION"


async def test_tracking_history_and_visibility(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    mine, other = world.stores[0], world.stores[1]
    shipment = await ship(db, world, mine)
    await ship(db, world, other)
    now = clock.now()
    await report(
        db, world, settings, shipment, ShipmentStatus.OUT_FOR_DELIVERY, now - timedelta(hours=1)
    )
    await report(db, world, settings, shipment, ShipmentStatus.IN_TRANSIT, now - timedelta(hours=5))
    await report(
        db,
        world,
        settings,
        shipment,
        ShipmentStatus.DELIVERED,
        now,
        proof_of_delivery={"signed_by": "Chen Jie", "photo_ref": "pod/9.jpg"},
    )
    franchisee = world.franchisees[0].token(gql.settings)
    body = await gql(SHIPMENTS, {}, franchisee)
    page = body["data"]["shipments"]
    assert page["totalCount"] == 1
    node = page["edges"][0]["node"]
    assert node["trackingNumber"] == shipment.tracking_number and node["status"] == "DELIVERED"
    assert node["proofOfDelivery"] == {"signedBy": "Chen Jie", "photoRef": "pod/9.jpg"}
    assert [(e["status"], e["applied"], e["source"]) for e in node["trackingEvents"]] == [
        ("IN_TRANSIT", False, "CARRIER"),
        ("OUT_FOR_DELIVERY", True, "CARRIER"),
        ("DELIVERED", True, "CARRIER"),
    ]
    assert node["createdBy"] == {"email": world.hq.email}
    assert node["order"]["status"] == "DELIVERED" and node["order"]["number"]

    hq = world.hq.token(gql.settings)
    delivered = await gql(SHIPMENTS, {"filter": {"status": "DELIVERED"}}, hq)
    assert delivered["data"]["shipments"]["totalCount"] == 1
    created = await gql(SHIPMENTS, {"filter": {"status": "CREATED"}}, hq)
    assert created["data"]["shipments"]["totalCount"] == 1
    late = await gql(SHIPMENTS, {"filter": {"late": True}}, hq)
    assert late["data"]["shipments"]["totalCount"] == 0


async def test_a_page_of_shipments_costs_the_same_statements_whatever_its_size(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    for store in world.stores[:4]:
        shipment = await ship(db, world, store)
        await report(db, world, settings, shipment, ShipmentStatus.PICKED_UP, clock.now())
    token = world.hq.token(gql.settings)
    with statements(db) as small:
        await gql(SHIPMENTS, {"first": 1}, token)
    with statements(db) as large:
        body = await gql(SHIPMENTS, {"first": 4}, token)
    assert len(body["data"]["shipments"]["edges"]) == 4
    assert len(large) == len(small)


async def test_hq_records_a_delivery_by_hand(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    shipment = await ship(db, world, world.stores[0])
    variables = {
        "input": {
            "shipmentId": str(global_id("Shipment", shipment.id)),
            "status": "DELIVERED",
            "occurredAt": clock.now().isoformat(),
            "signedBy": "Store manager Liu",
        }
    }
    refused = await gql(RECORD, variables, world.franchisees[0].token(gql.settings))
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(RECORD, variables, world.hq.token(gql.settings))
    payload = body["data"]["shipmentRecordEvent"]
    assert payload["userErrors"] == [] and payload["result"] == "APPLIED"
    assert payload["shipment"] == {
        "status": "DELIVERED",
        "proofOfDelivery": {"signedBy": "Store manager Liu"},
    }
    assert payload["event"] == {"source": "STAFF", "recordedBy": {"email": world.hq.email}}
    assert (await order_row(db, world, shipment.order_id)).status == OrderStatus.DELIVERED


async def test_hq_sets_a_carriers_secret_and_the_carrier_signs_with_it(
    db: Database, world: World, gql: GraphQLClient, client: Any
) -> None:
    shipment = await ship(db, world, world.stores[0], carrier="yto")
    refused = await gql(
        SECRET, {"input": {"carrier": "yto"}}, world.merchandisers[0].token(gql.settings)
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    short = await gql(
        SECRET, {"input": {"carrier": "yto", "secret": "short"}}, world.hq.token(gql.settings)
    )
    assert short["data"]["carrierSecretSet"]["userErrors"][0]["field"] == "input.secret"
    body = await gql(SECRET, {"input": {"carrier": "yto"}}, world.hq.token(gql.settings))
    payload = body["data"]["carrierSecretSet"]
    secret = payload["secret"]
    assert payload["carrier"] == {"code": "yto"} and len(secret) >= 32

    sent = event_body(shipment, ShipmentStatus.PICKED_UP, clock.now())
    response = await client.post(
        "/webhooks/carriers/yto",
        params={"tenant": world.tenant.slug},
        content=sent,
        headers=signed_headers(secret, sent),
    )
    assert response.status_code == 200 and response.json()["result"] == "applied"


async def test_a_shipment_is_a_node(db: Database, world: World, gql: GraphQLClient) -> None:
    shipment = await ship(db, world, world.stores[0])
    gid = str(global_id("Shipment", shipment.id))
    query = "query($id: ID!) { node(id: $id) { ... on Shipment { trackingNumber } } }"
    mine = await gql(query, {"id": gid}, world.franchisees[0].token(gql.settings))
    assert mine["data"]["node"] == {"trackingNumber": shipment.tracking_number}
    theirs = await gql(query, {"id": gid}, world.franchisees[1].token(gql.settings))
    assert theirs["data"]["node"] is None


ORDER_SHIPMENT = """
query($id: ID!) { order(id: $id) { status shipment { trackingNumber status orderId } } }
"""


async def test_an_order_shows_its_shipment_once_shipped(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    store = world.stores[0]
    owner = world.franchisees[0].token(gql.settings)
    waiting = await order_in(db, world, store, OrderStatus.CONFIRMED)
    body = await gql(ORDER_SHIPMENT, {"id": str(global_id("Order", waiting.id))}, owner)
    assert body["data"]["order"] == {"status": "CONFIRMED", "shipment": None}
    shipment = await ship(db, world, store)
    order_id = str(global_id("Order", shipment.order_id))
    body = await gql(ORDER_SHIPMENT, {"id": order_id}, owner)
    assert body["data"]["order"] == {
        "status": "SHIPPED",
        "shipment": {
            "trackingNumber": shipment.tracking_number,
            "status": "CREATED",
            "orderId": order_id,
        },
    }
