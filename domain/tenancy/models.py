"""The tenant: one franchise brand and everything of it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, json_column
from domain.tenancy.policies import TenantPolicies


class Tenant(Base):
    """A franchise brand. Not itself tenant-owned: it is the owner."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(16), default="zh-CN")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    policies_json: Mapped[dict[str, Any]] = json_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    # Deleted by its HQ (soft): nobody of it signs in any more; purged after `purge_after`.
    deleted_at: Mapped[datetime | None] = mapped_column()
    purge_after: Mapped[datetime | None] = mapped_column()

    @property
    def policies(self) -> TenantPolicies:
        """The tenant's policies, typed (defaults fill what was never set)."""
        return TenantPolicies.model_validate(self.policies_json or {})

    @policies.setter
    def policies(self, value: TenantPolicies) -> None:
        self.policies_json = value.model_dump(mode="json")
