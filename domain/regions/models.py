"""A region and the provinces it covers (each province in at most one region of a tenant)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.db import Base, TenantOwned, Timestamped


class Region(TenantOwned, Timestamped, Base):
    """A group of provinces with its own managers and merchandisers."""

    __tablename__ = "regions"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    provinces: Mapped[list[RegionProvince]] = relationship(
        back_populates="region",
        cascade="all, delete-orphan",
        order_by="RegionProvince.province",
        lazy="selectin",
    )

    @property
    def province_names(self) -> list[str]:
        """The region's provinces by name, sorted."""
        return sorted(p.province for p in self.provinces)


class RegionProvince(TenantOwned, Base):
    """One province of a region."""

    __tablename__ = "region_provinces"
    __table_args__ = (UniqueConstraint("tenant_id", "province"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    province: Mapped[str] = mapped_column(String(40))
    region: Mapped[Region] = relationship(back_populates="provinces")
