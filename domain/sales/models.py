"""Daily sales per store × SKU, with the closing stock when the feed reports it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, PrimaryKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.db import Base, StoreScoped


class DailySale(StoreScoped, Base):
    """Units one store sold of one SKU on one day.

    A row with `qty = 0` and `on_hand_close = 0` records a day out of stock: the forecast
    treats such days as censored demand, not as zero demand.
    """

    __tablename__ = "daily_sales"
    __store_id_primary_key__: ClassVar[bool] = True
    __audited__: ClassVar[bool] = False  # bulk feed; each import is audited as one entry
    __table_args__ = (
        PrimaryKeyConstraint("store_id", "sku_id", "day"),
        CheckConstraint("qty >= 0", name="qty_not_negative"),
        CheckConstraint("on_hand_close IS NULL OR on_hand_close >= 0", name="on_hand_not_negative"),
        Index(None, "tenant_id", "day"),
    )

    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    qty: Mapped[int] = mapped_column(Integer)
    revenue: Mapped[Decimal | None] = mapped_column()
    on_hand_close: Mapped[int | None] = mapped_column(Integer)
