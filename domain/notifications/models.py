"""A notification to one person about one store, and the log of every attempt to deliver it."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, StoreScoped, enum_column
from domain.passport.models import ContactKind
from domain.stores.models import ContactChannel


class Audience(StrEnum):
    """Who a notification is for, relative to the store."""

    FRANCHISEE = "franchisee"
    MERCHANDISER = "merchandiser"
    REGIONAL_MANAGER = "regional_manager"
    HQ = "hq"


class NotificationStatus(StrEnum):
    """Where a notification is on its way to the recipient."""

    SCHEDULED = "scheduled"  # admitted; goes out at `send_after` (after quiet hours)
    SENT = "sent"
    FAILED = "failed"  # every attempt failed
    DEFERRED = "deferred"  # over the store's daily cap: waits for the next day's digest
    DIGESTED = "digested"  # went out inside a digest


class DeliveryOutcome(StrEnum):
    """What happened at one step of a notification's delivery."""

    SENT = "sent"
    FAILED = "failed"  # this attempt failed; another follows after a backoff
    GAVE_UP = "gave_up"  # the last attempt failed
    DELAYED = "delayed"  # held until the store's quiet hours end
    DEFERRED = "deferred"  # over the daily cap, moved to the next day's digest
    DIGESTED = "digested"  # carried by a digest


class Notification(StoreScoped, Base):
    """One message to one recipient about one store, rendered in the recipient's language.

    `key` is the business identity (event and recipient), so a retried job never notifies twice.
    Not audited row by row: the delivery log is its history.
    """

    __tablename__ = "notifications"
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        UniqueConstraint("tenant_id", "key"),
        Index(None, "tenant_id", "store_id", "created_at"),
        Index(None, "tenant_id", "store_id", "counted_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(60))
    audience: Mapped[Audience] = enum_column(Audience)
    recipient_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    channel: Mapped[ContactChannel] = enum_column(ContactChannel)
    address: Mapped[str | None] = mapped_column(String(500))
    locale: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # Urgent notifications go to staff: never capped, never held by the store's quiet hours.
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[NotificationStatus] = enum_column(
        NotificationStatus, default=NotificationStatus.SCHEDULED
    )
    send_after: Mapped[datetime] = mapped_column(default=clock.now)
    # The store-local day whose cap this notification counts against (franchisees only).
    counted_on: Mapped[date | None] = mapped_column()
    # The store-local day of the digest that will carry a deferred notification.
    deferred_to: Mapped[date | None] = mapped_column()
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL")
    )
    # Logged in the store's passport once delivered (reminders are contacts with the store).
    contact_kind: Mapped[ContactKind | None] = enum_column(ContactKind, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class NotificationDelivery(StoreScoped, Base):
    """One step of a delivery: an attempt (sent or failed) or a decision (delayed, deferred)."""

    __tablename__ = "notification_deliveries"
    __audited__: ClassVar[bool] = False
    __table_args__ = (Index(None, "tenant_id", "store_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[ContactChannel] = enum_column(ContactChannel)
    recipient: Mapped[str | None] = mapped_column(String(500))
    outcome: Mapped[DeliveryOutcome] = enum_column(DeliveryOutcome)
    response_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=clock.now)
