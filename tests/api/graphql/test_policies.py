"""Tenant policies through GraphQL: staff read them, HQ changes them, bad input names the field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_stores import gid
from tests.domain.recommendation.policy_factories import confirmed_with_cuts
from tests.factories import World, make_skus, make_world, system
from tests.fixtures import GraphQLClient

READ = """
{ tenantPolicies {
    tiers { weights { tier weight } }
    allocation { horizonDays minStyleUnits skuShareCap favouredCategoryUplift learnFromEdits
                 holdoutFraction nightlyRunCron }
    service { reminderAfterHours merchandiserOverBudgetLimit complaintSlaHours { severity hours } }
} }"""

UPDATE = """
mutation($input: TenantPoliciesUpdateInput!) {
  tenantPoliciesUpdate(input: $input) {
    policies { tiers { weights { tier weight } }
               allocation { minStyleUnits skuShareCap holdoutFraction nightlyRunCron }
               service { complaintSlaHours { severity hours } merchandiserOverBudgetLimit } }
    userErrors { field code message }
  }
}"""


async def _update(gql: GraphQLClient, world: World, values: dict[str, Any]) -> dict[str, Any]:
    body = await gql(UPDATE, {"input": values}, world.hq.token(gql.settings))
    payload: dict[str, Any] = body["data"]["tenantPoliciesUpdate"]
    return payload


async def _stored(db: Database, world: World) -> dict[str, Any]:
    async with tenant_session(db, system(world.tenant)) as session:
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        return dict(tenant.policies_json or {})


async def test_a_merchandiser_reads_the_defaults(world: World, gql: GraphQLClient) -> None:
    body = await gql(READ, token=world.merchandisers[0].token(gql.settings))
    policies = body["data"]["tenantPolicies"]
    assert policies["tiers"]["weights"] == [
        {"tier": "A", "weight": 1.3},
        {"tier": "B", "weight": 1.0},
        {"tier": "C", "weight": 0.85},
    ]
    assert policies["allocation"] == {
        "horizonDays": 28,
        "minStyleUnits": 0,
        "skuShareCap": None,
        "favouredCategoryUplift": 0.1,
        "learnFromEdits": True,
        "holdoutFraction": 0.0,
        "nightlyRunCron": "0 2 * * *",
    }
    assert [s["severity"] for s in policies["service"]["complaintSlaHours"]] == [
        "LOW",
        "MEDIUM",
        "HIGH",
        "CRITICAL",
    ]


async def test_franchisees_may_not_read_policies(world: World, gql: GraphQLClient) -> None:
    body = await gql(READ, token=world.franchisees[0].token(gql.settings))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_hq_changes_some_fields_and_the_rest_stay(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    payload = await _update(
        gql,
        world,
        {
            "tiers": {"weights": [{"tier": "A", "weight": 2.0}, {"tier": "C", "weight": 0.5}]},
            "allocation": {"minStyleUnits": 3, "skuShareCap": 0.2, "holdoutFraction": 0.1},
            "service": {"complaintSlaHours": [{"severity": "CRITICAL", "hours": 4}]},
        },
    )
    assert payload["userErrors"] == []
    policies = payload["policies"]
    assert policies["tiers"]["weights"] == [
        {"tier": "A", "weight": 2.0},
        {"tier": "C", "weight": 0.5},
    ]
    assert policies["allocation"] == {
        "minStyleUnits": 3,
        "skuShareCap": 0.2,
        "holdoutFraction": 0.1,
        "nightlyRunCron": "0 2 * * *",
    }
    assert policies["service"]["complaintSlaHours"] == [{"severity": "CRITICAL", "hours": 4}]
    assert policies["service"]["merchandiserOverBudgetLimit"] == "0.10"
    stored = await _stored(db, world)
    assert stored["allocation"]["min_style_units"] == 3
    assert stored["allocation"]["horizon_days"] == 28

    cleared = await _update(gql, world, {"allocation": {"skuShareCap": None}})
    assert cleared["policies"]["allocation"]["skuShareCap"] is None
    assert cleared["policies"]["allocation"]["minStyleUnits"] == 3


async def test_a_change_is_audited_with_the_fields_before_and_after(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    await _update(gql, world, {"allocation": {"minStyleUnits": 4, "horizonDays": 28}})
    async with tenant_session(db, system(world.tenant)) as session:
        entries = list(
            await session.scalars(
                select(AuditEntry).where(AuditEntry.action == "tenant.policies_update")
            )
        )
    assert len(entries) == 1
    entry = entries[0]
    assert entry.before == {"allocation.min_style_units": 0}
    assert entry.after == {"allocation.min_style_units": 4}
    assert entry.actor_user_id == world.hq.user.id
    assert entry.entity_id == str(world.tenant.id)


async def test_invalid_fields_are_named_and_nothing_changes(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    before = await _stored(db, world)
    payload = await _update(
        gql,
        world,
        {
            "allocation": {"skuShareCap": 1.5, "minStyleUnits": 2, "nightlyRunCron": "0 25 * * *"},
            "service": {"notificationsPerDay": 0},
            "tiers": {"weights": [{"tier": "A", "weight": 50}]},
        },
    )
    assert payload["policies"] is None
    fields = {e["field"]: e["code"] for e in payload["userErrors"]}
    assert fields == {
        "input.allocation.skuShareCap": "INVALID",
        "input.allocation.nightlyRunCron": "INVALID",
        "input.service.notificationsPerDay": "INVALID",
        "input.tiers.weights": "INVALID",
    }
    messages = " ".join(e["message"] for e in payload["userErrors"])
    assert "hour field '25'" in messages and "tier A" in messages
    assert await _stored(db, world) == before


async def test_a_tier_given_twice_is_refused(world: World, gql: GraphQLClient) -> None:
    payload = await _update(
        gql,
        world,
        {"tiers": {"weights": [{"tier": "A", "weight": 2.0}, {"tier": "A", "weight": 3.0}]}},
    )
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("input.tiers.weights", "INVALID")
    ]


async def test_a_null_for_a_required_setting_is_refused(world: World, gql: GraphQLClient) -> None:
    payload = await _update(gql, world, {"allocation": {"horizonDays": None}})
    assert [e["field"] for e in payload["userErrors"]] == ["input.allocation.horizonDays"]


async def test_a_regional_manager_may_not_change_policies(world: World, gql: GraphQLClient) -> None:
    body = await gql(
        UPDATE,
        {"input": {"allocation": {"minStyleUnits": 9}}},
        world.managers[0].token(gql.settings),
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_policies_of_another_tenant_are_its_own(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    other = await make_world(db)
    await _update(gql, world, {"allocation": {"minStyleUnits": 5}})
    body = await gql(READ, token=other.hq.token(gql.settings))
    assert body["data"]["tenantPolicies"]["allocation"]["minStyleUnits"] == 0


LEARNED = """
query($store: ID!) { storeLearnedFactors(storeId: $store) { category offered kept factor } }"""


async def test_the_merchandiser_sees_what_the_engine_learned_from_the_store(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    _, denim = await make_skus(db, world.tenant, n_styles=1, category="denim")
    store = world.stores[0]
    knit = world.skus[0]
    await confirmed_with_cuts(db, world, store, {knit: 4, denim[0]: 12}, {denim[0]: 0})
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    body = await gql(LEARNED, {"store": gid("Store", store.id)}, merchandiser.token(gql.settings))
    assert body["data"]["storeLearnedFactors"] == [
        {"category": "denim", "offered": 12.0, "kept": 0.0, "factor": 0.5},
        {"category": "knitwear", "offered": 4.0, "kept": 4.0, "factor": 1.0},
    ]
    other = world.stores[1]
    theirs = await gql(LEARNED, {"store": gid("Store", other.id)}, merchandiser.token(gql.settings))
    assert theirs["data"]["storeLearnedFactors"] == []
