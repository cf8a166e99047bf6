"""Deleting a tenant: what a SaaS owes a customer who leaves (PIPL in China, GDPR elsewhere).

Two steps. HQ deletes its tenant (`delete_tenant`, the slug typed back): the tenant is marked
deleted at once, and from then on nobody of it signs in and no token or key of it is accepted
(`domain.tenancy.live`, checked at login, token refresh and on every request). For a grace period
(PEIHUO_TENANT_PURGE_GRACE_DAYS) an operator can undo it (`restore_tenant`, the CLI's
`peihuo tenant restore SLUG`); the members cannot, since they can no longer sign in. After it,
the periodic purge (`purge_due`) removes every row of the tenant: every table with a
`tenant_id`, children before parents (the metadata's foreign-key order, not a hand list), then
the people left without any membership, then the tenant's row. What remains is a log line and
nothing of the tenant's data.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

import domain.models  # noqa: F401  (every model's table in the metadata)
from domain import clock
from domain.audit.recorder import record
from domain.db import Database
from domain.db.binding import ACTOR_KEY, TENANT_KEY, session_tenant
from domain.db.tables import tenant_tables
from domain.errors import Invalid
from domain.identity.models import Invitation, Membership, User
from domain.jobs.periodic import periodic
from domain.jobs.registry import job
from domain.permissions import Actor, Permission, authorize
from domain.settings import Settings, get_settings
from domain.tenancy.live import tenant_deleted_error
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

log = logging.getLogger(__name__)

PURGE_JOB = "tenancy.purge_deleted"
PURGE_EVERY = 3600


async def delete_tenant(
    session: AsyncSession, actor: Actor, confirm_slug: str, settings: Settings | None = None
) -> Tenant:
    """Delete the session's tenant (soft): HQ only, `confirm_slug` must be the tenant's slug.
    Its data is purged `tenant_purge_grace_days` later; until then an operator can restore it.
    Audited."""
    authorize(actor, Permission.TENANT_DELETE)
    settings = settings or get_settings()
    tenant = await session.get(Tenant, session_tenant(session), with_for_update=True)
    if tenant is None or tenant.deleted_at is not None:
        raise tenant_deleted_error()
    if confirm_slug.strip().lower() != tenant.slug:
        raise Invalid("confirm_slug", "type the tenant's slug to confirm the deletion")
    now = clock.now()
    tenant.deleted_at = now
    tenant.purge_after = now + timedelta(days=settings.tenant_purge_grace_days)
    await record(
        session,
        "tenant.delete",
        "Tenant",
        tenant.id,
        after={"deleted_at": now, "purge_after": tenant.purge_after},
    )
    return tenant


async def restore_tenant(db: Database, slug: str, label: str = "cli:tenant restore") -> Tenant:
    """Undo a deletion within the grace period (an operator's act: the tenant's members cannot
    sign in to ask). Audited in the tenant's log."""
    async with db.session() as lookup:
        tenant_id = await lookup.scalar(
            select(Tenant.id).where(Tenant.slug == slug.strip().lower())
        )
    if tenant_id is None:
        raise Invalid("slug", f"no tenant {slug!r}")
    async with tenant_session(db, Actor.system(tenant_id, label=label)) as session:
        tenant = await session.get(Tenant, tenant_id, with_for_update=True)
        assert tenant is not None
        if tenant.deleted_at is None:
            raise Invalid("slug", f"tenant {tenant.slug!r} is not deleted")
        if tenant.purge_after is not None and tenant.purge_after <= clock.now():
            raise Invalid("slug", f"tenant {tenant.slug!r} is past its grace period")
        before = {"deleted_at": tenant.deleted_at, "purge_after": tenant.purge_after}
        tenant.deleted_at = None
        tenant.purge_after = None
        await record(session, "tenant.restore", "Tenant", tenant.id, before=before)
        await session.commit()
        return tenant


async def purge_tenant(session: AsyncSession, tenant_id: int) -> dict[str, int]:
    """Remove every row of tenant `tenant_id` in the tenant's own session (its row-level
    security), the people left without a membership and the tenant's row; the rows deleted per
    table. The caller commits."""
    counts: dict[str, int] = {}
    members = list(
        await session.scalars(select(Membership.user_id).where(Membership.tenant_id == tenant_id))
    )
    for table in reversed(tenant_tables()):
        result: Any = await session.execute(delete(table).where(table.c.tenant_id == tenant_id))
        counts[table.name] = result.rowcount or 0
    if members:
        kept = await _members_elsewhere(session, tenant_id, members)
        result = await session.execute(
            delete(User).where(
                User.id.in_(set(members) - kept),
                User.is_platform_admin.is_(False),
                ~exists().where(Invitation.user_id == User.id),  # invited elsewhere: kept
            )
        )
        counts["users"] = result.rowcount or 0
    await session.execute(delete(Tenant).where(Tenant.id == tenant_id))
    counts["tenants"] = 1
    return counts


async def _members_elsewhere(
    session: AsyncSession, tenant_id: int, user_ids: list[int]
) -> set[int]:
    """Which of `user_ids` are members of another tenant too (they keep their login).

    Memberships are tenant-owned (row-level security): each other tenant is asked in a session
    of its own. A purge is rare, so one small indexed query per tenant is cheap enough; a user
    must never lose another tenant's membership (it cascades from the user's row)."""
    found: set[int] = set()
    others = list(await session.scalars(select(Tenant.id).where(Tenant.id != tenant_id)))
    for other in others:
        actor = Actor.system(other, label=f"job:{PURGE_JOB}")
        async with AsyncSession(
            session.bind, info={TENANT_KEY: other, ACTOR_KEY: actor}, expire_on_commit=False
        ) as own:
            found |= set(
                await own.scalars(
                    select(Membership.user_id).where(Membership.user_id.in_(user_ids))
                )
            )
    return found


@job(PURGE_JOB, queue="low", exactly_once=False)
async def purge_due(session: AsyncSession) -> dict[str, Any]:
    """Platform job: purge every tenant deleted longer ago than its grace period, each in a
    transaction of its own; a log line per tenant (its audit log goes with it)."""
    due = list(
        await session.execute(
            select(Tenant.id, Tenant.slug).where(
                Tenant.deleted_at.is_not(None), Tenant.purge_after <= clock.now()
            )
        )
    )
    purged: list[str] = []
    for tenant_id, slug in due:
        actor = Actor.system(tenant_id, label=f"job:{PURGE_JOB}")
        async with AsyncSession(
            session.bind, info={TENANT_KEY: tenant_id, ACTOR_KEY: actor}, expire_on_commit=False
        ) as own:
            own.info["skip_audit"] = True  # the audit log is purged with the rest
            counts = await purge_tenant(own, tenant_id)
            await own.commit()
        log.warning("tenant purged", extra={"tenant_id": tenant_id, "slug": slug, "rows": counts})
        purged.append(slug)
    return {"purged": purged}


periodic(PURGE_JOB, PURGE_EVERY)
