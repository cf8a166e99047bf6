"""Access tokens: short-lived JWTs (HS256) carrying the actor's tenant, role and region."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from domain import clock
from domain.errors import DomainError, ErrorCode
from domain.permissions import Actor, Permission, Role
from domain.settings import Settings

ISSUER = "peihuo"


def _key(settings: Settings) -> OctKey:
    return OctKey.import_key(settings.secret_key.get_secret_value())


SESSION_CLAIM = "sid"
CLIENT_CLAIM = "cid"


def issue_access_token(
    settings: Settings,
    actor: Actor,
    ttl: timedelta | None = None,
    subject: str | None = None,
    session: str | None = None,
    client: int | None = None,
) -> str:
    """A signed access token for `actor`, valid for `ttl` (the configured lifetime by default).

    `session` (the refresh token family of a login) or `client` (an OAuth client's row id)
    ties the token to what can be revoked: each request checks it is still live
    (api.auth.credentials), so logout and a client's revocation end the token at once.
    """
    issued = int(clock.now().timestamp())
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "sub": subject or str(actor.user_id),
        "iat": issued,
        "exp": issued + int((ttl or settings.access_token_ttl).total_seconds()),
        "tid": actor.tenant_id,
        "role": actor.role.value,
        "rid": actor.region_id,
        "name": actor.label,
    }
    if session is not None:
        claims[SESSION_CLAIM] = session
    if client is not None:
        claims[CLIENT_CLAIM] = client
    if actor.scopes is not None:
        claims["scope"] = " ".join(sorted(p.value for p in actor.scopes))
    return jwt.encode({"alg": "HS256"}, claims, _key(settings))


def read_access_token(settings: Settings, token: str) -> dict[str, Any]:
    """The claims of a valid token; raises UNAUTHENTICATED when forged, malformed or expired."""
    try:
        decoded = jwt.decode(token, _key(settings), algorithms=["HS256"])
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(clock.now().timestamp()),
            iss={"essential": True, "value": ISSUER},
            exp={"essential": True},
            role={"essential": True},
        )
        registry.validate(decoded.claims)
    except (JoseError, ValueError) as error:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid or expired access token") from error
    return dict(decoded.claims)


def actor_from_claims(claims: dict[str, Any]) -> Actor:
    """The actor an access token speaks for."""
    scope = claims.get("scope")
    sub = str(claims.get("sub", ""))
    return Actor(
        tenant_id=claims.get("tid"),
        role=Role(claims["role"]),
        user_id=int(sub) if sub.isdigit() else None,
        region_id=claims.get("rid"),
        scopes=frozenset(Permission(s) for s in scope.split()) if scope else None,
        label=str(claims.get("name") or sub),
    )
