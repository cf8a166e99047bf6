"""Contact log: every contact with a store (call, visit, message, reminder, complaint...)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, StoreScoped, enum_column


class ContactKind(StrEnum):
    """The channel or kind of a contact with a store."""

    PHONE = "phone"
    VISIT = "visit"
    CHAT = "chat"
    EMAIL = "email"
    SMS = "sms"
    MESSAGE = "message"
    REMINDER = "reminder"
    COMPLAINT = "complaint"
    NOTE = "note"


class ContactLogEntry(StoreScoped, Base):
    """One contact with a store: channel, summary, who, when."""

    __tablename__ = "contact_log"
    __table_args__ = (Index(None, "tenant_id", "store_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[ContactKind] = enum_column(ContactKind)
    summary: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    occurred_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    # What produced the entry when it was not logged by hand (e.g. "message:42").
    source: Mapped[str | None] = mapped_column(String(64))
