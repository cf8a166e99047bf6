"""API keys and OAuth2 clients for integrations: hashed, scoped, revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.db import Database
from domain.errors import Collector, DomainError, ErrorCode, Invalid, NotFound
from domain.identity.models import ApiKey, OAuthClient
from domain.identity.passwords import digest, new_secret, same_digest
from domain.identity.service import new_token_id, tenant_id_from
from domain.permissions import INTEGRATION_SCOPES, Actor, Permission, Role, authorize
from domain.tenancy.live import live_tenant
from domain.tenancy.session import tenant_session
from domain.text import checked_name

KEY_PREFIX = "pk"
CLIENT_PREFIX = "pc"


@dataclass(frozen=True)
class IssuedSecret:
    """A newly made key or client: the secret is shown once and never stored."""

    id: int
    public_id: str
    secret: str


def parse_scopes(scopes: list[str], field: str = "scopes") -> frozenset[Permission]:
    """Validate requested scopes against what integrations may hold."""
    out: set[Permission] = set()
    for i, scope in enumerate(scopes):
        try:
            permission = Permission(scope)
        except ValueError:
            raise Invalid(f"{field}[{i}]", f"unknown scope {scope!r}") from None
        if permission not in INTEGRATION_SCOPES:
            raise Invalid(f"{field}[{i}]", f"scope {scope!r} cannot be given to an integration")
        out.add(permission)
    if not out:
        raise Invalid(field, "at least one scope is required")
    return frozenset(out)


def _checked_key_name(name: str) -> str:
    errors = Collector()
    text = checked_name(errors, "name", name, 200)
    errors.raise_if_any()
    return text or ""


async def create_api_key(
    session: AsyncSession, actor: Actor, name: str, scopes: list[str]
) -> IssuedSecret:
    """Make an API key; the returned secret is the only copy."""
    authorize(actor, Permission.API_KEY_MANAGE)
    name = _checked_key_name(name)
    granted = parse_scopes(scopes)
    prefix = new_token_id()
    secret = new_secret(24)
    key = f"{KEY_PREFIX}_{actor.tenant_id}_{prefix}_{secret}"
    row = ApiKey(
        name=name,
        prefix=prefix,
        secret_hash=digest(key),
        scopes=sorted(p.value for p in granted),
        created_by_id=actor.user_id,
    )
    session.add(row)
    await session.flush()
    return IssuedSecret(id=row.id, public_id=prefix, secret=key)


async def revoke_api_key(session: AsyncSession, actor: Actor, key_id: int) -> ApiKey:
    """Revoke a key (idempotent)."""
    authorize(actor, Permission.API_KEY_MANAGE)
    row = await session.get(ApiKey, key_id)
    if row is None:
        raise NotFound("API key")
    if row.revoked_at is None:
        row.revoked_at = clock.now()
    await session.flush()
    return row


def _split_key(key: str) -> tuple[int, str] | None:
    parts = key.split("_", 3)
    tenant_id = tenant_id_from(parts[1]) if len(parts) == 4 else None
    if tenant_id is None or parts[0] != KEY_PREFIX:
        return None
    return tenant_id, parts[2]


async def authenticate_api_key(db: Database, key: str) -> Actor:
    """The integration actor a key stands for; UNAUTHENTICATED if unknown or revoked."""
    split = _split_key(key.strip())
    if split is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid API key")
    tenant_id, prefix = split
    async with tenant_session(db, Actor.system(tenant_id, label="api-key")) as session:
        row = await session.scalar(
            select(ApiKey).where(ApiKey.prefix == prefix, live_tenant(tenant_id))
        )
        if (
            row is None
            or row.revoked_at is not None
            or not same_digest(key.strip(), row.secret_hash)
        ):
            raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid API key")
        now = clock.now()
        if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
            session.info["skip_audit"] = True  # a usage stamp is not a change worth auditing
            row.last_used_at = now
            await session.commit()
        return Actor(
            tenant_id=tenant_id,
            role=Role.INTEGRATION,
            scopes=frozenset(Permission(s) for s in row.scopes),
            label=f"api-key:{row.name}",
            extra={"api_key_id": str(row.id)},
        )


async def create_oauth_client(
    session: AsyncSession, actor: Actor, name: str, scopes: list[str]
) -> IssuedSecret:
    """Register a client-credentials client; the returned secret is the only copy."""
    authorize(actor, Permission.API_KEY_MANAGE)
    name = _checked_key_name(name)
    granted = parse_scopes(scopes)
    client_id = f"{CLIENT_PREFIX}_{actor.tenant_id}_{new_token_id()}"
    secret = new_secret(32)
    row = OAuthClient(
        client_id=client_id,
        secret_hash=digest(secret),
        name=name,
        scopes=sorted(p.value for p in granted),
    )
    session.add(row)
    await session.flush()
    return IssuedSecret(id=row.id, public_id=client_id, secret=secret)


async def revoke_oauth_client(session: AsyncSession, actor: Actor, client_pk: int) -> OAuthClient:
    """Revoke a client (idempotent): its tokens are no longer issued."""
    authorize(actor, Permission.API_KEY_MANAGE)
    row = await session.get(OAuthClient, client_pk)
    if row is None:
        raise NotFound("OAuth client")
    if row.revoked_at is None:
        row.revoked_at = clock.now()
    await session.flush()
    return row


def tenant_of_client(client_id: str) -> int | None:
    """The tenant encoded in a client id, or None if it is not one of ours."""
    parts = client_id.split("_", 2)
    if len(parts) != 3 or parts[0] != CLIENT_PREFIX:
        return None
    return tenant_id_from(parts[1])


async def find_oauth_client(db: Database, client_id: str) -> OAuthClient | None:
    """An active client by id (its tenant comes from the id itself)."""
    tenant_id = tenant_of_client(client_id)
    if tenant_id is None:
        return None
    async with tenant_session(db, Actor.system(tenant_id, label="oauth")) as session:
        row = await session.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id))
        return row if row is not None and row.revoked_at is None else None
