"""Orders through GraphQL: the journey, userErrors, permissions, approvals, lists and batching."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from strawberry import relay

from domain.db import Database
from domain.orders.models import Order, OrderStatus
from tests.domain.orders.factories import draft, order_in, set_stock, stock_store
from tests.factories import Member, World, make_world
from tests.factories_service import update_store
from tests.fixtures import GraphQLClient

ORDER_FIELDS = """
  id number status totalUnits totalCost actions approvalState expiresAt closeReason
  budget { budget spent left limit }
  lines { sku { code } recommendedQty proposedQty qty lineCost source changedBy removed
          available reserved reason { mean marginalValue raw } }
  transitions { fromStatus toStatus action reason actorUser { email } }
  approval { id status amount justification decisionReason }
"""
PAYLOAD = f"order {{ {ORDER_FIELDS} }} userErrors {{ field code message }}"


def mutation(name: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {PAYLOAD} }} }}"


SEND = mutation("orderSend", "OrderIdInput")
VIEW = mutation("orderView", "OrderIdInput")
CONFIRM = mutation("orderConfirm", "OrderIdInput")
REJECT = mutation("orderReject", "OrderReasonInput")
CANCEL = mutation("orderCancel", "OrderReasonInput")
EDIT = mutation("orderEdit", "OrderEditInput")
ADJUST = mutation("orderAdjust", "OrderAdjustInput")
DECIDE = """
mutation($input: OrderApprovalDecideInput!) {
  orderApprovalDecide(input: $input) {
    approval { status decisionReason decidedBy { email } }
    order { approvalState }
    userErrors { field code message }
  }
}"""
ORDER = f"query($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"
ORDERS = """
query($first: Int, $after: String, $filter: OrderFilter, $orderBy: OrderOrdering) {
  orders(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { number status merchandiser { email } budget { left }
                   lines { qty available reserved sku { code product { code } } }
                   transitions { action } approval { status } actions } }
  }
}"""


def gid(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


def oid(order: Order) -> str:
    return gid("Order", order.id)


def token(member: Member, gql: GraphQLClient) -> str:
    return member.token(gql.settings)


def people(world: World, store_index: int = 0) -> tuple[Member, Member, Member]:
    """(merchandiser, franchisee, regional manager) of a store of the world."""
    store = world.stores[store_index]
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    manager = next(m for m in world.managers if m.actor.region_id == store.region_id)
    return merchandiser, world.franchisees[store_index], manager


# The journey from a draft to a confirmed order, one step a test: each test drives the steps
# before its own, so one failing step does not hide whether the later ones work.
async def _sent(db: Database, world: World, gql: GraphQLClient) -> Order:
    merchandiser, _, _ = people(world)
    a, b, _ = world.skus[:3]
    order = await draft(db, world, world.stores[0], [(a, 4), (b, 2)])
    sent = (await gql(SEND, {"input": {"id": oid(order)}}, token(merchandiser, gql)))["data"]
    assert sent["orderSend"]["userErrors"] == []
    return order


async def _adjusted(db: Database, world: World, gql: GraphQLClient) -> tuple[Order, Any]:
    order = await _sent(db, world, gql)
    _, franchisee, _ = people(world)
    a, _, c = world.skus[:3]
    await gql(VIEW, {"input": {"id": oid(order)}}, token(franchisee, gql))
    changes = [
        {"skuId": gid("Sku", a.id), "qty": 0},
        {"skuId": gid("Sku", c.id), "qty": 3},
    ]
    adjusted = await gql(
        ADJUST, {"input": {"id": oid(order), "lines": changes}}, token(franchisee, gql)
    )
    return order, adjusted["data"]["orderAdjust"]


async def test_sending_a_draft_proposes_it_with_an_expiry(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, _, _ = people(world)
    a, b, _ = world.skus[:3]
    order = await draft(db, world, world.stores[0], [(a, 4), (b, 2)])

    sent = (await gql(SEND, {"input": {"id": oid(order)}}, token(merchandiser, gql)))["data"]
    assert sent["orderSend"]["userErrors"] == []
    assert sent["orderSend"]["order"]["status"] == "PROPOSED"
    assert sent["orderSend"]["order"]["expiresAt"] is not None


async def test_the_franchisee_sees_the_proposal_with_its_budget_and_reasons(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    order = await _sent(db, world, gql)
    _, franchisee, _ = people(world)

    seen = await gql(ORDER, {"id": oid(order)}, token(franchisee, gql))
    proposal = seen["data"]["order"]
    assert proposal["actions"] == ["VIEW", "ADJUST", "CONFIRM", "REJECT"]
    assert proposal["budget"] == {
        "budget": "10000.00",
        "spent": "540.00",
        "left": "9460.00",
        "limit": "11000.00",
    }
    assert proposal["lines"][0]["reason"] == {
        "mean": 6.0,
        "marginalValue": 12.5,
        "raw": {"mean": 6.0, "marginal_value": 12.5},
    }
    assert proposal["lines"][0]["available"] == 100

    viewed = await gql(VIEW, {"input": {"id": oid(order)}}, token(franchisee, gql))
    assert viewed["data"]["orderView"]["order"]["status"] == "VIEWED"


async def test_the_franchisee_adjusts_the_proposal_line_by_line(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    _, adjusted = await _adjusted(db, world, gql)
    a, _, c = world.skus[:3]

    assert adjusted["userErrors"] == []
    adjusted_order = adjusted["order"]
    assert adjusted_order["budget"]["left"] == "9550.00"
    lines = {line["sku"]["code"]: line for line in adjusted_order["lines"]}
    assert (lines[a.code]["qty"], lines[a.code]["removed"], lines[a.code]["changedBy"]) == (
        0,
        True,
        "FRANCHISEE",
    )
    assert (lines[c.code]["recommendedQty"], lines[c.code]["source"]) == (0, "FRANCHISEE")


async def test_confirming_reserves_the_lines_and_records_every_step(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    order, _ = await _adjusted(db, world, gql)
    _, franchisee, _ = people(world)
    a, b, c = world.skus[:3]

    confirmed = await gql(CONFIRM, {"input": {"id": oid(order)}}, token(franchisee, gql))
    result = confirmed["data"]["orderConfirm"]["order"]
    assert result["status"] == "CONFIRMED"
    assert result["actions"] == []
    assert {line["sku"]["code"]: line["reserved"] for line in result["lines"]} == {
        a.code: 0,
        b.code: 2,
        c.code: 3,
    }
    assert [(t["action"], t["toStatus"]) for t in result["transitions"]] == [
        ("send", "PROPOSED"),
        ("view", "VIEWED"),
        ("confirm", "CONFIRMED"),
    ]
    assert result["transitions"][-1]["actorUser"]["email"] == franchisee.email


async def test_refusals_come_back_as_user_errors_and_change_nothing(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, franchisee, _ = people(world)
    other_franchisee = world.franchisees[1]
    a = world.skus[0]
    order = await order_in(db, world, world.stores[0], OrderStatus.PROPOSED, [(a, 4)])

    no_reason = await gql(
        REJECT, {"input": {"id": oid(order), "reason": " "}}, token(franchisee, gql)
    )
    assert no_reason["data"]["orderReject"] == {
        "order": None,
        "userErrors": [
            {
                "field": "input.reason",
                "code": "REQUIRED",
                "message": "a reason is required to reject an order",
            }
        ],
    }
    not_theirs = await gql(CONFIRM, {"input": {"id": oid(order)}}, token(other_franchisee, gql))
    assert not_theirs["data"]["orderConfirm"]["userErrors"][0]["code"] == "NOT_FOUND"
    again = await gql(SEND, {"input": {"id": oid(order)}}, token(merchandiser, gql))
    assert again["data"]["orderSend"]["userErrors"] == [
        {
            "field": None,
            "code": "INVALID_TRANSITION",
            "message": f"order {order.number} is proposed: it cannot be sent",
        }
    ]
    over = await gql(
        ADJUST,
        {"input": {"id": oid(order), "lines": [{"skuId": gid("Sku", a.id), "qty": 101}]}},
        token(franchisee, gql),
    )
    assert over["data"]["orderAdjust"]["userErrors"] == [
        {
            "field": "input.lines.0.qty",
            "code": "INSUFFICIENT_STOCK",
            "message": f"SKU {a.code}: 101 wanted, only 100 available at HQ",
        }
    ]
    await set_stock(db, world, a, 3)
    short = await gql(CONFIRM, {"input": {"id": oid(order)}}, token(franchisee, gql))
    assert short["data"]["orderConfirm"]["userErrors"] == [
        {
            "field": None,
            "code": "INSUFFICIENT_STOCK",
            "message": f"SKU {a.code}: 4 wanted, only 3 available",
        }
    ]
    still = (await gql(ORDER, {"id": oid(order)}, token(franchisee, gql)))["data"]["order"]
    assert (still["status"], still["lines"][0]["qty"], still["lines"][0]["reserved"]) == (
        "PROPOSED",
        4,
        0,
    )


async def test_an_order_shows_the_store_display_room_live(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    store = await update_store(db, world, world.stores[0], display_capacity=50)
    _, franchisee, _ = people(world)
    a, b = world.skus[:2]
    await stock_store(db, world, store, world.skus[5], 40)
    await stock_store(db, world, world.stores[1], world.skus[5], 7)  # another store's: not counted
    order = await order_in(db, world, store, OrderStatus.PROPOSED, [(a, 4), (b, 2)])
    query = "query($id: ID!) { order(id: $id) { capacity { displayCapacity held room units } } }"

    seen = await gql(query, {"id": oid(order)}, token(franchisee, gql))
    assert seen["data"]["order"]["capacity"] == {
        "displayCapacity": 50,
        "held": 40,
        "room": 10,
        "units": 6,
    }
    cut = await gql(
        ADJUST,
        {"input": {"id": oid(order), "lines": [{"skuId": gid("Sku", a.id), "qty": 0}]}},
        token(franchisee, gql),
    )
    assert cut["data"]["orderAdjust"]["userErrors"] == []
    after = await gql(query, {"id": oid(order)}, token(franchisee, gql))
    assert after["data"]["order"]["capacity"]["units"] == 2


async def test_each_role_reaches_only_its_mutations(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, franchisee, manager = people(world)
    order = await order_in(db, world, world.stores[0], OrderStatus.PROPOSED)
    denied = await gql(CONFIRM, {"input": {"id": oid(order)}}, token(merchandiser, gql))
    assert denied["data"] is None
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    cancel = await gql(CANCEL, {"input": {"id": oid(order), "reason": "x"}}, token(franchisee, gql))
    assert cancel["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    view = await gql(VIEW, {"input": {"id": oid(order)}}, token(manager, gql))
    assert view["data"]["orderView"]["userErrors"][0]["code"] == "FORBIDDEN"
    confirmed = await order_in(db, world, world.stores[0], OrderStatus.CONFIRMED)
    late = await gql(CANCEL, {"input": {"id": oid(confirmed), "reason": "x"}}, token(manager, gql))
    assert late["data"]["orderCancel"]["userErrors"][0]["message"] == (
        "only hq admin, system may move an order to cancelled"
    )
    done = await gql(
        CANCEL, {"input": {"id": oid(confirmed), "reason": "stock recall"}}, token(world.hq, gql)
    )
    assert done["data"]["orderCancel"]["order"]["closeReason"] == "stock recall"
    anonymous = await gql(ORDER, {"id": oid(order)})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_over_budget_edits_wait_for_hq(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, _, manager = people(world)
    a, b = world.skus[:2]
    order = await draft(db, world, world.stores[0])
    lines = [{"skuId": gid("Sku", a.id), "qty": 100}, {"skuId": gid("Sku", b.id), "qty": 30}]
    edited = await gql(
        EDIT,
        {
            "input": {
                "id": oid(order),
                "lines": lines,
                "justification": "flagship reopening",
                "note": "for the reopening",
            }
        },
        token(merchandiser, gql),
    )
    result = edited["data"]["orderEdit"]["order"]
    assert result["approvalState"] == "PENDING"
    assert result["approval"]["status"] == "PENDING"
    assert result["approval"]["justification"] == "flagship reopening"
    assert result["budget"]["left"] == "-1700.00"
    blocked = await gql(SEND, {"input": {"id": oid(order)}}, token(merchandiser, gql))
    assert blocked["data"]["orderSend"]["userErrors"][0]["code"] == "APPROVAL_REQUIRED"

    approval_id = result["approval"]["id"]
    by_manager = await gql(
        DECIDE, {"input": {"id": approval_id, "approve": True}}, token(manager, gql)
    )
    assert by_manager["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    refused = await gql(
        DECIDE, {"input": {"id": approval_id, "approve": False}}, token(world.hq, gql)
    )
    assert refused["data"]["orderApprovalDecide"]["userErrors"][0]["field"] == "input.reason"
    approved = await gql(
        DECIDE,
        {"input": {"id": approval_id, "approve": True, "reason": "ok"}},
        token(world.hq, gql),
    )
    decision = approved["data"]["orderApprovalDecide"]
    assert decision["approval"]["status"] == "APPROVED"
    assert decision["approval"]["decidedBy"]["email"] == world.hq.email
    assert decision["order"]["approvalState"] == "APPROVED"
    sent = await gql(SEND, {"input": {"id": oid(order)}}, token(merchandiser, gql))
    assert sent["data"]["orderSend"]["order"]["status"] == "PROPOSED"


async def test_the_order_history_filters_sorts_and_pages(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    merchandiser, franchisee, manager = people(world)
    store, other_store = world.stores[0], world.stores[1]
    hidden_draft = await draft(db, world, store)
    proposed = await order_in(db, world, store, OrderStatus.PROPOSED)
    confirmed = await order_in(db, world, store, OrderStatus.CONFIRMED)
    elsewhere = await order_in(db, world, other_store, OrderStatus.PROPOSED)
    far_away = await order_in(db, world, world.stores[-1], OrderStatus.PROPOSED)

    async def numbers(member: Member, **variables: Any) -> list[str]:
        body = await gql(ORDERS, variables, token(member, gql))
        assert "errors" not in body, body
        return [e["node"]["number"] for e in body["data"]["orders"]["edges"]]

    assert await numbers(franchisee) == [confirmed.number, proposed.number]
    assert await numbers(franchisee, orderBy="OLDEST") == [proposed.number, confirmed.number]
    assert await numbers(merchandiser, filter={"storeId": gid("Store", store.id)}) == [
        confirmed.number,
        proposed.number,
        hidden_draft.number,
    ]
    assert await numbers(merchandiser, filter={"status": ["PROPOSED"]}) == [
        elsewhere.number,
        proposed.number,
    ]
    assert far_away.number not in await numbers(manager)  # another region
    assert far_away.number in await numbers(
        world.hq, filter={"regionId": gid("Region", world.regions[1].id)}
    )
    assert await numbers(world.hq, filter={"number": confirmed.number[-6:].lower()}) == [
        confirmed.number
    ]
    assert await numbers(world.hq, filter={"createdTo": "2000-01-01T00:00:00+00:00"}) == []
    bad = await gql(
        ORDERS,
        {"filter": {"createdFrom": "2030-01-02T00:00:00Z", "createdTo": "2030-01-01T00:00:00Z"}},
        token(world.hq, gql),
    )
    assert bad["errors"][0]["extensions"] == {"code": "INVALID", "field": "filter.createdTo"}

    hidden = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": oid(hidden_draft)},
        token(franchisee, gql),
    )
    assert hidden["data"]["node"] is None
    assert (await gql(ORDER, {"id": oid(hidden_draft)}, token(franchisee, gql)))["data"][
        "order"
    ] is None

    stranger = await make_world(db, stores_per_merchandiser=1)
    assert await numbers(stranger.hq) == []
    assert (await gql(ORDER, {"id": oid(proposed)}, token(stranger.hq, gql)))["data"][
        "order"
    ] is None


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


async def test_a_page_of_orders_costs_the_same_statements_whatever_its_size(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    for i in range(6):
        await order_in(
            db, world, world.stores[i % 4], OrderStatus.CONFIRMED if i % 2 else OrderStatus.PROPOSED
        )
    hq = token(world.hq, gql)
    with statements(db) as small:
        one = await gql(ORDERS, {"first": 1}, hq)
    with statements(db) as large:
        six = await gql(ORDERS, {"first": 6}, hq)
    assert len(one["data"]["orders"]["edges"]) == 1
    assert len(six["data"]["orders"]["edges"]) == 6
    assert len(large) == len(small)
