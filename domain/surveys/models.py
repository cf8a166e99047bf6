"""The satisfaction survey after a delivery: overall and four factors, 1 to 5, once per order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.db import Base, StoreScoped, Timestamped

# The factors principle 8 names, in the order a franchisee is asked.
FACTORS = ("pick_accuracy", "timeliness", "goods_quality", "value_for_money")
SCORES = ("overall", *FACTORS)
LOWEST, HIGHEST = 1, 5


def _score_check(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR ({column} >= {LOWEST} AND {column} <= {HIGHEST})",
        name=f"{column}_range",
    )


class Survey(StoreScoped, Timestamped, Base):
    """One order's survey: requested at delivery, answered once by the store's franchisee."""

    __tablename__ = "surveys"
    __table_args__ = (
        UniqueConstraint("order_id"),
        Index(None, "tenant_id", "store_id", "answered_at"),
        *(_score_check(c) for c in SCORES),
        CheckConstraint(
            "answered_at IS NULL OR (overall IS NOT NULL AND pick_accuracy IS NOT NULL "
            "AND timeliness IS NOT NULL AND goods_quality IS NOT NULL "
            "AND value_for_money IS NOT NULL)",
            name="answer_complete",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column()
    answered_at: Mapped[datetime | None] = mapped_column()
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    overall: Mapped[int | None] = mapped_column(SmallInteger)
    pick_accuracy: Mapped[int | None] = mapped_column(SmallInteger)
    timeliness: Mapped[int | None] = mapped_column(SmallInteger)
    goods_quality: Mapped[int | None] = mapped_column(SmallInteger)
    value_for_money: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)

    @property
    def answered(self) -> bool:
        """Whether the franchisee has answered."""
        return self.answered_at is not None
