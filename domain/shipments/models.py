"""Pick lists, shipments, their tracking events, and the carriers' webhook secrets per tenant."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain import clock
from domain.db import Base, StoreScoped, TenantOwned, Timestamped, enum_column


class PickListStatus(StrEnum):
    """Where the warehouse is with an order's goods."""

    OPEN = "open"  # made at confirmation, waiting for the warehouse
    PICKING = "picking"
    SHIPPED = "shipped"  # packed and handed to the carrier
    CANCELLED = "cancelled"


class ShipmentStatus(StrEnum):
    """Where a shipment is; carrier events move it (newest event wins, see domain.shipments.tracking)."""

    CREATED = "created"  # handed over, waiting for the carrier's first scan
    PICKED_UP = "picked_up"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"


class EventSource(StrEnum):
    """Who reported a tracking event."""

    CARRIER = "carrier"  # the carrier's signed webhook
    SIMULATOR = "simulator"  # the demo's simulated carrier, through the same webhook service
    STAFF = "staff"  # recorded by hand at headquarters


class PickList(StoreScoped, Timestamped, Base):
    """What the warehouse picks for one confirmed order."""

    __tablename__ = "pick_lists"
    __table_args__ = (
        UniqueConstraint("order_id"),
        Index(None, "tenant_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    status: Mapped[PickListStatus] = enum_column(PickListStatus, default=PickListStatus.OPEN)
    total_units: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column()
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    completed_at: Mapped[datetime | None] = mapped_column()

    lines: Mapped[list[PickListLine]] = relationship(
        back_populates="pick_list", cascade="all, delete-orphan", order_by="PickListLine.id"
    )


class PickListLine(TenantOwned, Base):
    """One SKU to pick from one warehouse, and how many."""

    __tablename__ = "pick_list_lines"
    # Written once with the pick list, whose creation is audited with the line count.
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        UniqueConstraint("pick_list_id", "sku_id", "warehouse_id"),
        CheckConstraint("qty > 0", name="qty_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(
        ForeignKey("pick_lists.id", ondelete="CASCADE"), index=True
    )
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="RESTRICT"))
    # Where the units are reserved (None: the order holds no reservation for them).
    warehouse_id: Mapped[int | None] = mapped_column(
        ForeignKey("warehouses.id", ondelete="RESTRICT")
    )
    qty: Mapped[int] = mapped_column(Integer)

    pick_list: Mapped[PickList] = relationship(back_populates="lines")


class Shipment(StoreScoped, Timestamped, Base):
    """The delivery of an order: carrier, tracking number, parcels, status and proof of delivery."""

    __tablename__ = "shipments"
    __table_args__ = (
        UniqueConstraint("order_id"),
        # Carriers report by tracking number: it finds the shipment, once per tenant and carrier.
        UniqueConstraint("tenant_id", "carrier", "tracking_number"),
        Index(None, "tenant_id", "status", "shipped_at"),
        CheckConstraint("parcels > 0", name="parcels_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    carrier: Mapped[str] = mapped_column(String(32))
    tracking_number: Mapped[str] = mapped_column(String(40))
    parcels: Mapped[int] = mapped_column(Integer)
    status: Mapped[ShipmentStatus] = enum_column(ShipmentStatus, default=ShipmentStatus.CREATED)
    shipped_at: Mapped[datetime] = mapped_column(default=clock.now)
    estimated_delivery: Mapped[date | None] = mapped_column()
    delivered_at: Mapped[datetime | None] = mapped_column()
    # When the newest event that moved the shipment happened: older ones are history only.
    last_event_at: Mapped[datetime | None] = mapped_column()
    exception_reason: Mapped[str | None] = mapped_column(Text)
    signed_by: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column()
    photo_ref: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class TrackingEvent(StoreScoped, Base):
    """One event a carrier (or the simulator, or staff) reported about a shipment: its history."""

    __tablename__ = "tracking_events"
    # An append-only log in itself; the shipment changes it causes are audited.
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        # A carrier's event id is unique at the carrier: a redelivered webhook is a duplicate.
        UniqueConstraint("tenant_id", "carrier", "event_id"),
        Index(None, "shipment_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"))
    carrier: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[ShipmentStatus] = enum_column(ShipmentStatus)
    occurred_at: Mapped[datetime] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(default=clock.now)
    location: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    estimated_delivery: Mapped[date | None] = mapped_column()
    signed_by: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column()
    photo_ref: Mapped[str | None] = mapped_column(String(500))
    # False when a newer event had already moved the shipment (arrived out of order).
    applied: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[EventSource] = enum_column(EventSource, default=EventSource.CARRIER)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class CarrierAccount(TenantOwned, Timestamped, Base):
    """A tenant's account at a carrier: the secret its webhooks are signed with."""

    __tablename__ = "carrier_accounts"
    # The secret must not reach the audit log: the service records a redacted entry instead.
    __audited__: ClassVar[bool] = False
    __table_args__ = (UniqueConstraint("tenant_id", "carrier"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(32))
    webhook_secret: Mapped[str] = mapped_column(String(200))
