"""Reading and changing a tenant's policies (who may, how input is checked, how it is audited)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.recorder import jsonable, record
from domain.db import Database
from domain.db.binding import session_tenant
from domain.errors import DomainError, ErrorCode, FieldError, NotFound
from domain.permissions import Actor, Permission, authorize
from domain.tenancy.models import Tenant
from domain.tenancy.policies import TenantPolicies

#: The policy sections, as `TenantPolicies` names them.
SECTIONS = tuple(TenantPolicies.model_fields)

PolicyChanges = Mapping[str, Mapping[str, Any]]


async def tenant_by_slug(db: Database, slug: str) -> Tenant | None:
    """The tenant with this slug (case and surrounding spaces ignored), if any; read in a
    session of its own, as tenants are not tenant-owned."""
    async with db.session() as session:
        return await session.scalar(select(Tenant).where(Tenant.slug == slug.strip().lower()))


async def _tenant(session: AsyncSession, *, for_update: bool = False) -> Tenant:
    """The session's tenant; `for_update` locks its row (PostgreSQL) until the transaction ends."""
    tenant = await session.get(
        Tenant, session_tenant(session), with_for_update=for_update, populate_existing=for_update
    )
    if tenant is None:
        raise NotFound("tenant", None)
    return tenant


async def tenant_policies(session: AsyncSession, actor: Actor) -> TenantPolicies:
    """The session's tenant's policies (defaults where never set)."""
    authorize(actor, Permission.POLICY_READ)
    return (await _tenant(session)).policies


async def update_policies(
    session: AsyncSession, actor: Actor, changes: PolicyChanges
) -> TenantPolicies:
    """Change some policy fields, section by section; the others keep their values.

    `changes` maps a section (`tiers`, `allocation`, `service`) to the fields given, by their
    names in `TenantPolicies` (a mapping field such as `tiers.weights` is replaced whole).
    The result is checked as a whole: any invalid field refuses the change, each error
    naming its field as `section.field`, and nothing is written. A change is audited as
    `tenant.policies_update` with the changed fields' values before and after.
    """
    authorize(actor, Permission.TENANT_SETTINGS)
    # Locked, so that two admins changing different fields at once both keep their change:
    # the second merges into what the first committed instead of overwriting it.
    tenant = await _tenant(session, for_update=True)
    current = tenant.policies
    merged = current.model_dump()
    unknown = [
        FieldError(ErrorCode.INVALID, "no such policy section", s)
        for s in changes
        if s not in SECTIONS
    ]
    if unknown:
        raise DomainError.many(unknown)
    for section, values in changes.items():
        merged[section].update(values)
    try:
        updated = TenantPolicies.model_validate(merged)
    except ValidationError as error:
        raise DomainError.many([_field_error(e) for e in error.errors()]) from None
    before, after = _difference(current, updated)
    if not after:
        return current
    tenant.policies = updated
    await session.flush()
    await record(session, "tenant.policies_update", "tenants", tenant.id, before, after)
    return updated


def _field_error(error: Mapping[str, Any]) -> FieldError:
    """A pydantic error as a field error: `allocation.sku_share_cap: ...`."""
    path = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return FieldError(ErrorCode.INVALID, f"{path}: {message}", path or None)


def _difference(
    before: TenantPolicies, after: TenantPolicies
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changed fields, as `section.field` → JSON value, before and after."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    changed_before: dict[str, Any] = {}
    changed_after: dict[str, Any] = {}
    for section in SECTIONS:
        for name, value in new[section].items():
            if old[section].get(name) != value:
                changed_before[f"{section}.{name}"] = jsonable(old[section].get(name))
                changed_after[f"{section}.{name}"] = jsonable(value)
    return changed_before, changed_after
