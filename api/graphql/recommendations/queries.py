"""Recommendation run queries: one run, and the runs the viewer may see."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.recommendations.types import After, First, RecommendationRunType
from api.graphql.relay import Connection, decode_id
from domain.errors import NotFound
from domain.permissions import Permission
from domain.recommendation.runs import service
from domain.recommendation.runs.models import RunStatus


@strawberry.type
class RecommendationQueries:
    """Queries on recommendation runs."""

    @strawberry.field(
        description="One run by id: status, progress, timings, errors (null when missing or "
        "not visible).",
        permission_classes=needs(Permission.RECOMMENDATION_READ),
    )
    async def recommendation_run(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The run.")],
    ) -> RecommendationRunType | None:
        try:
            run = await service.visible_run(
                info.context.session,
                info.context.actor,
                decode_id(id, "RecommendationRun", "id"),
            )
        except NotFound:
            return None
        return RecommendationRunType.from_model(run)

    @strawberry.field(
        description="The tenant's runs the viewer may see (HQ: all; region staff: their "
        "region's and tenant-wide ones), newest first.",
        permission_classes=needs(Permission.RECOMMENDATION_READ),
    )
    async def recommendation_runs(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[RunStatus] | None, strawberry.argument(description="Only in these statuses.")
        ] = None,
    ) -> Connection[RecommendationRunType]:
        stmt = service.runs_statement(info.context.actor, tuple(status or ()))
        return await Connection[RecommendationRunType].page(
            info, stmt, RecommendationRunType.from_model, first, after
        )
