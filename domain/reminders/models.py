"""One rung of the reminder ladder, fired once for one proposal."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, StoreScoped, enum_column


class Rung(StrEnum):
    """A step of the ladder, in the order they come."""

    REMINDER = "reminder"  # to the franchisee, after `reminder_after_hours`
    MERCHANDISER = "merchandiser"  # escalation, after `escalate_merchandiser_after_hours`
    MANAGER = "manager"  # escalation to the regional manager, after `escalate_manager_after_hours`


class ProposalReminder(StoreScoped, Base):
    """A rung reached by an unconfirmed proposal: unique per order and rung, so it fires once."""

    __tablename__ = "proposal_reminders"
    __table_args__ = (
        UniqueConstraint("order_id", "rung"),
        Index(None, "tenant_id", "rung", "fired_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    rung: Mapped[Rung] = enum_column(Rung)
    due_at: Mapped[datetime] = mapped_column()
    fired_at: Mapped[datetime | None] = mapped_column()
    # What firing did: who was told, or why nobody was (the order moved on meanwhile).
    outcome: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
