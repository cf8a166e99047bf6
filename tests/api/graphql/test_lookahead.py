"""Selection lookahead: relations preloaded with a page and columns left unread give the same
answers as loading everything, whatever the shape of the selection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from domain.db import Database
from tests.domain.orders.factories import draft
from tests.factories import World
from tests.fixtures import GraphQLClient

# Fragments, an inline fragment and an alias: the lookahead must see through all three.
STORES = """
query { stores(first: 50) { edges { node { id ...Place boss: merchandiser { name } } } } }
fragment Place on Store { code ... on Store { region { name code } } }
"""
ONE_STORE = "query($id: ID!) { store(id: $id) { region { name code } merchandiser { name } } }"
LINES = """
query { orders(first: 10) { edges { node { number lines {
  qty recommendedQty unitCost lineCost sku { code colour size } %s } } } } }
"""


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)


async def test_a_page_of_stores_preloads_what_fragments_and_aliases_ask_for(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    hq = world.hq.token(gql.settings)
    with statements(db) as seen:
        page = await gql(STORES, token=hq)
    assert "errors" not in page
    nodes = [e["node"] for e in page["data"]["stores"]["edges"]]
    assert len(nodes) == len(world.stores)
    for node in nodes:
        # The same store on its own (no page, so no preloading) answers the same.
        alone = (await gql(ONE_STORE, {"id": node["id"]}, token=hq))["data"]["store"]
        assert node["region"] == alone["region"] and node["region"]["name"]
        assert node["boss"] == alone["merchandiser"]
    # One statement each for the regions and the merchandisers, none reading password hashes.
    assert not any("password_hash" in s for s in seen)
    assert sum("FROM users" in s for s in seen) == 1
    assert sum("FROM regions" in s for s in seen) == 1
    # The page reads the columns the selection needs, not the store's whole profile.
    page_sql = [s for s in seen if "FROM stores" in s and "LIMIT" in s]
    assert page_sql and all("stores.code" in s for s in page_sql)
    assert not any("stores.custom_fields" in s or "stores.address" in s for s in page_sql), (
        "\n".join(page_sql)
    )


async def test_order_lines_without_their_reason_leave_it_unread_and_answer_the_same(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    for store in world.stores[:3]:
        await draft(db, world, store)
    hq = world.hq.token(gql.settings)
    with statements(db) as lean_statements:
        lean = await gql(LINES % "", token=hq)
    with statements(db) as full_statements:
        full = await gql(LINES % "reason { kind }", token=hq)
    assert "errors" not in lean and "errors" not in full
    lean_orders = lean["data"]["orders"]["edges"]
    full_orders = full["data"]["orders"]["edges"]
    assert len(lean_orders) == 3
    for a, b in zip(lean_orders, full_orders, strict=True):
        assert a["node"]["number"] == b["node"]["number"]
        assert len(a["node"]["lines"]) == 2
        for line_a, line_b in zip(a["node"]["lines"], b["node"]["lines"], strict=True):
            assert line_a == {k: v for k, v in line_b.items() if k != "reason"}
            assert line_a["sku"]["code"] and line_b["reason"] is not None
    lines_sql = [s for s in lean_statements if "FROM order_lines" in s]
    assert lines_sql and all("order_lines.reason" not in s for s in lines_sql)
    assert any("order_lines.reason" in s for s in full_statements if "FROM order_lines" in s)
    # The SKUs of every line of the page: one statement.
    assert sum("FROM skus" in s for s in lean_statements) == 1


async def test_a_line_looked_up_by_id_loads_its_sku_when_asked(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    await draft(db, world, world.stores[0])
    hq = world.hq.token(gql.settings)
    page = await gql(LINES % "id", token=hq)
    line = page["data"]["orders"]["edges"][0]["node"]["lines"][0]
    found = await gql(
        "query($id: ID!) { node(id: $id) { ... on OrderLine { qty sku { code } } } }",
        {"id": line["id"]},
        token=hq,
    )
    assert "errors" not in found
    assert found["data"]["node"] == {"qty": line["qty"], "sku": {"code": line["sku"]["code"]}}


WORKLIST = """query { worklist(first: 20) { totalCount edges { node {
  kind storeName storeCode orderNumber } } } }"""


async def test_a_worklist_page_reads_its_stores_and_orders_once(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    drafts = [await draft(db, world, store) for store in world.stores[:3]]
    hq = world.hq.token(gql.settings)
    with statements(db) as seen:
        page = await gql(WORKLIST, token=hq)
    assert "errors" not in page
    nodes = [e["node"] for e in page["data"]["worklist"]["edges"]]
    by_number = {o.number: o for o in drafts}
    codes = {s.id: s.code for s in world.stores}
    names = {s.id: s.name for s in world.stores}
    shown = [n for n in nodes if n["orderNumber"] in by_number]
    assert len(shown) == 3
    for node in shown:
        store_id = by_number[node["orderNumber"]].store_id
        assert (node["storeCode"], node["storeName"]) == (codes[store_id], names[store_id])
    # The page's stores in one statement, its orders' numbers in another: just those columns.
    store_sql = [s for s in seen if "FROM stores" in s and "stores.code" in s and "UNION" not in s]
    assert len(store_sql) == 1 and "stores.custom_fields" not in store_sql[0]
    assert sum("orders.number" in s and "UNION" not in s for s in seen) == 1
