"""The purge job: a tenant deleted longer ago than its grace period loses every row, in every
table with a tenant_id, and its people; another tenant loses nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from domain import clock
from domain.db import Database
from domain.db.tables import tenant_tables
from domain.identity.models import Membership, User
from domain.jobs.periodic import PERIODIC
from domain.orders.models import OrderStatus
from domain.permissions import Role
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from domain.tenant_data.deletion import PURGE_JOB, delete_tenant, purge_due
from tests.domain.orders.factories import order_in
from tests.factories import World, make_world, system


async def counts(db: Database, world: World) -> dict[str, int]:
    async with tenant_session(db, system(world.tenant)) as session:
        return {
            table.name: await session.scalar(
                select(func.count()).select_from(table).where(table.c.tenant_id == world.tenant.id)
            )
            or 0
            for table in tenant_tables()
        }


async def mark_deleted(db: Database, world: World, days_ago: int) -> None:
    async with tenant_session(db, world.hq.actor) as session:
        await delete_tenant(session, world.hq.actor, world.tenant.slug)
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        tenant.purge_after = clock.now() - timedelta(days=days_ago)
        await session.commit()


async def test_the_purge_removes_every_row_of_a_tenant_past_its_grace_and_nothing_else(
    db: Database,
) -> None:
    gone, kept, waiting = await make_world(db), await make_world(db), await make_world(db)
    for world in (gone, kept):
        await order_in(db, world, world.stores[0], OrderStatus.CONFIRMED)
    # A person of both tenants keeps their login and the other tenant's membership.
    both = gone.merchandisers[0]
    async with tenant_session(db, system(kept.tenant)) as session:
        session.add(Membership(user_id=both.user.id, role=Role.HQ_ADMIN, name=both.user.name))
        await session.commit()
    kept_before = await counts(db, kept)
    assert (await counts(db, gone))["orders"] > 0 and kept_before["orders"] > 0
    await mark_deleted(db, gone, days_ago=1)
    await mark_deleted(db, waiting, days_ago=-1)  # still within its grace period

    async with db.session() as platform:
        result = await purge_due(platform)
        await platform.commit()

    # (Other tests' deleted tenants may be purged too: the database is shared.)
    assert gone.tenant.slug in result["purged"]
    assert not {kept.tenant.slug, waiting.tenant.slug} & set(result["purged"])
    assert set((await counts(db, gone)).values()) == {0}
    assert await counts(db, kept) == kept_before
    assert sum((await counts(db, waiting)).values()) > 0
    async with db.session() as session:
        tenants = set(await session.scalars(select(Tenant.id)))
        emails = set(await session.scalars(select(User.email)))
    assert gone.tenant.id not in tenants and {kept.tenant.id, waiting.tenant.id} <= tenants
    assert gone.hq.email not in emails and kept.hq.email in emails and both.email in emails
    assert (PURGE_JOB, 3600) in PERIODIC
