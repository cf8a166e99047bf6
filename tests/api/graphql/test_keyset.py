"""Keyset cursors: a page after a cursor seeks past its row's sort key, so rows inserted between
two fetches neither repeat nor hide a row; a tampered or foreign cursor is a clear error."""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from domain.db import Database
from domain.identity.models import Role
from tests.factories import World, make_member, make_store
from tests.fixtures import GraphQLClient

STORES = """
query($first: Int, $after: String, $orderBy: StoreOrderInput) {
  stores(first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { code budget } }
  }
}"""
MERCHANDISERS = """
query($first: Int, $after: String) {
  merchandisers(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { email } }
  }
}"""


def codes(body: dict[str, Any]) -> list[str]:
    return [e["node"]["code"] for e in body["data"]["stores"]["edges"]]


async def _walk(gql: GraphQLClient, token: str, size: int, **variables: Any) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        body = await gql(STORES, {"first": size, "after": after, **variables}, token)
        seen += codes(body)
        info = body["data"]["stores"]["pageInfo"]
        if not info["hasNextPage"]:
            return seen
        after = info["endCursor"]


async def test_rows_inserted_between_two_pages_neither_repeat_nor_hide_one(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    everyone = sorted(s.code for s in world.stores)
    first = await gql(STORES, {"first": 3}, token)
    assert codes(first) == everyone[:3]
    cursor = first["data"]["stores"]["pageInfo"]["endCursor"]
    last_seen = everyone[2]

    region = world.regions[0]
    before = await make_store(db, world.tenant, region, code=f"0{last_seen}")  # sorts first
    right_after = await make_store(db, world.tenant, region, code=f"{last_seen}0")
    at_the_end = await make_store(db, world.tenant, region, code=f"~{last_seen}")

    rest = await gql(STORES, {"first": 50, "after": cursor}, token)
    page = rest["data"]["stores"]
    assert page["pageInfo"]["hasPreviousPage"] and not page["pageInfo"]["hasNextPage"]
    expected = sorted([*everyone[3:], right_after.code, at_the_end.code])
    assert codes(rest) == expected  # the rows after the cursor: none twice, none missing
    assert before.code not in codes(rest)
    assert page["totalCount"] == len(everyone) + 3


async def test_walking_page_by_page_gives_the_whole_list_in_any_order(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    # Ties on the sort key: the id breaks them, pages still meet exactly.
    for budget in ("500.00", "500.00", "500.00"):
        await make_store(db, world.tenant, world.regions[1], budget=Decimal(budget))
    for order in (
        {"field": "CODE", "descending": False},
        {"field": "BUDGET", "descending": True},
        {"field": "NAME", "descending": False},
        {"field": "CREATED", "descending": True},
        {"field": "TIER", "descending": False},
    ):
        whole = codes(await gql(STORES, {"first": 200, "orderBy": order}, token))
        assert await _walk(gql, token, 2, orderBy=order) == whole, order
        assert len(set(whole)) == len(whole)


async def test_an_ordering_on_an_expression_pages_too(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    # Merchandisers are ordered by how many stores they serve (a subquery), then name and id.
    for _ in range(3):
        await make_member(db, world.tenant, Role.MERCHANDISER, world.regions[0])
    token = world.hq.token(gql.settings)
    whole = await gql(MERCHANDISERS, {"first": 200}, token)
    emails = [e["node"]["email"] for e in whole["data"]["merchandisers"]["edges"]]
    walked: list[str] = []
    after = None
    while True:
        body = await gql(MERCHANDISERS, {"first": 2, "after": after}, token)
        walked += [e["node"]["email"] for e in body["data"]["merchandisers"]["edges"]]
        if not body["data"]["merchandisers"]["pageInfo"]["hasNextPage"]:
            break
        after = body["data"]["merchandisers"]["pageInfo"]["endCursor"]
    assert walked == emails and len(emails) == len(world.merchandisers) + 3


async def test_a_tampered_or_foreign_cursor_is_refused_by_name(
    world: World, gql: GraphQLClient
) -> None:
    token = world.hq.token(gql.settings)
    page = await gql(STORES, {"first": 2}, token)
    cursor = page["data"]["stores"]["pageInfo"]["endCursor"]

    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[-3] ^= 1  # one bit of the sort key changed
    tampered = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    for bad in (tampered, "not a cursor", base64.b64encode(b"offset:3").decode()):
        body = await gql(STORES, {"first": 2, "after": bad}, token)
        assert body["data"] is None
        (error,) = body["errors"]
        assert error["extensions"]["field"] == "after", error
        assert "invalid cursor" in error["message"]

    by_budget = {"field": "BUDGET", "descending": True}
    body = await gql(STORES, {"first": 2, "after": cursor, "orderBy": by_budget}, token)
    (error,) = body["errors"]
    assert "another list or ordering" in error["message"]
    body = await gql(MERCHANDISERS, {"first": 2, "after": cursor}, token)
    assert "another list or ordering" in body["errors"][0]["message"]
