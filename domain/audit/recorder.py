"""Writes the audit log: automatically for every flushed change, explicitly for bulk operations."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from domain import clock
from domain.audit.models import AuditEntry
from domain.db import Base, TenantOwned
from domain.db.base import SENTINEL
from domain.db.binding import session_actor, session_tenant

SECRET_COLUMNS = frozenset({"password_hash", "secret_hash", "token_hash"})
_IGNORED_COLUMNS = frozenset({"updated_at", "created_at", SENTINEL})


def jsonable(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _entity_type(obj: Base) -> str:
    return str(obj.__tablename__)


def _columns(obj: Base) -> dict[str, Any]:
    mapper = inspect(type(obj))
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        if attr.key in _IGNORED_COLUMNS:
            continue
        value = getattr(obj, attr.key)
        out[attr.key] = "***" if attr.key in SECRET_COLUMNS else jsonable(value)
    return out


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _IGNORED_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        secret = attr.key in SECRET_COLUMNS
        before[attr.key] = "***" if secret else jsonable(old)
        after[attr.key] = "***" if secret else jsonable(new)
    return before, after


def _entry(session: Session, obj: Base, action: str, before: Any, after: Any) -> dict[str, Any]:
    actor = session_actor(session)
    tenant_id = obj.tenant_id if isinstance(obj, TenantOwned) else session_tenant(session)
    identity = inspect(type(obj)).primary_key_from_instance(obj)
    return {
        "tenant_id": tenant_id,
        "at": clock.now(),
        "actor_user_id": actor.user_id,
        "actor": actor.label or actor.role.value,
        "action": f"{_entity_type(obj)}.{action}",
        "entity_type": _entity_type(obj),
        "entity_id": ",".join(str(v) for v in identity if v is not None) or None,
        "before": before,
        "after": after,
    }


def _audit_flush(session: Session, _context: Any) -> None:
    if session.info.get("skip_audit"):
        return
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, Base) and obj.__audited__:
            rows.append(_entry(session, obj, "create", None, _columns(obj)))
    for obj in session.dirty:
        if isinstance(obj, Base) and obj.__audited__ and session.is_modified(obj):
            before, after = _changes(obj)
            if after:
                rows.append(_entry(session, obj, "update", before, after))
    for obj in session.deleted:
        if isinstance(obj, Base) and obj.__audited__:
            rows.append(_entry(session, obj, "delete", _columns(obj), None))
    rows = [r for r in rows if r["tenant_id"] is not None]
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


async def record(
    session: AsyncSession,
    action: str,
    entity_type: str,
    entity_id: str | int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Write one explicit audit entry (for bulk operations and semantic events)."""
    actor = session_actor(session)
    session.add(
        AuditEntry(
            tenant_id=session_tenant(session),
            actor_user_id=actor.user_id,
            actor=actor.label or actor.role.value,
            action=action,
            entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            before=jsonable(before) if before is not None else None,
            after=jsonable(after) if after is not None else None,
        )
    )


event.listen(Session, "after_flush", _audit_flush)
