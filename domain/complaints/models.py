"""A complaint about a store's service, its deadline, assignee, escalation and resolution."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, StoreScoped, Timestamped, enum_column
from domain.permissions import Role
from domain.severity import Severity


class ComplaintCategory(StrEnum):
    """What the complaint is about."""

    WRONG_GOODS = "wrong_goods"
    SHORTAGE = "shortage"
    DAMAGED = "damaged"
    QUALITY = "quality"
    LATE_DELIVERY = "late_delivery"
    PICK_ACCURACY = "pick_accuracy"
    SERVICE = "service"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    """Where a complaint is; the allowed moves are `domain.complaints.service.TRANSITIONS`."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Escalation(StrEnum):
    """Who has been called in because the deadline passed."""

    NONE = "none"
    REGION = "region"  # the regional manager, when the deadline passes
    HQ = "hq"  # head office, one more SLA period later


class Complaint(StoreScoped, Timestamped, Base):
    """One complaint of a store, possibly about an order or a shipment."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index(None, "tenant_id", "status", "due_at"),
        Index(None, "tenant_id", "store_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), index=True
    )
    shipment_id: Mapped[int | None] = mapped_column(
        ForeignKey("shipments.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[ComplaintCategory] = enum_column(ComplaintCategory)
    severity: Mapped[Severity] = enum_column(Severity)
    status: Mapped[ComplaintStatus] = enum_column(ComplaintStatus, default=ComplaintStatus.OPEN)
    description: Mapped[str] = mapped_column(Text)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filed_by_role: Mapped[Role] = enum_column(Role)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    due_at: Mapped[datetime] = mapped_column()
    escalation: Mapped[Escalation] = enum_column(Escalation, default=Escalation.NONE)
    escalated_at: Mapped[datetime | None] = mapped_column()
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column()


class ComplaintPhoto(StoreScoped, Base):
    """A photo attached to a complaint: re-encoded on upload, kept in the file store by key."""

    __tablename__ = "complaint_photos"
    __table_args__ = (UniqueConstraint("storage_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    # Where the re-encoded image is (domain.storage.files); never shown to clients.
    storage_key: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
