"""Seeding a demo tenant: built once from its spec, reused after, rebuilt identically on demand.

A seeded demo tenant carries a `demo.seed` audit entry with the spec it was built from (its
marker): running the seed again finds it and changes nothing; `reseed` deletes the tenant's
data (keeping the tenant row, so its id stays) and builds it again, in one transaction, so an
interrupted seed leaves the previous state. A tenant of the same slug that is not a demo is
never overwritten without `reseed`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

import domain.models  # noqa: F401 - every table must be known to wipe a tenant
from domain import clock
from domain.audit.models import AuditEntry
from domain.audit.recorder import record
from domain.db import Base, Database
from domain.demo.spec import PASSWORD, DemoSpec
from domain.errors import DomainError, ErrorCode
from domain.identity.passwords import hash_password
from domain.imports.kinds import NoProgress, Progress
from domain.permissions import Actor
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

if TYPE_CHECKING:
    from domain.demo.plan import DemoPlan

MARKER = "demo.seed"
DEMO_TIME_ZONE = "Asia/Shanghai"
SQLITE_SEED_CACHE_KIB = 131_072


@dataclass
class SeedReport:
    """What a seed did: built the tenant (with counts and time) or found it built."""

    slug: str
    built: bool
    spec: dict[str, Any]
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def demo_today() -> date:
    """Today in China: the default end of a new demo's history."""
    return clock.now().astimezone(ZoneInfo(DEMO_TIME_ZONE)).date()


async def _tenant(db: Database, slug: str) -> Tenant | None:
    async with db.session() as session:
        return await session.scalar(select(Tenant).where(Tenant.slug == slug))


async def seeded_spec(db: Database, slug: str) -> dict[str, Any] | None:
    """The spec the demo tenant `slug` was seeded with, or None when it is not a seeded demo."""
    tenant = await _tenant(db, slug)
    if tenant is None:
        return None
    async with tenant_session(db, Actor.system(tenant.id, label="demo")) as session:
        marker = await session.scalar(
            select(AuditEntry.after)
            .where(AuditEntry.action == MARKER)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    return dict(marker["spec"]) if marker else None


async def _create_tenant(db: Database, spec: DemoSpec) -> int:
    async with db.session() as session:
        tenant = Tenant(slug=spec.slug, name=spec.name)
        session.add(tenant)
        await session.commit()
        return tenant.id


async def wipe(session: AsyncSession, tenant_id: int) -> None:
    """Delete every row of the session's tenant (children first); the tenant row stays."""
    for table in reversed(Base.metadata.sorted_tables):
        if "tenant_id" in table.c:
            await session.execute(delete(table).where(table.c.tenant_id == tenant_id))


async def seed(
    db: Database, spec: DemoSpec, reseed: bool = False, progress: Progress | None = None
) -> SeedReport:
    """Build the demo tenant of `spec` unless it is built already (with `reseed`: rebuild it)."""
    progress = progress or NoProgress()
    tenant = await _tenant(db, spec.slug)
    if tenant is not None and not reseed:
        found = await seeded_spec(db, spec.slug)
        if found is not None:
            return SeedReport(spec.slug, built=False, spec=found)
        async with tenant_session(db, Actor.system(tenant.id)) as session:
            if await session.scalar(select(func.count()).select_from(Store)):
                raise DomainError(
                    ErrorCode.CONFLICT,
                    f"tenant {spec.slug} exists and is not a demo; reseed replaces its data",
                    "tenant",
                )
    # Imported only to build: finding a demo already built stays quick (numpy and the generator
    # are not loaded then).
    from domain.demo.plan import make_plan

    started = time.perf_counter()
    progress.phase(f"{spec.slug}: drawing the demo", None)
    plan = make_plan(spec)
    created = tenant is None
    tenant_id = await _create_tenant(db, spec) if tenant is None else tenant.id
    try:
        async with tenant_session(db, Actor.system(tenant_id, label="demo seed")) as session:
            counts = await _write(session, spec, plan, tenant_id, not created, progress)
            after = {
                "spec": spec.describe(),
                "counts": counts,
                "seconds": round(time.perf_counter() - started, 1),
            }
            await record(session, MARKER, "tenants", tenant_id, None, after)
            await session.commit()
    except BaseException:
        if created:
            async with db.session() as session:
                await session.execute(delete(Tenant).where(Tenant.id == tenant_id))
                await session.commit()
        raise
    seconds = time.perf_counter() - started
    return SeedReport(spec.slug, built=True, spec=spec.describe(), seconds=seconds, counts=counts)


async def _write(
    session: AsyncSession,
    spec: DemoSpec,
    plan: DemoPlan,
    tenant_id: int,
    existing: bool,
    progress: Progress,
) -> dict[str, int]:
    from domain.demo.goods import write_catalogue, write_sales, write_stock
    from domain.demo.network import table_of, write_people, write_stores

    now = clock.now()
    sqlite = (await session.connection()).dialect.name == "sqlite"
    if sqlite:
        # Two indexes of a million rows stay in memory while they are built (128 MiB; reset below).
        await session.execute(text(f"PRAGMA cache_size = -{SQLITE_SEED_CACHE_KIB}"))
    if existing:
        progress.phase(f"{spec.slug}: removing the previous demo", None)
        await wipe(session, tenant_id)
    tenants = table_of(Tenant)
    await session.execute(
        update(tenants)
        .where(tenants.c.id == tenant_id)
        .values(name=spec.name, locale="zh-CN", currency="CNY", time_zone=DEMO_TIME_ZONE)
    )
    progress.phase(f"{spec.slug}: people, stores and catalogue", None)
    users = await write_people(session, plan, tenant_id, hash_password(PASSWORD), now)
    stores = await write_stores(session, plan, tenant_id, users, now)
    skus, warehouses = await write_catalogue(session, plan, tenant_id, now)
    store_ids = [stores[s.code] for s in plan.stores]
    stock_rows = await write_stock(session, plan, tenant_id, store_ids, skus, warehouses, now)
    progress.phase(f"{spec.slug}: sales history", plan.history.rows)
    sales_rows = await write_sales(
        session, spec, plan, tenant_id, store_ids, skus, lambda _, n: progress.advance(n)
    )
    if sqlite:
        await session.execute(text("PRAGMA cache_size = -2000"))
    return {
        "users": len(users),
        "stores": len(stores),
        "products": len(plan.catalogue.styles),
        "skus": len(skus),
        "stock_rows": stock_rows,
        "sales_rows": sales_rows,
        "stock_out_rows": plan.history.stockout_rows,
        "units_demanded": plan.history.demanded,
        "units_sold": int(plan.history.qty.sum()),
    }
