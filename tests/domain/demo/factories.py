"""Small demo tenants for tests: the real generator at a reduced size, under a unique slug."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from domain.db import Database
from domain.demo.seed import SeedReport, seed
from domain.demo.spec import DemoSpec, taozi
from domain.tenancy.models import Tenant
from tests.factories import unique

TODAY = date(2026, 11, 23)


def small_spec(
    slug: str | None = None, stores: int = 20, styles: int = 14, days: int = 90
) -> DemoSpec:
    """The taozi demo at a test size, under its own slug (so e-mails are its own too)."""
    spec = taozi(TODAY).with_size(stores, styles, days)
    return replace(spec, slug=slug or unique("demo"))


async def seed_small(
    db: Database, spec: DemoSpec | None = None, reseed: bool = False
) -> tuple[SeedReport, int]:
    """Seed a small demo tenant; returns the report and the tenant's id."""
    spec = spec or small_spec()
    report = await seed(db, spec, reseed=reseed)
    async with db.session() as session:
        tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == spec.slug))
    assert tenant_id is not None
    return report, tenant_id
