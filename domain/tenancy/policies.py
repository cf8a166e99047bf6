"""A tenant's policies as typed settings (stored as JSON on the tenant)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: Store tiers a tier policy may name (domain.stores.models.Tier's values).
TIERS = ("A", "B", "C")
#: Bounds of a tier weight: a weight is a priority, not a way to starve a tier out.
MIN_TIER_WEIGHT = 0.1
MAX_TIER_WEIGHT = 10.0


class TierPolicy(BaseModel):
    """Service level by store tier: weight of a tier's stores when HQ stock is scarce."""

    model_config = ConfigDict(extra="forbid")

    weights: dict[str, float] = Field(
        default_factory=lambda: {"A": 1.3, "B": 1.0, "C": 0.85},
        description=(
            "Multiplier on a store's claim to scarce stock, by tier (A, B, C; a tier left out "
            "weighs 1). The engine counts a store's expected margin this many times when HQ "
            "stock is short, so heavier tiers are served first; budgets are unaffected."
        ),
    )

    @field_validator("weights")
    @classmethod
    def _known_tiers(cls, weights: dict[str, float]) -> dict[str, float]:
        for tier, weight in weights.items():
            if tier not in TIERS:
                raise ValueError(f"unknown tier {tier!r} (tiers: {', '.join(TIERS)})")
            if not MIN_TIER_WEIGHT <= weight <= MAX_TIER_WEIGHT:
                raise ValueError(
                    f"weight of tier {tier} must be between {MIN_TIER_WEIGHT} and {MAX_TIER_WEIGHT}"
                )
        return weights


class AllocationPolicy(BaseModel):
    """How the recommendation engine picks for this tenant."""

    model_config = ConfigDict(extra="forbid")

    horizon_days: int = Field(default=28, ge=7, le=180)
    min_style_units: int = Field(
        default=0,
        ge=0,
        le=1000,
        description=(
            "Minimum presentation: if a style is sent to a store, at least this many units of "
            "it in all (its sizes together); 0 for none."
        ),
    )
    sku_share_cap: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "Largest share of one SKU's HQ stock one store may take, rounded down to whole "
            "packs but never below one pack (so that a small lot can still be sent somewhere)."
        ),
    )
    favoured_category_uplift: float = Field(
        default=0.1,
        ge=0,
        le=0.5,
        description=(
            "Extra share of forecast demand given to the categories a store's passport marks as "
            "favoured (0.1: a favoured category is picked as if it sold 10% more)."
        ),
    )
    learn_from_edits: bool = Field(
        default=True,
        description=(
            "Shift each store's picks by what its franchisee kept of each category in past "
            "confirmed orders (a category the store keeps cutting gets less)."
        ),
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
