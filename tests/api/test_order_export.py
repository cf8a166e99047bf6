"""`GET /orders/{id}/export.csv|.xlsx`: the franchisee's copy of an order."""

from __future__ import annotations

import csv
import io

import httpx
import openpyxl
from strawberry import relay

from domain.db import Database
from domain.orders.models import OrderStatus
from domain.settings import Settings
from tests.domain.orders.factories import adjust, cast, order_in
from tests.factories import World


def url(order_id: int, suffix: str) -> str:
    return f"/orders/{relay.GlobalID('Order', str(order_id))}/export.{suffix}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_the_franchisee_downloads_the_order_as_csv_and_xlsx(
    db: Database, world: World, client: httpx.AsyncClient, settings: Settings
) -> None:
    store = world.stores[0]
    a, b = world.skus[:2]
    order = await order_in(db, world, store, OrderStatus.PROPOSED, [(a, 4), (b, 2)])
    await adjust(db, cast(world, store).franchisee, order, {a: 0, b: 3})
    token = world.franchisees[0].token(settings)

    response = await client.get(url(order.id, "csv"), headers=bearer(token))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="{order.number}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [
        (r["sku_code"], r["recommended_qty"], r["proposed_qty"], r["qty"], r["line_cost"])
        for r in rows
    ] == [
        (a.code, "4", "4", "0", "0.00"),
        (b.code, "2", "2", "3", "270.00"),
    ]
    assert {r["order"] for r in rows} == {order.number}
    assert {r["status"] for r in rows} == {"viewed"}
    assert {r["store_code"] for r in rows} == {store.code}

    workbook = await client.get(url(order.id, "xlsx"), headers=bearer(token))
    assert workbook.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    assert header[:5] == ["order", "status", "store_code", "store", "sku_code"]
    qty, cost = header.index("qty"), header.index("line_cost")
    assert [(row[qty], row[cost]) for row in values[1:]] == [(0, 0), (3, 270)]


async def test_the_export_is_for_those_who_may_read_the_order(
    db: Database, world: World, client: httpx.AsyncClient, settings: Settings
) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.PROPOSED)
    draft = await order_in(db, world, store, OrderStatus.DRAFT)
    owner = world.franchisees[0].token(settings)
    other = world.franchisees[1].token(settings)

    anonymous = await client.get(url(order.id, "csv"))
    assert (anonymous.status_code, anonymous.json()["error"]) == (401, "UNAUTHENTICATED")
    stranger = await client.get(url(order.id, "csv"), headers=bearer(other))
    assert (stranger.status_code, stranger.json()["error"]) == (404, "NOT_FOUND")
    unsent = await client.get(url(draft.id, "csv"), headers=bearer(owner))
    assert unsent.status_code == 404
    wrong = await client.get(url(order.id, "pdf"), headers=bearer(owner))
    assert (wrong.status_code, wrong.json()["field"]) == (400, "format")
    garbage = await client.get("/orders/nonsense/export.csv", headers=bearer(owner))
    assert garbage.status_code == 400
    expired_token = await client.get(url(order.id, "csv"), headers=bearer("not-a-token"))
    assert expired_token.status_code == 401
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    staff = await client.get(url(draft.id, "csv"), headers=bearer(merchandiser.token(settings)))
    assert staff.status_code == 200


async def test_a_store_name_that_is_a_formula_is_exported_as_text(
    db: Database, world: World, client: httpx.AsyncClient, settings: Settings
) -> None:
    from domain.stores.models import Store
    from domain.tenancy.session import tenant_session
    from tests.factories import system

    payload = "=cmd|' /C calc'!A0"
    store = world.stores[0]
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Store, store.id)
        assert row is not None
        row.name = payload
        await session.commit()
    order = await order_in(db, world, store, OrderStatus.PROPOSED, [(world.skus[0], 2)])
    token = world.franchisees[0].token(settings)

    response = await client.get(url(order.id, "csv"), headers=bearer(token))
    [line] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert line["store"] == "'" + payload and line["qty"] == "2"

    workbook = await client.get(url(order.id, "xlsx"), headers=bearer(token))
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    header, cells = [c.value for c in sheet[1]], sheet[2]
    store_cell, qty_cell = cells[header.index("store")], cells[header.index("qty")]
    assert (store_cell.data_type, store_cell.value) == ("s", payload)
    assert (qty_cell.data_type, qty_cell.value) == ("n", 2)
