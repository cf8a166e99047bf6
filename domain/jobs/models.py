"""The transactional outbox and the record of jobs that have run (for exactly-once effects)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, json_column


class OutboxMessage(Base):
    """A job a committed change implies, waiting to be relayed to the queue.

    Written in the same transaction as the change, so nothing is lost if Redis is down.
    Platform-level (no row-level security): the relay reads every tenant's rows; it holds
    job names and ids, never personal data.
    """

    __tablename__ = "outbox"
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        Index(
            "ix_outbox_pending",
            "id",
            postgresql_where=text("relayed_at IS NULL"),
            sqlite_where=text("relayed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    job: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    args: Mapped[dict[str, Any]] = json_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    not_before: Mapped[datetime | None] = mapped_column()
    relayed_at: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # A row the relay cannot hand on (a job renamed by a deploy): set aside, never retried.
    dead_at: Mapped[datetime | None] = mapped_column()
    dead_error: Mapped[str | None] = mapped_column(Text)


class JobRun(Base):
    """A job key that has completed: a retried or duplicated job finds it and does nothing."""

    __tablename__ = "job_runs"
    __audited__: ClassVar[bool] = False

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    job: Mapped[str] = mapped_column(String(100))
    finished_at: Mapped[datetime] = mapped_column(default=clock.now)
