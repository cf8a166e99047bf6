"""A franchise store, its custom field definitions, and its merchandiser assignment history."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, StoreScoped, TenantOwned, Timestamped, enum_column, json_column


class Tier(StrEnum):
    """Value tier, by purchase value and frequency."""

    A = "A"
    B = "B"
    C = "C"


class StoreStatus(StrEnum):
    """Whether the store trades."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class ContactChannel(StrEnum):
    """How a store prefers to be notified."""

    EMAIL = "email"
    SMS = "sms"
    CHAT = "chat"


class Store(TenantOwned, Timestamped, Base):
    """One franchise shop: the heart of its service passport (档案)."""

    __tablename__ = "stores"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        CheckConstraint("budget >= 0", name="budget_not_negative"),
        CheckConstraint("display_capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("floor_area > 0", name="area_positive"),
        Index(None, "tenant_id", "region_id"),
        Index(None, "tenant_id", "merchandiser_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="RESTRICT"))
    # The dedicated merchandiser now; MerchandiserAssignment keeps the history.
    merchandiser_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    franchisee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    franchisee_name: Mapped[str | None] = mapped_column(String(200))
    franchisee_phone: Mapped[str | None] = mapped_column(String(40))
    franchisee_email: Mapped[str | None] = mapped_column(String(254))
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    opened_on: Mapped[date | None] = mapped_column()
    floor_area: Mapped[Decimal] = mapped_column(default=Decimal("80"))
    display_capacity: Mapped[int] = mapped_column(Integer, default=500)
    tier: Mapped[Tier] = enum_column(Tier, default=Tier.B)
    status: Mapped[StoreStatus] = enum_column(StoreStatus, default=StoreStatus.ACTIVE)
    budget: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # Preferences (validated by domain.stores.preferences.StorePreferences).
    favoured_categories: Mapped[list[str]] = json_column(default=list)
    excluded_categories: Mapped[list[str]] = json_column(default=list)
    excluded_skus: Mapped[list[str]] = json_column(default=list)
    price_min: Mapped[Decimal | None] = mapped_column()
    price_max: Mapped[Decimal | None] = mapped_column()
    preferred_channel: Mapped[ContactChannel] = enum_column(
        ContactChannel, default=ContactChannel.EMAIL
    )
    chat_webhook_url: Mapped[str | None] = mapped_column(String(500))
    quiet_hours_start: Mapped[time | None] = mapped_column()
    quiet_hours_end: Mapped[time | None] = mapped_column()
    custom_fields: Mapped[dict[str, Any]] = json_column(default=dict)


class FieldType(StrEnum):
    """Type of a tenant-defined custom field."""

    TEXT = "text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    CHOICE = "choice"


class CustomFieldDefinition(TenantOwned, Timestamped, Base):
    """A field the tenant adds to every store's passport, with its type and rules."""

    __tablename__ = "custom_field_definitions"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[FieldType] = enum_column(FieldType)
    choices: Mapped[list[str]] = json_column(default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    help_text: Mapped[str | None] = mapped_column(String(500))
    # The store's franchisee may fill this field (in the portal's settings), not only staff.
    franchisee_editable: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )


class MerchandiserAssignment(StoreScoped, Base):
    """A period during which one merchandiser is a store's dedicated merchandiser."""

    __tablename__ = "merchandiser_assignments"
    __table_args__ = (
        # Exactly one active assignment per store at a time.
        Index(
            "uq_merchandiser_assignments_active",
            "store_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
            sqlite_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    merchandiser_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    started_at: Mapped[datetime] = mapped_column(default=clock.now)
    ended_at: Mapped[datetime | None] = mapped_column()
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(500))
