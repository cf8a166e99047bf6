"""Orders through GraphQL as their users meet them: the buttons, asking HQ, HQ's worklist."""

from __future__ import annotations

from typing import Any

from domain.db import Database
from domain.orders.models import OrderStatus
from domain.orders.states import Action
from tests.api.graphql.test_orders import (
    ADJUST,
    DECIDE,
    EDIT,
    ORDER,
    gid,
    oid,
    people,
    token,
)
from tests.domain.orders.factories import act, cast, draft, order_in
from tests.factories import World
from tests.fixtures import GraphQLClient

ORDERS_BY_APPROVAL = """
query($states: [OrderApprovalState!]) {
  orders(filter: {approvalState: $states}) { totalCount edges { node { number } } }
}"""
WORKLIST = """
{ worklist(first: 50) { edges { node {
    kind score orderNumber rejectionReason unreadMessages storeCode
    approval { amount justification status }
} } } }"""


def nodes(result: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return [edge["node"] for edge in result["data"][field]["edges"]]


async def test_a_viewed_proposal_offers_what_the_franchisee_may_do(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    _, franchisee, _ = people(world)
    order = await order_in(db, world, world.stores[0], OrderStatus.VIEWED)
    seen = (await gql(ORDER, {"id": oid(order)}, token(franchisee, gql)))["data"]["order"]
    assert seen["actions"] == ["ADJUST", "CONFIRM", "REJECT"]
    cut = [{"skuId": gid("Sku", world.skus[0].id), "qty": 0}]
    adjusted = await gql(
        ADJUST, {"input": {"id": oid(order), "lines": cut}}, token(franchisee, gql)
    )
    assert adjusted["data"]["orderAdjust"]["userErrors"] == []


async def test_asking_hq_takes_a_justification_and_hq_decides_by_the_order(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, _, _ = people(world)
    a, b = world.skus[:2]
    order = await draft(db, world, world.stores[0])
    over = {
        "id": oid(order),
        "lines": [{"skuId": gid("Sku", a.id), "qty": 100}, {"skuId": gid("Sku", b.id), "qty": 23}],
    }
    silent = (await gql(EDIT, {"input": over}, token(merchandiser, gql)))["data"]["orderEdit"]
    assert silent["order"] is None
    assert [(e["field"], e["code"]) for e in silent["userErrors"]] == [
        ("input.justification", "REQUIRED")
    ]
    asked = await gql(
        EDIT, {"input": {**over, "justification": "opening week"}}, token(merchandiser, gql)
    )
    result = asked["data"]["orderEdit"]["order"]
    assert result["approvalState"] == "PENDING"
    assert result["actions"] == ["EDIT", "CANCEL"]  # not SEND: HQ has not approved

    hq = token(world.hq, gql)
    pending = await gql(ORDERS_BY_APPROVAL, {"states": ["PENDING"]}, hq)
    assert [n["number"] for n in nodes(pending, "orders")] == [order.number]
    others = await gql(ORDERS_BY_APPROVAL, {"states": ["NOT_NEEDED", "REFUSED"]}, hq)
    assert order.number not in [n["number"] for n in nodes(others, "orders")]
    work = [
        n
        for n in nodes(await gql(WORKLIST, token=hq), "worklist")
        if n["kind"] == "APPROVAL_PENDING"
    ]
    assert work == [
        {
            "kind": "APPROVAL_PENDING",
            "score": 52,
            "orderNumber": order.number,
            "rejectionReason": None,
            "unreadMessages": 0,
            "storeCode": world.stores[0].code,
            "approval": {
                "amount": "11070.00",
                "justification": "opening week",
                "status": "PENDING",
            },
        }
    ]

    decided = await gql(DECIDE, {"input": {"id": oid(order), "approve": True}}, hq)
    assert decided["data"]["orderApprovalDecide"]["userErrors"] == []
    assert decided["data"]["orderApprovalDecide"]["approval"]["status"] == "APPROVED"
    again = await gql(DECIDE, {"input": {"id": oid(order), "approve": True}}, hq)
    assert [
        (e["field"], e["code"]) for e in again["data"]["orderApprovalDecide"]["userErrors"]
    ] == [("input.id", "NOT_FOUND")]
    approved = await gql(ORDERS_BY_APPROVAL, {"states": ["APPROVED"]}, hq)
    assert [n["number"] for n in nodes(approved, "orders")] == [order.number]
    seen = await gql(ORDER, {"id": oid(order)}, token(merchandiser, gql))
    assert seen["data"]["order"]["actions"] == ["EDIT", "SEND", "CANCEL"]


async def test_the_merchandiser_sees_the_rejection_and_its_reason(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, _, _ = people(world)
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.PROPOSED)
    await act(db, cast(world, store).franchisee, order, Action.REJECT, reason="too many coats")
    work = nodes(await gql(WORKLIST, token=token(merchandiser, gql)), "worklist")
    assert [(n["kind"], n["orderNumber"], n["rejectionReason"]) for n in work] == [
        ("ORDER_REJECTED", order.number, "too many coats")
    ]


async def test_a_line_reason_is_worded_in_the_readers_language(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    _, franchisee, _ = people(world)
    order = await order_in(db, world, world.stores[0], OrderStatus.PROPOSED)
    query = "query($id: ID!) { order(id: $id) { lines { reason { text kind } } } }"
    tok = token(franchisee, gql)
    english = await gql(query, {"id": oid(order)}, tok, **{"Accept-Language": "en-GB,en;q=0.8"})
    chinese = await gql(query, {"id": oid(order)}, tok)  # the tenant's language
    [en, *_] = english["data"]["order"]["lines"]
    [zh, *_] = chinese["data"]["order"]["lines"]
    # the factory's reason (mean, last unit worth 12.5) has no kind nor horizon: what it has
    assert en["reason"] == {"kind": None, "text": "The last unit adds 12.50 of expected margin."}
    assert zh["reason"]["text"] == "最后一件预计带来 12.50 毛利。"
