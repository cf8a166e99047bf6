"""Seeding the demo: idempotent, rebuilt identically, isolated, with working logins."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest
from sqlalchemy import func, select

from domain.db import Database
from domain.demo.seed import seed, seeded_spec
from domain.demo.spec import PASSWORD
from domain.errors import DomainError
from domain.permissions import Actor, Role
from domain.sales.models import DailySale
from domain.stores.models import MerchandiserAssignment, Store
from domain.tenancy.session import tenant_session
from tests.domain.demo.factories import TODAY, seed_small, small_spec
from tests.domain.demo.fingerprint import fingerprint
from tests.factories import make_region, make_store, make_tenant


async def test_seeding_again_finds_the_demo_and_changes_nothing(db: Database) -> None:
    spec = small_spec()
    first, tenant_id = await seed_small(db, spec)
    before = await fingerprint(db, tenant_id)
    again, same_id = await seed_small(db, spec)
    assert first.built and not again.built
    assert same_id == tenant_id
    assert again.spec == spec.describe()
    assert await fingerprint(db, tenant_id) == before


async def test_reseeding_rebuilds_identical_data(db: Database) -> None:
    spec = small_spec()
    first, tenant_id = await seed_small(db, spec)
    before = await fingerprint(db, tenant_id)
    rebuilt, same_id = await seed_small(db, spec, reseed=True)
    assert rebuilt.built and same_id == tenant_id
    assert rebuilt.counts == first.counts
    after = await fingerprint(db, tenant_id)
    assert after == before
    assert after["daily_sales"][0] == first.counts["sales_rows"] > 1000
    assert after["stores"][0] == spec.stores


async def test_seeded_spec_is_remembered_for_the_next_reseed(db: Database) -> None:
    spec = small_spec()
    await seed_small(db, spec)
    found = await seeded_spec(db, spec.slug)
    assert found == {**spec.describe(), "today": TODAY.isoformat()}
    assert await seeded_spec(db, "no-such-tenant") is None


async def test_a_tenant_that_is_not_a_demo_is_not_overwritten(db: Database) -> None:
    tenant = await make_tenant(db)
    region = await make_region(db, tenant, "R1", ["Beijing"])
    await make_store(db, tenant, region)
    with pytest.raises(DomainError, match="not a demo"):
        await seed(db, replace(small_spec(), slug=tenant.slug))


async def test_every_store_has_a_merchandiser_a_franchisee_and_one_open_assignment(
    db: Database,
) -> None:
    _, tenant_id = await seed_small(db)
    async with tenant_session(db, Actor.system(tenant_id)) as session:
        stores = (await session.scalars(select(Store))).all()
        open_assignments = dict(
            (
                await session.execute(
                    select(
                        MerchandiserAssignment.store_id, MerchandiserAssignment.merchandiser_id
                    ).where(MerchandiserAssignment.ended_at.is_(None))
                )
            ).all()
        )
    assert len(stores) == 20
    assert all(s.merchandiser_id is not None and s.franchisee_id is not None for s in stores)
    assert {s.id: s.merchandiser_id for s in stores} == open_assignments
    assert len({s.franchisee_id for s in stores}) == len(stores)
    assert all(
        s.franchisee_email == f"{s.code.lower()}@{s.franchisee_email.split('@')[1]}" for s in stores
    )


async def test_two_demo_tenants_do_not_see_each_other(db: Database) -> None:
    _, first = await seed_small(db, small_spec(stores=12, styles=12, days=40))
    _, second = await seed_small(db, small_spec(stores=15, styles=12, days=40))
    counts = {}
    for tenant_id in (first, second):
        async with tenant_session(db, Actor.system(tenant_id)) as session:
            stores = await session.scalar(select(func.count()).select_from(Store))
            sales_tenants = set(await session.scalars(select(DailySale.tenant_id).distinct()))
        counts[tenant_id] = stores
        assert sales_tenants == {tenant_id}
    assert counts == {first: 12, second: 15}


async def test_the_demo_logins_work(db: Database, client: httpx.AsyncClient) -> None:
    spec = small_spec()
    await seed_small(db, spec)
    expected = {
        f"hq@{spec.slug}.example": Role.HQ_ADMIN,
        f"r2@{spec.slug}.example": Role.REGIONAL_MANAGER,
        f"m6@{spec.slug}.example": Role.MERCHANDISER,
        f"s0001@{spec.slug}.example": Role.FRANCHISEE,
    }
    for email, role in expected.items():
        body = {"tenant": spec.slug, "email": email, "password": PASSWORD}
        response = await client.post("/auth/login", json=body)
        assert response.status_code == 200, response.text
        assert response.json()["role"] == role.value
    wrong = {"tenant": spec.slug, "email": f"hq@{spec.slug}.example", "password": "nope"}
    assert (await client.post("/auth/login", json=wrong)).status_code == 401
