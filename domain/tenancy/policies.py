"""A tenant's policies as typed settings (stored as JSON on the tenant)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class TierPolicy(BaseModel):
    """Service level by store tier: weight of a tier's stores when HQ stock is scarce."""

    model_config = ConfigDict(extra="forbid")

    weights: dict[str, float] = Field(
        default_factory=lambda: {"A": 1.3, "B": 1.0, "C": 0.85},
        description="Multiplier on a store's claim to scarce stock, by tier.",
    )


class AllocationPolicy(BaseModel):
    """How the recommendation engine picks for this tenant."""

    model_config = ConfigDict(extra="forbid")

    horizon_days: int = Field(default=28, ge=7, le=180)
    min_style_units: int = Field(
        default=0, ge=0, description="If a style is sent, at least this many units of it."
    )
    sku_share_cap: float | None = Field(
        default=None, gt=0, le=1, description="Largest share of one SKU's stock one store may take."
    )
    holdout_fraction: float = Field(
        default=0.0, ge=0, le=0.5, description="Share of stores left on the proportional baseline."
    )
    nightly_run_cron: str | None = Field(
        default="0 2 * * *", description="When the nightly recommendation run starts (tenant time)."
    )


class ServicePolicy(BaseModel):
    """Reminders, escalations, notifications and complaint SLAs."""

    model_config = ConfigDict(extra="forbid")

    reminder_after_hours: int = Field(default=24, ge=1)
    escalate_merchandiser_after_hours: int = Field(default=48, ge=1)
    escalate_manager_after_hours: int = Field(default=72, ge=1)
    warehouse_cutoff_hours: int = Field(
        default=120,
        ge=1,
        description="A proposal still unconfirmed this long after sending expires.",
    )
    notifications_per_day: int = Field(default=5, ge=1)
    merchandiser_over_budget_limit: Decimal = Field(
        default=Decimal("0.10"),
        ge=0,
        description="Share over the store budget a merchandiser may go without HQ approval.",
    )
    complaint_sla_hours: dict[str, int] = Field(
        default_factory=lambda: {"low": 120, "medium": 72, "high": 24, "critical": 8}
    )


class TenantPolicies(BaseModel):
    """Everything a tenant decides for itself."""

    model_config = ConfigDict(extra="forbid")

    tiers: TierPolicy = Field(default_factory=TierPolicy)
    allocation: AllocationPolicy = Field(default_factory=AllocationPolicy)
    service: ServicePolicy = Field(default_factory=ServicePolicy)
