"""Reads the credentials a request carries: a bearer access token or an API key."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from domain.db import Database
from domain.db.binding import ACTOR_KEY, TENANT_KEY
from domain.errors import DomainError, ErrorCode
from domain.identity.keys import authenticate_api_key
from domain.identity.models import Membership, OAuthClient, RefreshToken, User
from domain.identity.tokens import (
    CLIENT_CLAIM,
    SESSION_CLAIM,
    actor_from_claims,
    read_access_token,
)
from domain.observability.logs import bind_actor
from domain.permissions import Actor, Role
from domain.settings import Settings
from domain.tenancy.live import live_tenant, tenant_deleted_error
from domain.tenancy.session import tenant_session


async def authenticate(
    conn: HTTPConnection, db: Database, settings: Settings, session: AsyncSession | None = None
) -> Actor | None:
    """The actor behind a request, None when it carries no credentials; its tenant and user
    go on every later log line of the request.

    Raises UNAUTHENTICATED for credentials that are present but invalid, so that a client
    with an expired token learns to refresh instead of seeing an empty result. Given the
    request's (unused) `session`, a token is checked in it, and the session is bound to the
    token's tenant and actor: one session, one transaction for the whole request.
    """
    actor = await _authenticate(conn, db, settings, session)
    bind_actor(actor)
    return actor


async def _authenticate(
    conn: HTTPConnection, db: Database, settings: Settings, session: AsyncSession | None
) -> Actor | None:
    header = conn.headers.get("authorization", "")
    api_key = conn.headers.get("x-api-key")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value:
        claims = read_access_token(settings, value.strip())
        actor = actor_from_claims(claims)
        if actor.tenant_id is None:
            return actor
        if session is None:
            async with tenant_session(db, Actor.system(actor.tenant_id, label="auth")) as own:
                await _check_still_live(own, actor, claims)
        else:
            session.info.update({TENANT_KEY: actor.tenant_id, ACTOR_KEY: actor})
            await _check_still_live(session, actor, claims)
        return actor
    if scheme.lower() == "apikey" and value:
        return await authenticate_api_key(db, value)
    if api_key:
        return await authenticate_api_key(db, api_key)
    if header:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "unsupported Authorization scheme")
    return None


def _member_check(with_session: bool) -> Select[Role, int | None, bool, bool, bool, bool]:
    """The lookup of every request with a user's token: the membership and the user still
    active, the login's session not ended (`with_session`), the tenant not deleted."""
    live = (
        select(RefreshToken.id)
        .where(RefreshToken.family == bindparam("family"), RefreshToken.revoked_at.is_(None))
        .exists()
        if with_session
        else true()
    )
    return (
        select(
            Membership.role,
            Membership.region_id,
            Membership.is_active,
            User.is_active,
            live,
            live_tenant(bindparam("tenant_id")),
        )
        .join(User, User.id == Membership.user_id)
        .where(Membership.user_id == bindparam("user_id"))
    )


# Built once, not per request: building it was a few hundred Python calls of every request.
_MEMBER_CHECK = {with_session: _member_check(with_session) for with_session in (False, True)}


async def _check_still_live(session: AsyncSession, actor: Actor, claims: dict[str, object]) -> None:
    """Refuse a token of a deleted tenant, or whose login was ended (logout, a reused refresh token), whose OAuth
    client was revoked, or whose member was deactivated or changed role or region since.

    One indexed lookup per request: the token's session (its refresh token family, which
    logout revokes) is checked in the same query as the membership; a client's token is
    checked against the client's row. Access tokens are short-lived, but "signed out" and
    "revoked" must hold at once.
    """
    session_id = claims.get(SESSION_CLAIM)
    tenant_id = actor.tenant_id
    assert tenant_id is not None
    client_pk = claims.get(CLIENT_CLAIM)
    if actor.user_id is None:
        if isinstance(client_pk, int):
            client = (
                await session.execute(
                    select(OAuthClient.revoked_at, live_tenant(tenant_id)).where(
                        OAuthClient.id == client_pk
                    )
                )
            ).first()
            if client is None or client[0] is not None:
                raise DomainError(ErrorCode.UNAUTHENTICATED, "this client was revoked")
            if not client[1]:
                raise tenant_deleted_error()
        return
    values: dict[str, object] = {"user_id": actor.user_id, "tenant_id": tenant_id}
    if session_id is not None:
        values["family"] = str(session_id)
    row = (await session.execute(_MEMBER_CHECK[session_id is not None], values)).first()
    if row is None or not (row[2] and row[3]):
        raise DomainError(ErrorCode.UNAUTHENTICATED, "this account is deactivated")
    if not row[5]:
        raise tenant_deleted_error()
    if not row[4]:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "signed out: log in again")
    if row[0] != actor.role or row[1] != actor.region_id:
        raise DomainError(
            ErrorCode.UNAUTHENTICATED, "this account's role changed since login: log in again"
        )


def client_address(conn: HTTPConnection) -> str:
    """The caller's address, for throttling: the connection's peer. Forwarded headers are
    honoured only from the trusted proxies (PEIHUO_TRUSTED_PROXIES), by uvicorn's
    ProxyHeadersMiddleware in front of the app, which puts the client they name here."""
    return conn.client.host[:64] if conn.client else "unknown"
