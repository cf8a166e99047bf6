"""tenantDelete: HQ deletes its tenant (slug typed back); from then on nobody of it signs in
and no token or key of it works; an operator restores it within the grace period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from domain import clock
from domain.audit.models import AuditEntry
from domain.db import Database
from domain.identity import keys
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.api.cli.conftest import Invoke
from tests.factories import PASSWORD, World, system
from tests.fixtures import GraphQLClient

DELETE = """mutation($slug: String!) { tenantDelete(input: {confirmSlug: $slug}) {
  deletedAt purgeAfter userErrors { field code message } } }"""
ME = "{ me { user { email } } }"


async def login(client: httpx.AsyncClient, world: World, email: str) -> httpx.Response:
    body = {"tenant": world.tenant.slug, "email": email, "password": PASSWORD}
    return await client.post("/auth/login", json=body)


async def tenant_row(db: Database, world: World) -> Tenant:
    async with tenant_session(db, system(world.tenant)) as session:
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        return tenant


async def test_hq_deletes_the_tenant_and_nobody_of_it_gets_in_any_more(
    world: World, db: Database, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    hq = (await login(client, world, world.hq.email)).json()
    franchisee = (await login(client, world, world.franchisees[0].email)).json()
    async with tenant_session(db, world.hq.actor) as session:
        key = await keys.create_api_key(session, world.hq.actor, "POS", ["region:read"])
        await session.commit()
    assert (await gql("{ regions { code } }", **{"X-Api-Key": key.secret}))["data"]

    before = clock.now()
    result = await gql(DELETE, {"slug": f" {world.tenant.slug.upper()} "}, token=hq["access_token"])
    payload: dict[str, Any] = result["data"]["tenantDelete"]
    assert payload["userErrors"] == []
    tenant = await tenant_row(db, world)
    assert tenant.deleted_at is not None and tenant.deleted_at >= before
    assert tenant.purge_after == tenant.deleted_at + timedelta(days=30)

    for token in (hq["access_token"], franchisee["access_token"]):
        refused = await gql(ME, token=token)
        assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert "deleted" in refused["errors"][0]["message"]
    by_key = await gql("{ regions { code } }", **{"X-Api-Key": key.secret})
    assert by_key["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await login(client, world, world.hq.email)).status_code == 401
    refreshed = await client.post("/auth/refresh", json={"refresh_token": hq["refresh_token"]})
    assert refreshed.status_code == 401

    async with tenant_session(db, system(world.tenant)) as session:
        audited = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "tenant.delete")
        )
    assert audited is not None and audited.actor == world.hq.email


async def test_a_wrong_slug_names_the_field_and_changes_nothing(
    world: World, db: Database, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    hq = (await login(client, world, world.hq.email)).json()
    result = await gql(DELETE, {"slug": "someone-else"}, token=hq["access_token"])
    payload = result["data"]["tenantDelete"]
    assert payload["deletedAt"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("input.confirmSlug", "INVALID")
    ]
    assert (await tenant_row(db, world)).deleted_at is None
    assert (await gql(ME, token=hq["access_token"]))["data"]["me"] is not None


async def test_only_hq_may_delete_the_tenant(
    world: World, db: Database, client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    for person in (world.merchandisers[0], world.franchisees[0]):
        tokens = (await login(client, world, person.email)).json()
        result = await gql(DELETE, {"slug": world.tenant.slug}, token=tokens["access_token"])
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await tenant_row(db, world)).deleted_at is None


async def test_an_operator_restores_it_within_the_grace_period(
    world: World, db: Database, client: httpx.AsyncClient, gql: GraphQLClient, peihuo: Invoke
) -> None:
    hq = (await login(client, world, world.hq.email)).json()
    undeleted = await peihuo("tenant", "restore", world.tenant.slug)
    assert undeleted.exit_code == 2 and "is not deleted" in undeleted.output
    await gql(DELETE, {"slug": world.tenant.slug}, token=hq["access_token"])
    assert (await login(client, world, world.hq.email)).status_code == 401

    result = await peihuo("tenant", "restore", world.tenant.slug)
    assert result.exit_code == 0, result.output
    tenant = await tenant_row(db, world)
    assert tenant.deleted_at is None and tenant.purge_after is None
    assert (await login(client, world, world.hq.email)).status_code == 200
    assert (await gql(ME, token=hq["access_token"]))["data"]["me"] is not None
    async with tenant_session(db, system(world.tenant)) as session:
        actions = list(
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.action.like("tenant.%"))
            )
        )
    assert actions.count("tenant.restore") == 1


async def test_a_tenant_past_its_grace_period_cannot_be_restored(
    world: World, db: Database, peihuo: Invoke
) -> None:
    async with tenant_session(db, system(world.tenant)) as session:
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        tenant.deleted_at = clock.now() - timedelta(days=31)
        tenant.purge_after = clock.now() - timedelta(days=1)
        await session.commit()
    result = await peihuo("tenant", "restore", world.tenant.slug)
    assert result.exit_code == 2 and "past its grace period" in result.output
    assert (await tenant_row(db, world)).deleted_at is not None
