"""A tenant's policies as typed settings (stored as JSON on the tenant)."""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.severity import Severity
from domain.stores.models import Tier

#: Store tiers a tier policy may name.
TIERS = tuple(Tier)
#: Complaint severities an SLA may name.
SEVERITIES = tuple(Severity)
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


_CRON_RANGES = (
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day-of-month", 1, 31),
    ("month", 1, 12),
    ("day-of-week", 0, 7),
)
_CRON_PART = re.compile(r"^(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?$")


def _cron_field_ok(text: str, low: int, high: int) -> bool:
    """Whether one cron field (`*`, `5`, `1-5`, `*/15`, lists of them) is within [low, high]."""
    for part in text.split(","):
        match = _CRON_PART.match(part)
        if match is None:
            return False
        _, start, end, step = match.groups()
        numbers = [int(n) for n in (start, end) if n is not None]
        if any(not low <= n <= high for n in numbers) or (
            len(numbers) == 2 and numbers[0] > numbers[1]
        ):
            return False
        if step is not None and int(step) < 1:
            return False
    return True


class AllocationPolicy(BaseModel):
    """How the recommendation engine picks for this tenant."""

    model_config = ConfigDict(extra="forbid")

    horizon_days: int = Field(
        default=28, ge=7, le=180, description="Days of demand a proposal covers (7 to 180)."
    )
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
        default=0.0,
        ge=0,
        le=0.5,
        description=(
            "Share of stores (0 to 0.5) each run leaves on the proportional baseline, drawn at "
            "random per run, so that the engine's lift can be measured against them."
        ),
    )
    nightly_run_cron: str | None = Field(
        default="0 2 * * *",
        description=(
            "When the nightly recommendation run starts, in tenant time, as a five-field cron "
            "expression (minute hour day-of-month month day-of-week); null for no nightly run."
        ),
    )

    @field_validator("nightly_run_cron")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        fields = value.split(" ")
        if len(fields) != len(_CRON_RANGES):
            raise ValueError("give five fields: minute hour day-of-month month day-of-week")
        for text, (name, low, high) in zip(fields, _CRON_RANGES, strict=True):
            if not _cron_field_ok(text, low, high):
                raise ValueError(f"the {name} field {text!r} is not a cron field ({low}-{high})")
        return value


class ServicePolicy(BaseModel):
    """Reminders, escalations, notifications and complaint SLAs."""

    model_config = ConfigDict(extra="forbid")

    reminder_after_hours: int = Field(
        default=24, ge=1, description="Hours after sending a proposal before the store is reminded."
    )
    escalate_merchandiser_after_hours: int = Field(
        default=48,
        ge=1,
        description="Hours after sending before an unconfirmed proposal goes to its merchandiser.",
    )
    escalate_manager_after_hours: int = Field(
        default=72,
        ge=1,
        description="Hours after sending before an unconfirmed proposal goes to the manager.",
    )
    warehouse_cutoff_hours: int = Field(
        default=120,
        ge=1,
        description="A proposal still unconfirmed this long after sending expires.",
    )
    notifications_per_day: int = Field(
        default=5,
        ge=1,
        description=(
            "Most notifications a franchisee gets in a day (in the store's local day); the rest "
            "wait for the next morning's digest. Staff notifications are never capped."
        ),
    )
    merchandiser_over_budget_limit: Decimal = Field(
        default=Decimal("0.10"),
        ge=0,
        description="Share over the store budget a merchandiser may go without HQ approval.",
    )
    complaint_sla_hours: dict[str, int] = Field(
        default_factory=lambda: {"low": 120, "medium": 72, "high": 24, "critical": 8},
        description="Hours a complaint may stay unresolved, by severity (low to critical).",
    )

    @field_validator("complaint_sla_hours")
    @classmethod
    def _known_severities(cls, hours: dict[str, int]) -> dict[str, int]:
        for severity, value in hours.items():
            if severity not in SEVERITIES:
                raise ValueError(
                    f"unknown severity {severity!r} (severities: {', '.join(SEVERITIES)})"
                )
            if value < 1:
                raise ValueError(f"the {severity} deadline must be at least 1 hour")
        return hours


class TenantPolicies(BaseModel):
    """Everything a tenant decides for itself."""

    model_config = ConfigDict(extra="forbid")

    tiers: TierPolicy = Field(default_factory=TierPolicy)
    allocation: AllocationPolicy = Field(default_factory=AllocationPolicy)
    service: ServicePolicy = Field(default_factory=ServicePolicy)
