"""A product is a style; a SKU is one colour and size of it, the unit that is stocked and sent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.db import Base, TenantOwned, Timestamped, enum_column


class Season(StrEnum):
    """Selling season of a style."""

    SPRING_SUMMER = "SS"
    AUTUMN_WINTER = "AW"
    ALL_SEASON = "ALL"


class Product(TenantOwned, Timestamped, Base):
    """A style: what the catalogue shows, priced once for all its SKUs."""

    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        CheckConstraint("retail_price > 0", name="price_positive"),
        CheckConstraint("unit_cost >= 0", name="cost_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40), index=True)
    season: Mapped[Season] = enum_column(Season, default=Season.ALL_SEASON)
    retail_price: Mapped[Decimal] = mapped_column()
    unit_cost: Mapped[Decimal] = mapped_column()
    launched_on: Mapped[date | None] = mapped_column()
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    skus: Mapped[list[Sku]] = relationship(back_populates="product", order_by="Sku.id")


class Sku(TenantOwned, Timestamped, Base):
    """One colour × size of a style."""

    __tablename__ = "skus"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        UniqueConstraint("tenant_id", "barcode"),
        CheckConstraint("pack_size >= 1", name="pack_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(60))
    colour: Mapped[str] = mapped_column(String(40))
    size: Mapped[str] = mapped_column(String(20))
    barcode: Mapped[str | None] = mapped_column(String(32))
    pack_size: Mapped[int] = mapped_column(Integer, default=1)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    product: Mapped[Product] = relationship(back_populates="skus")
