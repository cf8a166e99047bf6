"""Reads the credentials a request carries: a bearer access token or an API key."""

from __future__ import annotations

from sqlalchemy import select
from starlette.requests import HTTPConnection

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.identity.keys import authenticate_api_key
from domain.identity.models import Membership, User
from domain.identity.tokens import actor_from_claims, read_access_token
from domain.observability.logs import bind_actor
from domain.permissions import Actor
from domain.settings import Settings
from domain.tenancy.session import tenant_session


async def authenticate(conn: HTTPConnection, db: Database, settings: Settings) -> Actor | None:
    """The actor behind a request, None when it carries no credentials; its tenant and user
    go on every later log line of the request.

    Raises UNAUTHENTICATED for credentials that are present but invalid, so that a client
    with an expired token learns to refresh instead of seeing an empty result.
    """
    actor = await _authenticate(conn, db, settings)
    bind_actor(actor)
    return actor


async def _authenticate(conn: HTTPConnection, db: Database, settings: Settings) -> Actor | None:
    header = conn.headers.get("authorization", "")
    api_key = conn.headers.get("x-api-key")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value:
        actor = actor_from_claims(read_access_token(settings, value.strip()))
        await _check_still_member(db, actor)
        return actor
    if scheme.lower() == "apikey" and value:
        return await authenticate_api_key(db, value)
    if api_key:
        return await authenticate_api_key(db, api_key)
    if header:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "unsupported Authorization scheme")
    return None


async def _check_still_member(db: Database, actor: Actor) -> None:
    """Refuse a member's token once they are deactivated or their role or region changed.

    Access tokens are short-lived, but an HQ admin who deactivates someone expects it to hold
    at once: one indexed lookup per request makes it so. Tokens of machine clients (OAuth2
    client credentials: no user) are left to their lifetime and the client's revocation.
    """
    if actor.tenant_id is None or actor.user_id is None:
        return
    async with tenant_session(db, Actor.system(actor.tenant_id, label="auth")) as session:
        row = (
            await session.execute(
                select(Membership.role, Membership.region_id, Membership.is_active, User.is_active)
                .join(User, User.id == Membership.user_id)
                .where(Membership.user_id == actor.user_id)
            )
        ).first()
    if row is None or not (row[2] and row[3]):
        raise DomainError(ErrorCode.UNAUTHENTICATED, "this account is deactivated")
    if row[0] != actor.role or row[1] != actor.region_id:
        raise DomainError(
            ErrorCode.UNAUTHENTICATED, "this account's role changed since login: log in again"
        )


def client_address(conn: HTTPConnection) -> str:
    """The caller's address, for throttling (the proxy's X-Forwarded-For first hop if set)."""
    forwarded = conn.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()[:64]
    return conn.client.host if conn.client else "unknown"
