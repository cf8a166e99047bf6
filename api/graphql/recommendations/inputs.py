"""Inputs and payloads of the recommendation run API."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.graphql.errors import UserError
from api.graphql.recommendations.types import RecommendationRunType


@strawberry.input(
    description="What to recommend for: regions or stores (neither: everything the viewer may "
    "run — the tenant for HQ, their region for a regional manager, their stores for a "
    "merchandiser)."
)
class RunRecommendationsInput:
    """Scope, horizon and key of a run."""

    region_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Every active store of these regions."
    )
    store_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="These stores."
    )
    horizon_days: int | None = strawberry.field(
        default=None, description="Days of demand to cover (7-180; default: the tenant's policy)."
    )
    key: str | None = strawberry.field(
        default=None,
        description="Idempotency key: asking again with the same key returns the same run "
        "(run again if it had finished) instead of starting another. Default: a new key.",
    )


@strawberry.input(description="Rerun the engine for one store.")
class StoreRecommendInput:
    """The store, and the horizon."""

    store_id: relay.GlobalID = strawberry.field(description="The store.")
    horizon_days: int | None = strawberry.field(
        default=None, description="Days of demand to cover (default: the tenant's policy)."
    )


@strawberry.type(description="Result of asking for a recommendation run.")
class RecommendationRunPayload:
    """The queued (or existing) run, or why nothing was queued."""

    run: RecommendationRunType | None = strawberry.field(
        description="The run: queued, or the existing run of the same key."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
