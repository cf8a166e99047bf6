"""An order and its lines; `status` says where it is between proposal and delivery."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain import clock
from domain.db import (
    Base,
    StoreScoped,
    TenantOwned,
    Timestamped,
    enum_column,
    insert_sentinel,
    json_column,
)


class OrderStatus(StrEnum):
    """Where an order is; the allowed moves are the table in domain.orders.states."""

    DRAFT = "draft"  # the engine's pick; the merchandiser may edit it
    PROPOSED = "proposed"  # sent to the franchisee
    VIEWED = "viewed"
    CONFIRMED = "confirmed"  # stock reserved from here on
    REJECTED = "rejected"
    EXPIRED = "expired"
    PICKING = "picking"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class LineSource(StrEnum):
    """Who put a line on the order."""

    ENGINE = "engine"
    MERCHANDISER = "merchandiser"
    FRANCHISEE = "franchisee"


class Order(StoreScoped, Timestamped, Base):
    """A proposal for one store, then (once confirmed) the order shipped to it."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("tenant_id", "number"),
        # One proposal per store per recommendation run: reruns and retried jobs upsert.
        UniqueConstraint("tenant_id", "run_id", "store_id"),
        Index(None, "tenant_id", "status"),
        Index(None, "tenant_id", "store_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    status: Mapped[OrderStatus] = enum_column(OrderStatus, default=OrderStatus.DRAFT)
    run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    merchandiser_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    budget: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    total_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    total_retail: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    total_units: Mapped[int] = mapped_column(Integer, default=0)
    holdout: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    proposed_at: Mapped[datetime | None] = mapped_column()
    viewed_at: Mapped[datetime | None] = mapped_column()
    confirmed_at: Mapped[datetime | None] = mapped_column()
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column()
    expires_at: Mapped[datetime | None] = mapped_column()
    shipped_at: Mapped[datetime | None] = mapped_column()
    delivered_at: Mapped[datetime | None] = mapped_column()
    close_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )

    _sentinel: Mapped[int | None] = insert_sentinel()

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012


class OrderLine(TenantOwned, Base):
    """One SKU on an order: what the engine recommended, what the order now holds, and why."""

    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "sku_id"),
        CheckConstraint("qty >= 0", name="qty_not_negative"),
        CheckConstraint("recommended_qty >= 0", name="recommended_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="RESTRICT"))
    recommended_qty: Mapped[int] = mapped_column(Integer, default=0)
    # What the franchisee was sent (after the merchandiser's edits); set when the order is sent.
    proposed_qty: Mapped[int | None] = mapped_column(Integer)
    qty: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[Decimal] = mapped_column()
    retail_price: Mapped[Decimal] = mapped_column()
    source: Mapped[LineSource] = enum_column(LineSource, default=LineSource.ENGINE)
    # Who last changed `qty` (None: nobody since the line was put on); a removed line keeps qty 0.
    changed_by: Mapped[LineSource | None] = enum_column(
        LineSource, "changed_by", nullable=True, default=None
    )
    # Why the line is there: forecast mean, on hand, value of the last unit, what bound it.
    reason: Mapped[dict[str, Any]] = json_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    order: Mapped[Order] = relationship(back_populates="lines")
    _sentinel: Mapped[int | None] = insert_sentinel()


class ApprovalStatus(StrEnum):
    """Where an over-budget approval request is."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"  # the draft came back within the limit before HQ decided


class OrderApproval(StoreScoped, Base):
    """A request to HQ to let a draft go over the store's budget beyond the tenant's limit."""

    __tablename__ = "order_approvals"
    __table_args__ = (
        Index(None, "tenant_id", "status", "requested_at"),
        # At most one undecided request per order.
        Index(
            "uq_order_approvals_pending",
            "order_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    status: Mapped[ApprovalStatus] = enum_column(ApprovalStatus, default=ApprovalStatus.PENDING)
    amount: Mapped[Decimal] = mapped_column()  # the order's cost asked for
    budget: Mapped[Decimal] = mapped_column()  # the store's budget for the order
    limit_amount: Mapped[Decimal] = mapped_column()  # what may be spent without approval
    justification: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(default=clock.now)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column()
    decision_reason: Mapped[str | None] = mapped_column(Text)


class StockReservation(StoreScoped, Base):
    """Units of one order line held in one HQ warehouse, so that they can be released exactly.

    `qty` was reserved at confirmation; `consumed` left the warehouse with a shipment and
    `released` went back to the free stock. What is still held is the rest.
    """

    __tablename__ = "stock_reservations"
    __table_args__ = (
        UniqueConstraint("order_line_id", "warehouse_id"),
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint(
            "consumed >= 0 AND released >= 0 AND consumed + released <= qty", name="within_qty"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_lines.id", ondelete="CASCADE"), index=True
    )
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id", ondelete="RESTRICT"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="RESTRICT"))
    qty: Mapped[int] = mapped_column(Integer)
    consumed: Mapped[int] = mapped_column(Integer, default=0)
    released: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    @property
    def held(self) -> int:
        """Units still reserved."""
        return self.qty - self.consumed - self.released


class OrderTransition(StoreScoped, Base):
    """One status change of an order: the funnel's raw data (who, from, to, when, why)."""

    __tablename__ = "order_transitions"
    __table_args__ = (Index(None, "tenant_id", "order_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    from_status: Mapped[OrderStatus | None] = enum_column(OrderStatus, "from_status", nullable=True)
    to_status: Mapped[OrderStatus] = enum_column(OrderStatus, "to_status")
    action: Mapped[str] = mapped_column(String(40))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=clock.now)
