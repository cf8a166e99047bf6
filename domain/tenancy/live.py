"""Whether a tenant is live (not deleted): the one condition every way in checks."""

from __future__ import annotations

from sqlalchemy import BindParameter, ColumnElement, exists

from domain.errors import DomainError, ErrorCode
from domain.tenancy.models import Tenant


def live_tenant(tenant_id: int | BindParameter[int]) -> ColumnElement[bool]:
    """True while tenant `tenant_id` exists and is not deleted: the one condition login, token
    refresh and every authenticated request (token, OAuth client, API key) check, folded into
    their own lookups (domain.identity.service.actor_for, api.auth.credentials,
    domain.identity.keys). The id may be a bound parameter, for a statement built once."""
    return exists().where(Tenant.id == tenant_id, Tenant.deleted_at.is_(None))


def tenant_deleted_error() -> DomainError:
    """The refusal a member of a deleted tenant gets."""
    return DomainError(ErrorCode.UNAUTHENTICATED, "this tenant was deleted")
