"""An append-only audit entry per change."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, TenantOwned, insert_sentinel, json_column


class AuditEntry(TenantOwned, Base):
    """One change: who, what (entity and action), before and after, when."""

    __tablename__ = "audit_log"
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        Index(None, "tenant_id", "entity_type", "entity_id"),
        Index(None, "tenant_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=clock.now)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[dict[str, Any] | None] = json_column(nullable=True)
    after: Mapped[dict[str, Any] | None] = json_column(nullable=True)
    _sentinel: Mapped[int | None] = insert_sentinel()
