"""The merchandiser console's example operations: valid against the schema, and they work.

The page itself is the front-end bundle's (tests/api/web, and in a browser tests/e2e).
"""

from __future__ import annotations

import httpx
from graphql import parse, validate

from api.graphql.console import CONSOLE_DIR
from api.graphql.schema import build_schema
from domain.settings import Settings
from tests.api.graphql.test_stores import gid
from tests.factories import PASSWORD, World
from tests.fixtures import GraphQLClient

EXAMPLES = sorted((CONSOLE_DIR / "examples").glob("*.graphql"))


def operation(name: str) -> str:
    return next(p for p in EXAMPLES if p.stem.endswith(name)).read_text(encoding="utf-8")


def test_every_example_is_valid_against_the_schema(settings: Settings) -> None:
    schema = build_schema(settings)._schema
    for path in EXAMPLES:
        assert validate(schema, parse(path.read_text(encoding="utf-8"))) == [], path.name


async def test_examples_run_with_the_token_the_login_form_gets(
    world: World, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    store = world.stores[0]
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    login = await client.post(
        "/auth/login",
        json={"tenant": world.tenant.slug, "email": merchandiser.email, "password": PASSWORD},
    )
    token = login.json()["access_token"]
    mine = await gql(operation("my_stores"), token=token)
    assert "errors" not in mine
    assert mine["data"]["me"]["role"] == "MERCHANDISER"
    store_id = gid("Store", store.id)
    logged = await gql(
        operation("log_contact"),
        {"storeId": store_id, "channel": "PHONE", "summary": "确认下周补货预算"},
        token,
    )
    assert logged["data"]["storeLogContact"]["userErrors"] == []
    budget = await gql(operation("set_budget"), {"storeId": store_id, "budget": "25000.00"}, token)
    assert budget["data"]["storeSetBudget"]["store"]["budget"] == "25000.00"
    prefs = await gql(operation("set_preferences"), {"storeId": store_id}, token)
    assert prefs["data"]["storeSetPreferences"]["userErrors"] == []
    passport = await gql(operation("store_passport"), {"id": store_id}, token)
    assert "errors" not in passport
    assert passport["data"]["storePassport"]["contactLog"]["totalCount"] == 1
    workload = await gql(operation("merchandiser_workload"), token=token)
    assert "errors" not in workload
    policies = await gql(operation("tenant_policies"), token=token)
    assert policies["data"]["tenantPolicies"]["allocation"]["horizonDays"] == 28
    manager = world.managers[0].token(gql.settings)
    colleague = next(
        m
        for m in world.merchandisers
        if m.actor.region_id == store.region_id and m is not merchandiser
    )
    moved = await gql(
        operation("reassign_merchandiser"),
        {
            "storeId": store_id,
            "merchandiserId": gid("User", colleague.user.id),
            "reason": "平衡工作量",
        },
        manager,
    )
    assert moved["data"]["storeAssignMerchandiser"]["userErrors"] == []
