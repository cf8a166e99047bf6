"""The catalogue through GraphQL: styles with SKUs, validation, permissions, isolation, batching."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from domain.db import Database
from domain.identity.keys import create_api_key
from domain.tenancy.session import tenant_session
from tests.factories import World, make_skus, make_world, unique
from tests.fixtures import GraphQLClient

CREATE = """
mutation($input: ProductCreateInput!) {
  productCreate(input: $input) {
    product { id code season retailPrice skus { code barcode packSize product { code } } }
    userErrors { field code message }
  }
}"""

UPDATE = """
mutation($input: ProductUpdateInput!) {
  productUpdate(input: $input) {
    product { name skus { code size } }
    userErrors { field code message }
  }
}"""

PRODUCTS = """
query($first: Int, $after: String, $filter: ProductFilter) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { code category skus { code } } }
  }
}"""

GOOD_EAN = "4006381333931"


def new_style(code: str, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name": "Linen shirt",
        "category": "shirts",
        "season": "SPRING_SUMMER",
        "retailPrice": "259.00",
        "unitCost": "99.50",
        "skus": [
            {"code": f"{code}-W-M", "colour": "white", "size": "M", "barcode": GOOD_EAN},
            {"code": f"{code}-W-L", "colour": "white", "size": "L", "packSize": 2},
        ],
        **extra,
    }


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


async def test_hq_creates_a_style_with_skus(world: World, gql: GraphQLClient) -> None:
    code = unique("P")
    body = await gql(CREATE, {"input": new_style(code)}, world.hq.token(gql.settings))
    payload = body["data"]["productCreate"]
    assert payload["userErrors"] == []
    product = payload["product"]
    assert (product["code"], product["season"], product["retailPrice"]) == (
        code,
        "SPRING_SUMMER",
        "259.00",
    )
    assert [
        (s["code"], s["barcode"], s["packSize"], s["product"]["code"]) for s in product["skus"]
    ] == [
        (f"{code}-W-M", GOOD_EAN, 1, code),
        (f"{code}-W-L", None, 2, code),
    ]


async def test_bad_skus_are_refused_naming_each_field_and_nothing_is_created(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    code = unique("P")
    style = new_style(code, retailPrice="0")
    style["skus"][0]["barcode"] = "4006381333932"
    style["skus"][1].update(packSize=0, barcode=world.skus[0].barcode)
    style["skus"].append({"code": f"{code}-W-M", "colour": "white", "size": "S"})
    payload = (await gql(CREATE, {"input": style}, token))["data"]["productCreate"]
    assert payload["product"] is None
    assert {(e["field"], e["code"]) for e in payload["userErrors"]} == {
        ("input.retailPrice", "INVALID"),
        ("input.skus[0].barcode", "INVALID"),
        ("input.skus[1].packSize", "INVALID"),
        ("input.skus[1].barcode", "DUPLICATE"),
        ("input.skus[2].code", "DUPLICATE"),
    }
    listed = await gql(PRODUCTS, {"filter": {"search": code}}, token)
    assert listed["data"]["products"]["totalCount"] == 0


async def test_update_adds_a_size_and_keeps_the_others(world: World, gql: GraphQLClient) -> None:
    token = world.hq.token(gql.settings)
    code = unique("P")
    created = (await gql(CREATE, {"input": new_style(code)}, token))["data"]["productCreate"][
        "product"
    ]
    changes = {
        "id": created["id"],
        "name": "Linen shirt II",
        "skus": [{"code": f"{code}-W-XL", "colour": "white", "size": "XL"}],
    }
    payload = (await gql(UPDATE, {"input": changes}, token))["data"]["productUpdate"]
    assert payload["userErrors"] == []
    assert payload["product"]["name"] == "Linen shirt II"
    assert [s["size"] for s in payload["product"]["skus"]] == ["M", "L", "XL"]


async def test_products_filter_and_page_with_skus_in_constant_statements(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    await make_skus(db, world.tenant, n_styles=6, category="denim")
    token = world.hq.token(gql.settings)
    first = await gql(PRODUCTS, {"first": 4, "filter": {"category": "denim"}}, token)
    page = first["data"]["products"]
    assert page["totalCount"] == 6 and page["pageInfo"]["hasNextPage"]
    assert all(len(e["node"]["skus"]) == 3 for e in page["edges"])
    rest = await gql(
        PRODUCTS,
        {"first": 4, "after": page["pageInfo"]["endCursor"], "filter": {"category": "denim"}},
        token,
    )
    assert len(rest["data"]["products"]["edges"]) == 2
    with statements(db) as small:
        await gql(PRODUCTS, {"first": 1}, token)
    with statements(db) as large:
        await gql(PRODUCTS, {"first": 8}, token)
    assert len(large) == len(small)
    by_barcode = await gql(PRODUCTS, {"filter": {"search": world.skus[0].barcode}}, token)
    assert by_barcode["data"]["products"]["totalCount"] == 1


async def test_skus_filter_by_barcode(world: World, gql: GraphQLClient) -> None:
    query = "query($f: SkuFilter) { skus(filter: $f) { totalCount edges { node { code } } } }"
    body = await gql(
        query, {"f": {"barcode": world.skus[4].barcode}}, world.franchisees[0].token(gql.settings)
    )
    assert [e["node"]["code"] for e in body["data"]["skus"]["edges"]] == [world.skus[4].code]


async def test_merchandiser_may_read_but_not_change_the_catalogue(
    world: World, gql: GraphQLClient
) -> None:
    token = world.merchandisers[0].token(gql.settings)
    body = await gql(CREATE, {"input": new_style(unique("P"))}, token)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    listed = await gql(PRODUCTS, {}, token)
    assert listed["data"]["products"]["totalCount"] == 2


async def test_catalogue_key_scope_is_enforced(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    async with tenant_session(db, world.hq.actor) as session:
        writer = await create_api_key(session, world.hq.actor, "ERP", ["catalogue:write"])
        reader = await create_api_key(session, world.hq.actor, "POS", ["sales:write"])
        await session.commit()
    ok = await gql(CREATE, {"input": new_style(unique("P"))}, **{"X-Api-Key": writer.secret})
    assert ok["data"]["productCreate"]["userErrors"] == []
    refused = await gql(CREATE, {"input": new_style(unique("P"))}, **{"X-Api-Key": reader.secret})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_styles_of_another_tenant_are_invisible(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    other = await make_world(db)
    token = world.hq.token(gql.settings)
    created = (await gql(CREATE, {"input": new_style(unique("P"))}, token))["data"][
        "productCreate"
    ]["product"]
    query = "query($id: ID!) { product(id: $id) { code } }"
    assert (await gql(query, {"id": created["id"]}, other.hq.token(gql.settings)))["data"][
        "product"
    ] is None
    same_code = new_style(created["code"])
    payload = (await gql(CREATE, {"input": same_code}, other.hq.token(gql.settings)))["data"][
        "productCreate"
    ]
    assert payload["userErrors"] == []  # codes are unique per tenant, not across tenants
