"""File imports and bulk catalogue upserts through GraphQL: all or nothing, every problem located."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from domain.catalogue.models import Product
from domain.db import Database
from domain.imports.tabular import write_table
from domain.sales.models import DailySale
from domain.tenancy.session import tenant_session
from tests.factories import World, system
from tests.fixtures import GraphQLClient, UploadFile

IMPORT = """
mutation($input: DataImportInput!) {
  dataImport(input: $input) {
    rows created updated counted written
    rowErrors { row column code message }
    userErrors { field code message }
  }
}"""

UPSERT = """
mutation($input: ProductsUpsertInput!) {
  productsUpsert(input: $input) { count created updated userErrors { field code message } }
}"""


def sales_csv(world: World, qty: str = "2") -> str:
    out = io.StringIO()
    write_table(None, ["store_code", "sku_code", "day", "qty"], [
        [world.stores[0].code, world.skus[0].code, "2026-03-02", qty],
        [world.stores[1].code, world.skus[1].code, "2026-03-02", "1"],
    ], stdout=out)  # fmt: skip
    return base64.b64encode(out.getvalue().encode()).decode()


def xlsx(path: Path, world: World) -> str:
    write_table(
        path,
        ["store_code", "sku_code", "day", "qty"],
        [[world.stores[0].code, world.skus[2].code, "2026-03-03", 4]],
    )
    return base64.b64encode(path.read_bytes()).decode()


async def sales_count(db: Database, world: World) -> int:
    async with tenant_session(db, system(world.tenant)) as session:
        return int(await session.scalar(select(func.count()).select_from(DailySale)) or 0)


async def test_hq_imports_a_sales_file(
    gql: GraphQLClient, db: Database, world: World, tmp_path: Path
) -> None:
    token = world.hq.token(gql.settings)
    payload = {"kind": "SALES", "fileName": "pos.csv", "contentBase64": sales_csv(world)}
    body = await gql(IMPORT, {"input": payload}, token=token)
    result = body["data"]["dataImport"]
    assert result == {
        "rows": 2, "created": 2, "updated": 0, "counted": "daily sales", "written": True,
        "rowErrors": [], "userErrors": [],
    }  # fmt: skip
    payload = {
        "kind": "SALES",
        "fileName": "more.xlsx",
        "contentBase64": xlsx(tmp_path / "x.xlsx", world),
    }
    body = await gql(IMPORT, {"input": payload}, token=token)
    assert body["data"]["dataImport"]["created"] == 1
    assert await sales_count(db, world) == 3


async def test_a_bad_row_is_reported_and_nothing_is_written(
    gql: GraphQLClient, db: Database, world: World
) -> None:
    payload = {
        "kind": "SALES",
        "fileName": "pos.csv",
        "contentBase64": sales_csv(world, qty="lots"),
    }
    body = await gql(IMPORT, {"input": payload}, token=world.hq.token(gql.settings))
    result = body["data"]["dataImport"]
    assert result["written"] is False
    assert result["rowErrors"] == [
        {"row": 2, "column": "qty", "code": "INVALID", "message": "'lots' is not a whole number"}
    ]
    assert result["userErrors"][0]["field"] == "input.contentBase64"
    assert await sales_count(db, world) == 0


async def test_a_file_that_cannot_be_read_is_an_input_error(
    gql: GraphQLClient, world: World
) -> None:
    token = world.hq.token(gql.settings)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"fileName": "pos.txt", "contentBase64": sales_csv(world)}, "input.fileName"),
        ({"fileName": "pos.csv", "contentBase64": "***"}, "input.contentBase64"),
        ({"fileName": "pos.xlsx", "contentBase64": sales_csv(world)}, "input.contentBase64"),
    ]
    for changes, field in cases:
        body = await gql(IMPORT, {"input": {"kind": "SALES", **changes}}, token=token)
        errors = body["data"]["dataImport"]["userErrors"]
        assert [e["field"] for e in errors] == [field], errors


async def test_a_franchisee_may_not_import_stock(gql: GraphQLClient, world: World) -> None:
    payload = {"kind": "STOCK", "fileName": "stock.csv", "contentBase64": sales_csv(world)}
    body = await gql(IMPORT, {"input": payload}, token=world.franchisees[0].token(gql.settings))
    assert body["data"]["dataImport"]["userErrors"][0]["code"] == "FORBIDDEN"


def style(code: str, barcode: str | None = None) -> dict[str, Any]:
    return {
        "code": code, "name": "羊毛大衣", "category": "coats", "retailPrice": "899", "unitCost": "350",
        "season": "AUTUMN_WINTER",
        "skus": [{"code": f"{code}-BLK-M", "colour": "black", "size": "M", "barcode": barcode}],
    }  # fmt: skip


async def test_products_upsert_writes_all_styles_or_none(
    gql: GraphQLClient, db: Database, world: World
) -> None:
    token = world.hq.token(gql.settings)
    bad = {"input": {"products": [style("UP-1"), style("UP-2", barcode="6901234567890")]}}
    body = await gql(UPSERT, bad, token=token)
    result = body["data"]["productsUpsert"]
    assert result["count"] == 0
    assert [e["field"] for e in result["userErrors"]] == ["input.products[1].skus[0].barcode"]
    good = {"input": {"products": [style("UP-1"), style("UP-2", barcode="6901234567892")]}}
    body = await gql(UPSERT, good, token=token)
    assert body["data"]["productsUpsert"] == {
        "count": 2,
        "created": 2,
        "updated": 0,
        "userErrors": [],
    }
    async with tenant_session(db, system(world.tenant)) as session:
        assert (
            await session.scalar(
                select(func.count()).select_from(Product).where(Product.code.like("UP-%"))
            )
            == 2
        )
    dry = {"input": {"products": [style("UP-1")], "dryRun": True}}
    body = await gql(UPSERT, dry, token=token)
    assert body["data"]["productsUpsert"]["updated"] == 1


WARNED_IMPORT = """
mutation($input: DataImportInput!) {
  dataImport(input: $input) {
    written
    rowErrors { row column code }
    rowWarnings { row column message }
  }
}"""


async def test_cells_a_spreadsheet_would_run_are_imported_with_a_warning(
    gql: GraphQLClient, db: Database, world: World
) -> None:
    from domain.stores.models import Store

    rows = [
        f'code,name,budget\r\n{world.stores[0].code},=HYPERLINK("http://x"),100\r\n',
        f"{world.stores[1].code},@SUM(A1),lots\r\n",
    ]
    token = world.hq.token(gql.settings)

    async def send(text: str) -> dict[str, Any]:
        content = base64.b64encode(text.encode()).decode()
        payload = {"kind": "STORES", "fileName": "stores.csv", "contentBase64": content}
        body = await gql(WARNED_IMPORT, {"input": payload}, token=token)
        result: dict[str, Any] = body["data"]["dataImport"]
        return result

    refused = await send("".join(rows))  # the warnings come with the errors too
    assert refused["rowErrors"] == [{"row": 3, "column": "budget", "code": "INVALID"}]
    assert [(w["row"], w["column"]) for w in refused["rowWarnings"]] == [(2, "name"), (3, "name")]
    written = await send(rows[0])
    assert written["written"] is True
    assert written["rowWarnings"] == [
        {
            "row": 2,
            "column": "name",
            "message": "starts with '=': kept as text, but a spreadsheet would run it as a formula",
        }
    ]
    async with tenant_session(db, system(world.tenant)) as session:
        store = await session.get(Store, world.stores[0].id)
    assert store is not None and store.name == '=HYPERLINK("http://x")'


def _big_sales_csv(world: World, rows: int) -> bytes:
    out = io.StringIO()
    days = [f"2026-0{1 + i // 28}-{1 + i % 28:02d}" for i in range(rows)]
    write_table(
        None,
        ["store_code", "sku_code", "day", "qty"],
        [[world.stores[0].code, world.skus[0].code, day, "1"] for day in days],
        stdout=out,
    )
    body = out.getvalue().encode()
    return body + b"\n" * max(0, 300 * 1024 - len(body))  # past the body limit


async def test_a_file_past_the_body_limit_is_imported_as_a_multipart_upload(
    gql: GraphQLClient, world: World
) -> None:
    content = _big_sales_csv(world, 200)
    assert len(content) > 256 * 1024
    token = world.hq.token(gql.settings)
    answer = await gql(
        IMPORT,
        {
            "input": {
                "kind": "SALES",
                "fileName": "sales.csv",
                "file": UploadFile("sales.csv", content),
                "dryRun": True,
            }
        },
        token,
    )
    result = answer["data"]["dataImport"]
    assert result["userErrors"] == [] and result["rows"] == 200, result
    # As base64 in a JSON request the same file is over the body limit: 413, nothing parsed.
    refused = await gql.http.post(
        "/graphql",
        json={
            "query": IMPORT,
            "variables": {
                "input": {
                    "kind": "SALES",
                    "fileName": "sales.csv",
                    "contentBase64": base64.b64encode(content).decode(),
                }
            },
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 413


async def test_the_file_is_sent_once_either_way(gql: GraphQLClient, world: World) -> None:
    token = world.hq.token(gql.settings)
    neither = await gql(IMPORT, {"input": {"kind": "SALES", "fileName": "s.csv"}}, token)
    assert neither["data"]["dataImport"]["userErrors"] == [
        {
            "field": "input.file",
            "code": "REQUIRED",
            "message": "send the file once: as a multipart upload (file) or base64 (contentBase64)",
        }
    ]
    both = await gql(
        IMPORT,
        {
            "input": {
                "kind": "SALES",
                "fileName": "s.csv",
                "contentBase64": sales_csv(world),
                "file": UploadFile("s.csv", b"store_code\n"),
            }
        },
        token,
    )
    assert both["data"]["dataImport"]["userErrors"][0]["code"] == "REQUIRED"
