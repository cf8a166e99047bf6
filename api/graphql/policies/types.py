"""GraphQL types of the tenant's policies, described from the policy models themselves."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

import strawberry
from pydantic import BaseModel

from api.graphql.errors import UserError
from domain.severity import Severity
from domain.stores.models import Tier
from domain.tenancy.policies import (
    AllocationPolicy,
    ServicePolicy,
    TenantPolicies,
    TierPolicy,
)


def described(model: type[BaseModel], name: str) -> str:
    """The description of a policy field, as the policy model gives it (one source)."""
    description = model.model_fields[name].description
    assert description, f"{model.__name__}.{name} needs a description"
    return description


@strawberry.type(description="How much a store tier weighs when HQ stock is scarce.")
class TierWeight:
    """One tier's weight."""

    tier: Tier = strawberry.field(description="The store tier.")
    weight: float = strawberry.field(
        description="Multiplier on its stores' claim to scarce stock (1: no priority)."
    )


@strawberry.type(name="TierPolicy", description=TierPolicy.__doc__)
class TierPolicyType:
    """Tier priority."""

    weights: list[TierWeight] = strawberry.field(description=described(TierPolicy, "weights"))


@strawberry.type(name="AllocationPolicy", description=AllocationPolicy.__doc__)
class AllocationPolicyType:
    """How the engine picks."""

    horizon_days: int = strawberry.field(description=described(AllocationPolicy, "horizon_days"))
    min_style_units: int = strawberry.field(
        description=described(AllocationPolicy, "min_style_units")
    )
    sku_share_cap: float | None = strawberry.field(
        description=described(AllocationPolicy, "sku_share_cap")
    )
    favoured_category_uplift: float = strawberry.field(
        description=described(AllocationPolicy, "favoured_category_uplift")
    )
    learn_from_edits: bool = strawberry.field(
        description=described(AllocationPolicy, "learn_from_edits")
    )
    holdout_fraction: float = strawberry.field(
        description=described(AllocationPolicy, "holdout_fraction")
    )
    nightly_run_cron: str | None = strawberry.field(
        description=described(AllocationPolicy, "nightly_run_cron")
    )


@strawberry.type(description="How long a complaint of one severity may stay unresolved.")
class ComplaintSla:
    """One severity's deadline."""

    severity: Severity = strawberry.field(description="The complaint severity.")
    hours: int = strawberry.field(description="Hours until the deadline.")


@strawberry.type(name="ServicePolicy", description=ServicePolicy.__doc__)
class ServicePolicyType:
    """Service levels."""

    reminder_after_hours: int = strawberry.field(
        description=described(ServicePolicy, "reminder_after_hours")
    )
    escalate_merchandiser_after_hours: int = strawberry.field(
        description=described(ServicePolicy, "escalate_merchandiser_after_hours")
    )
    escalate_manager_after_hours: int = strawberry.field(
        description=described(ServicePolicy, "escalate_manager_after_hours")
    )
    warehouse_cutoff_hours: int = strawberry.field(
        description=described(ServicePolicy, "warehouse_cutoff_hours")
    )
    notifications_per_day: int = strawberry.field(
        description=described(ServicePolicy, "notifications_per_day")
    )
    merchandiser_over_budget_limit: Decimal = strawberry.field(
        description=described(ServicePolicy, "merchandiser_over_budget_limit")
    )
    complaint_sla_hours: list[ComplaintSla] = strawberry.field(
        description=described(ServicePolicy, "complaint_sla_hours")
    )


@strawberry.type(name="TenantPolicies", description=TenantPolicies.__doc__)
class TenantPoliciesType:
    """Everything a tenant decides for itself, by section."""

    tiers: TierPolicyType = strawberry.field(description="Tier priority when stock is scarce.")
    allocation: AllocationPolicyType = strawberry.field(
        description="How the recommendation engine picks."
    )
    service: ServicePolicyType = strawberry.field(
        description="Reminders, escalations, notifications and complaint deadlines."
    )

    @classmethod
    def from_policies(cls, policies: TenantPolicies) -> Self:
        """The GraphQL form of the policies."""
        a, s = policies.allocation, policies.service
        return cls(
            tiers=TierPolicyType(
                weights=[
                    TierWeight(tier=Tier(t), weight=w)
                    for t, w in sorted(policies.tiers.weights.items())
                ]
            ),
            allocation=AllocationPolicyType(**a.model_dump()),
            service=ServicePolicyType(
                **{
                    **s.model_dump(),
                    # in severity order (the enum's), those the tenant set
                    "complaint_sla_hours": [
                        ComplaintSla(severity=v, hours=s.complaint_sla_hours[v])
                        for v in Severity
                        if v in s.complaint_sla_hours
                    ],
                }
            ),
        )


@strawberry.type(
    description=(
        "What the engine learned from a store's edits of one category: what its franchisee "
        "was offered and kept over the last year (recent orders weigh more), and the factor "
        "its forecast of the category is multiplied by."
    )
)
class LearnedCategoryFactor:
    """One category of one store."""

    category: str = strawberry.field(description="The product category.")
    offered: float = strawberry.field(description="Units offered (weighted by recency).")
    kept: float = strawberry.field(description="Units kept at confirmation (weighted alike).")
    factor: float = strawberry.field(
        description="Multiplier on the store's forecast of the category (0.5 to 1.5; 1: none)."
    )


@strawberry.type(description="Result of a policy change.")
class TenantPoliciesPayload:
    """The policies as saved, or the reasons they were not."""

    policies: TenantPoliciesType | None = strawberry.field(
        description="The tenant's policies after the change (null when refused)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
