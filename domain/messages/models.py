"""A store's message thread, its messages, and how far each participant has read."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, StoreScoped, Timestamped, enum_column
from domain.permissions import Role


class ThreadLevel(StrEnum):
    """Who takes part besides the franchisee and the merchandiser."""

    STORE = "store"  # franchisee and merchandiser only
    REGION = "region"  # the regional manager joins
    HQ = "hq"  # head office joins too


class MessageThread(StoreScoped, Timestamped, Base):
    """The one conversation of a store."""

    __tablename__ = "message_threads"
    __table_args__ = (UniqueConstraint("store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[ThreadLevel] = enum_column(ThreadLevel, default=ThreadLevel.STORE)
    escalated_at: Mapped[datetime | None] = mapped_column()
    last_message_at: Mapped[datetime | None] = mapped_column()


class Message(StoreScoped, Base):
    """One message in a store's thread."""

    __tablename__ = "messages"
    __table_args__ = (Index(None, "tenant_id", "thread_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("message_threads.id", ondelete="CASCADE"))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_role: Mapped[Role] = enum_column(Role)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class MessageRead(StoreScoped, Base):
    """How far one participant has read a thread (every message up to `last_read_message_id`)."""

    __tablename__ = "message_reads"
    __audited__: ClassVar[bool] = False  # a read marker moves on every visit; nothing to audit
    __table_args__ = (UniqueConstraint("thread_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("message_threads.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    last_read_message_id: Mapped[int] = mapped_column(Integer, default=0)
    read_at: Mapped[datetime] = mapped_column(default=clock.now)
