"""Authorisation as data: which role may do what, over which stores, checked by one function."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from domain.access.reach import Reach, StoreFacts, in_reach
from domain.errors import Forbidden


class Role(StrEnum):
    """A membership's role in a tenant (plus the non-human actors)."""

    HQ_ADMIN = "hq_admin"
    REGIONAL_MANAGER = "regional_manager"
    MERCHANDISER = "merchandiser"
    FRANCHISEE = "franchisee"
    INTEGRATION = "integration"  # an API key or OAuth2 client, limited by its scopes
    SYSTEM = "system"  # background jobs and the CLI
    PLATFORM_ADMIN = "platform_admin"  # operates the platform, outside tenants


class Permission(StrEnum):
    """Everything an actor can be allowed to do."""

    TENANT_MANAGE = "tenant:manage"
    TENANT_SETTINGS = "tenant:settings"
    # Delete the whole tenant (soft, purged after a grace period): HQ only.
    TENANT_DELETE = "tenant:delete"
    POLICY_READ = "policy:read"
    REGION_READ = "region:read"
    REGION_WRITE = "region:write"
    STORE_READ = "store:read"
    STORE_WRITE = "store:write"
    STORE_PII = "store:pii"
    STORE_BUDGET = "store:budget"
    STORE_PREFERENCES = "store:preferences"
    STORE_ASSIGN = "store:assign"
    # Who owns a store (its franchisee): HQ and the region's manager only, never the
    # merchandiser, since the owner's personal data follows the stores they own.
    STORE_FRANCHISEE = "store:franchisee"
    CUSTOM_FIELD_DEFINE = "customfield:define"
    CONTACT_READ = "contact:read"
    CONTACT_WRITE = "contact:write"
    USER_READ = "user:read"
    USER_MANAGE = "user:manage"
    API_KEY_MANAGE = "apikey:manage"
    CATALOGUE_READ = "catalogue:read"
    CATALOGUE_WRITE = "catalogue:write"
    STOCK_READ = "stock:read"
    STOCK_WRITE = "stock:write"
    SALES_READ = "sales:read"
    SALES_WRITE = "sales:write"
    AUDIT_READ = "audit:read"
    RECOMMENDATION_RUN = "recommendation:run"
    RECOMMENDATION_READ = "recommendation:read"
    ORDER_READ = "order:read"
    ORDER_EDIT = "order:edit"
    ORDER_SEND = "order:send"
    ORDER_ADJUST = "order:adjust"
    ORDER_CONFIRM = "order:confirm"
    ORDER_REJECT = "order:reject"
    ORDER_CANCEL = "order:cancel"
    ORDER_APPROVE = "order:approve"
    SHIPMENT_READ = "shipment:read"
    SHIPMENT_WRITE = "shipment:write"
    SURVEY_ANSWER = "survey:answer"
    SURVEY_READ = "survey:read"
    COMPLAINT_READ = "complaint:read"
    COMPLAINT_CREATE = "complaint:create"
    COMPLAINT_MANAGE = "complaint:manage"
    MESSAGE_READ = "message:read"
    MESSAGE_SEND = "message:send"
    WORKLIST_READ = "worklist:read"
    DASHBOARD_READ = "dashboard:read"


P = Permission
_ALL = frozenset(Permission) - {P.TENANT_MANAGE, P.SURVEY_ANSWER}


def _grant(reach: Reach, perms: Iterable[Permission]) -> dict[Permission, Reach]:
    return dict.fromkeys(perms, reach)


_READ_CATALOGUE = (P.CATALOGUE_READ, P.STOCK_READ, P.REGION_READ)

ROLE_GRANTS: dict[Role, dict[Permission, Reach]] = {
    Role.HQ_ADMIN: _grant(Reach.TENANT, _ALL),
    Role.SYSTEM: _grant(Reach.TENANT, frozenset(Permission) - {P.TENANT_MANAGE}),
    Role.PLATFORM_ADMIN: _grant(Reach.TENANT, frozenset(Permission)),
    Role.REGIONAL_MANAGER: {
        **_grant(Reach.TENANT, (*_READ_CATALOGUE, P.USER_READ, P.POLICY_READ)),
        **_grant(
            Reach.REGION,
            (
                P.STORE_READ,
                P.STORE_WRITE,
                P.STORE_PII,
                P.STORE_BUDGET,
                P.STORE_PREFERENCES,
                P.STORE_ASSIGN,
                P.STORE_FRANCHISEE,
                P.CONTACT_READ,
                P.CONTACT_WRITE,
                P.SALES_READ,
                P.RECOMMENDATION_RUN,
                P.RECOMMENDATION_READ,
                P.ORDER_READ,
                P.ORDER_EDIT,
                P.ORDER_SEND,
                P.ORDER_CANCEL,
                P.SHIPMENT_READ,
                P.SURVEY_READ,
                P.COMPLAINT_READ,
                P.COMPLAINT_CREATE,
                P.COMPLAINT_MANAGE,
                P.MESSAGE_READ,
                P.MESSAGE_SEND,
                P.WORKLIST_READ,
                P.DASHBOARD_READ,
            ),
        ),
    },
    Role.MERCHANDISER: {
        **_grant(Reach.TENANT, (*_READ_CATALOGUE, P.USER_READ, P.POLICY_READ)),
        **_grant(
            Reach.REGION,
            (
                P.STORE_READ,
                P.CONTACT_READ,
                P.SALES_READ,
                P.RECOMMENDATION_READ,
                P.ORDER_READ,
                P.SHIPMENT_READ,
            ),
        ),
        **_grant(
            Reach.ASSIGNED,
            (
                P.STORE_PII,
                P.STORE_WRITE,
                P.STORE_BUDGET,
                P.STORE_PREFERENCES,
                P.CONTACT_WRITE,
                P.RECOMMENDATION_RUN,
                P.ORDER_EDIT,
                P.ORDER_SEND,
                P.ORDER_CANCEL,
                P.SURVEY_READ,
                P.COMPLAINT_READ,
                P.COMPLAINT_CREATE,
                P.COMPLAINT_MANAGE,
                P.MESSAGE_READ,
                P.MESSAGE_SEND,
                P.WORKLIST_READ,
            ),
        ),
    },
    Role.FRANCHISEE: {
        **_grant(Reach.TENANT, (P.CATALOGUE_READ, P.STOCK_READ)),
        **_grant(
            Reach.OWNED,
            (
                P.STORE_READ,
                P.STORE_PII,
                P.STORE_PREFERENCES,
                P.STORE_BUDGET,
                P.CONTACT_READ,
                P.SALES_READ,
                P.RECOMMENDATION_READ,
                P.ORDER_READ,
                P.ORDER_ADJUST,
                P.ORDER_CONFIRM,
                P.ORDER_REJECT,
                P.SHIPMENT_READ,
                P.SURVEY_ANSWER,
                P.SURVEY_READ,
                P.COMPLAINT_READ,
                P.COMPLAINT_CREATE,
                P.MESSAGE_READ,
                P.MESSAGE_SEND,
            ),
        ),
    },
    # What an integration may do is the intersection of this and its key's scopes.
    Role.INTEGRATION: _grant(
        Reach.TENANT,
        (
            P.STORE_READ,
            P.REGION_READ,
            P.CATALOGUE_READ,
            P.CATALOGUE_WRITE,
            P.STOCK_READ,
            P.STOCK_WRITE,
            P.SALES_READ,
            P.SALES_WRITE,
            P.ORDER_READ,
            P.SHIPMENT_READ,
            P.SHIPMENT_WRITE,
            P.RECOMMENDATION_RUN,
            P.RECOMMENDATION_READ,
        ),
    ),
}

INTEGRATION_SCOPES = frozenset(ROLE_GRANTS[Role.INTEGRATION])


@dataclass(frozen=True)
class Actor:
    """Who is acting, in which tenant, with which role; fixed for a request or a job."""

    tenant_id: int | None
    role: Role
    user_id: int | None = None
    region_id: int | None = None
    scopes: frozenset[Permission] | None = None
    label: str = ""
    membership_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def system(cls, tenant_id: int | None, label: str = "system") -> Actor:
        """The actor of background jobs and CLI commands."""
        return cls(tenant_id=tenant_id, role=Role.SYSTEM, label=label)


def reach(actor: Actor, permission: Permission) -> Reach | None:
    """How far `actor` holds `permission`, or None when not at all."""
    granted = ROLE_GRANTS[actor.role].get(permission)
    if granted is None or (actor.scopes is not None and permission not in actor.scopes):
        return None
    return granted


def covers(actor: Actor, granted: Reach, store: StoreFacts) -> bool:
    """Whether a grant of `granted` reach, held by `actor`, covers `store` (domain.access)."""
    return in_reach(actor, granted, store)


def can(
    actor: Actor,
    permission: Permission,
    store: StoreFacts | None = None,
    region_id: int | None = None,
) -> bool:
    """Whether `actor` may do `permission`, on `store` or in `region_id` when given."""
    granted = reach(actor, permission)
    if granted is None:
        return False
    if store is not None:
        return covers(actor, granted, store)
    if region_id is not None and granted < Reach.TENANT:
        return granted == Reach.REGION and actor.region_id == region_id
    return True


def authorize(
    actor: Actor,
    permission: Permission,
    store: StoreFacts | None = None,
    region_id: int | None = None,
) -> None:
    """The one check: raise Forbidden unless `actor` may do `permission` (on the target)."""
    if not can(actor, permission, store, region_id):
        raise Forbidden(f"{actor.role.value} may not {permission.value} here")
