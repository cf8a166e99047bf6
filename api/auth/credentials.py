"""Reads the credentials a request carries: a bearer access token or an API key."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.identity.keys import authenticate_api_key
from domain.identity.tokens import actor_from_claims, read_access_token
from domain.permissions import Actor
from domain.settings import Settings


async def authenticate(conn: HTTPConnection, db: Database, settings: Settings) -> Actor | None:
    """The actor behind a request, None when it carries no credentials.

    Raises UNAUTHENTICATED for credentials that are present but invalid, so that a client
    with an expired token learns to refresh instead of seeing an empty result.
    """
    header = conn.headers.get("authorization", "")
    api_key = conn.headers.get("x-api-key")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value:
        return actor_from_claims(read_access_token(settings, value.strip()))
    if scheme.lower() == "apikey" and value:
        return await authenticate_api_key(db, value)
    if api_key:
        return await authenticate_api_key(db, api_key)
    if header:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "unsupported Authorization scheme")
    return None


def client_address(conn: HTTPConnection) -> str:
    """The caller's address, for throttling (the proxy's X-Forwarded-For first hop if set)."""
    forwarded = conn.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()[:64]
    return conn.client.host if conn.client else "unknown"
