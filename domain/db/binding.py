"""What a session is bound to: its tenant and the actor it acts for, kept in `session.info`.

`domain.tenancy.session` makes bound sessions and enforces the binding; anything that only
needs to read it (the audit recorder, for one) reads it here.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from domain.permissions import Actor

TENANT_KEY = "tenant_id"
ACTOR_KEY = "actor"


def session_tenant(session: Session | AsyncSession) -> int | None:
    """The tenant a session is bound to (None for a platform-level session)."""
    info = session.info
    value = info.get(TENANT_KEY)
    return int(value) if value is not None else None


def session_actor(session: Session | AsyncSession) -> Actor:
    """The actor a session acts for."""
    actor = session.info.get(ACTOR_KEY)
    if actor is None:
        return Actor.system(session_tenant(session))
    assert isinstance(actor, Actor)
    return actor
