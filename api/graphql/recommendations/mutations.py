"""Recommendation run mutations: ask for a run over regions or stores, rerun one store.

Both queue a job and return at once with the run (status QUEUED); follow it with
`recommendationRun(id)`. Refusals come back as `userErrors` with nothing queued.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.recommendations.inputs import (
    RecommendationRunPayload,
    RunRecommendationsInput,
    StoreRecommendInput,
)
from api.graphql.recommendations.types import RecommendationRunType
from api.graphql.relay import decode_id
from domain.permissions import Permission
from domain.recommendation.runs import service
from domain.recommendation.runs.models import RecommendationRun


async def _run(
    info: Info, action: Callable[[], Awaitable[RecommendationRun]]
) -> RecommendationRunPayload:
    async def run() -> RecommendationRunPayload:
        return RecommendationRunPayload(
            run=RecommendationRunType.from_model(await action()), user_errors=[]
        )

    return await mutate(info, run, refusal(RecommendationRunPayload))


@strawberry.type
class RecommendationMutations:
    """Mutations on recommendation runs."""

    @strawberry.mutation(
        description="Queue a recommendation run: forecast, share HQ stock across every store in "
        "scope at once, write one draft order per store with a reason on every line. HQ runs "
        "any scope, a regional manager their region, a merchandiser their own stores.",
        permission_classes=needs(Permission.RECOMMENDATION_RUN),
    )
    async def run_recommendations(
        self,
        info: Info,
        input: Annotated[
            RunRecommendationsInput, strawberry.argument(description="Scope, horizon and key.")
        ],
    ) -> RecommendationRunPayload:
        async def act() -> RecommendationRun:
            request = service.RunRequest(
                region_ids=[
                    decode_id(r, "Region", f"regionIds.{i}")
                    for i, r in enumerate(input.region_ids or [])
                ],
                store_ids=[
                    decode_id(s, "Store", f"storeIds.{i}")
                    for i, s in enumerate(input.store_ids or [])
                ],
                horizon_days=input.horizon_days,
                key=input.key,
            )
            return await service.request_run(info.context.session, info.context.actor, request)

        return await _run(info, act)

    @strawberry.mutation(
        description="Rerun the engine for one store: a new run of that store alone, whose "
        "draft replaces the store's untouched engine draft.",
        permission_classes=needs(Permission.RECOMMENDATION_RUN),
    )
    async def store_recommend(
        self,
        info: Info,
        input: Annotated[
            StoreRecommendInput, strawberry.argument(description="The store and the horizon.")
        ],
    ) -> RecommendationRunPayload:
        async def act() -> RecommendationRun:
            return await service.rerun_store(
                info.context.session,
                info.context.actor,
                decode_id(input.store_id, "Store", "storeId"),
                input.horizon_days,
            )

        return await _run(info, act)
