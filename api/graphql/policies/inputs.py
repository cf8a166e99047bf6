"""GraphQL inputs of the policy mutation, and their mapping to the domain's policy changes."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import Any

import strawberry

from api.graphql.policies.types import described
from domain.errors import Collector
from domain.severity import Severity
from domain.stores.models import Tier
from domain.tenancy.policies import AllocationPolicy, ServicePolicy
from domain.tenancy.service import PolicyChanges

_NOT_GIVEN: Any = strawberry.UNSET


@strawberry.input(description="One tier's weight.")
class TierWeightInput:
    """A tier and its weight."""

    tier: Tier = strawberry.field(description="The store tier.")
    weight: float = strawberry.field(description="Its weight (0.1 to 10; 1: no priority).")


@strawberry.input(description="Tier priority; the weights given replace all the current ones.")
class TierPolicyInput:
    """New tier weights."""

    weights: list[TierWeightInput] = strawberry.field(
        description="Weight of each tier (a tier left out weighs 1)."
    )


@strawberry.input(description="Allocation settings; fields left out stay as they are.")
class AllocationPolicyInput:
    """Changes to the allocation policy."""

    horizon_days: int | None = strawberry.field(
        default=_NOT_GIVEN, description=described(AllocationPolicy, "horizon_days")
    )
    min_style_units: int | None = strawberry.field(
        default=_NOT_GIVEN, description=described(AllocationPolicy, "min_style_units")
    )
    sku_share_cap: float | None = strawberry.field(
        default=_NOT_GIVEN,
        description=described(AllocationPolicy, "sku_share_cap") + " Null: no cap.",
    )
    favoured_category_uplift: float | None = strawberry.field(
        default=_NOT_GIVEN, description=described(AllocationPolicy, "favoured_category_uplift")
    )
    learn_from_edits: bool | None = strawberry.field(
        default=_NOT_GIVEN, description=described(AllocationPolicy, "learn_from_edits")
    )
    holdout_fraction: float | None = strawberry.field(
        default=_NOT_GIVEN, description=described(AllocationPolicy, "holdout_fraction")
    )
    nightly_run_cron: str | None = strawberry.field(
        default=_NOT_GIVEN, description=described(AllocationPolicy, "nightly_run_cron")
    )


@strawberry.input(description="One severity's complaint deadline.")
class ComplaintSlaInput:
    """A severity and its deadline."""

    severity: Severity = strawberry.field(description="The complaint severity.")
    hours: int = strawberry.field(description="Hours until the deadline (at least 1).")


@strawberry.input(description="Service settings; fields left out stay as they are.")
class ServicePolicyInput:
    """Changes to the service policy."""

    reminder_after_hours: int | None = strawberry.field(
        default=_NOT_GIVEN, description=described(ServicePolicy, "reminder_after_hours")
    )
    escalate_merchandiser_after_hours: int | None = strawberry.field(
        default=_NOT_GIVEN,
        description=described(ServicePolicy, "escalate_merchandiser_after_hours"),
    )
    escalate_manager_after_hours: int | None = strawberry.field(
        default=_NOT_GIVEN, description=described(ServicePolicy, "escalate_manager_after_hours")
    )
    warehouse_cutoff_hours: int | None = strawberry.field(
        default=_NOT_GIVEN, description=described(ServicePolicy, "warehouse_cutoff_hours")
    )
    notifications_per_day: int | None = strawberry.field(
        default=_NOT_GIVEN, description=described(ServicePolicy, "notifications_per_day")
    )
    merchandiser_over_budget_limit: Decimal | None = strawberry.field(
        default=_NOT_GIVEN, description=described(ServicePolicy, "merchandiser_over_budget_limit")
    )
    complaint_sla_hours: list[ComplaintSlaInput] | None = strawberry.field(
        default=_NOT_GIVEN,
        description="Deadlines by severity; the list given replaces the current one.",
    )


@strawberry.input(
    description="Changes to the tenant's policies; sections left out stay as they are."
)
class TenantPoliciesUpdateInput:
    """The sections to change."""

    tiers: TierPolicyInput | None = strawberry.field(
        default=_NOT_GIVEN, description="Tier priority when stock is scarce."
    )
    allocation: AllocationPolicyInput | None = strawberry.field(
        default=_NOT_GIVEN, description="How the recommendation engine picks."
    )
    service: ServicePolicyInput | None = strawberry.field(
        default=_NOT_GIVEN, description="Reminders, escalations, notifications and deadlines."
    )


def to_policy_changes(source: TenantPoliciesUpdateInput) -> PolicyChanges:
    """The domain's changes from the input (lists of pairs become mappings, checked for repeats)."""
    errors = Collector()
    changes: dict[str, dict[str, Any]] = {}
    if source.tiers:
        weights = _pairs(
            errors, "tiers.weights", [(w.tier.value, w.weight) for w in source.tiers.weights]
        )
        changes["tiers"] = {"weights": weights}
    for name in ("allocation", "service"):
        section = getattr(source, name)
        if not section:
            continue
        values: dict[str, Any] = {}
        for f in dataclass_fields(section):
            value = getattr(section, f.name)
            if value is strawberry.UNSET:
                continue
            if f.name == "complaint_sla_hours" and value is not None:
                value = _pairs(
                    errors,
                    "service.complaint_sla_hours",
                    [(s.severity.value, s.hours) for s in value],
                )
            values[f.name] = value
        changes[name] = values
    errors.raise_if_any()
    return changes


def _pairs(errors: Collector, field: str, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A mapping from (key, value) pairs; a key given twice is an error on `field`."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            errors.add(field, f"{field}: {key} is given twice")
        out[key] = value
    return out
