"""Survey queries: the surveys of the viewer's stores and their summary."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from api.graphql.surveys.types import (
    SurveyFilter,
    SurveySummaryFilter,
    SurveySummaryType,
    SurveyType,
)
from domain.permissions import Permission
from domain.surveys.service import survey_summary, surveys_statement

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type
class SurveyQueries:
    """Queries on surveys."""

    @strawberry.field(
        description="Surveys of the viewer's stores: latest answers first, then those waiting.",
        permission_classes=needs(Permission.SURVEY_READ),
    )
    async def surveys(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            SurveyFilter | None, strawberry.argument(description="Which surveys.")
        ] = None,
    ) -> Connection[SurveyType]:
        f = filter or SurveyFilter()
        stmt = surveys_statement(
            info.context.actor,
            store_id=decode_id(f.store_id, "Store", "filter.storeId") if f.store_id else None,
            order_id=decode_id(f.order_id, "Order", "filter.orderId") if f.order_id else None,
            answered=f.answered,
            max_overall=f.max_overall,
        )
        return await Connection[SurveyType].page(info, stmt, SurveyType.from_model, first, after)

    @strawberry.field(
        description="Response rate, average scores and factor weights of the viewer's surveys.",
        permission_classes=needs(Permission.SURVEY_READ),
    )
    async def survey_summary(
        self,
        info: Info,
        filter: Annotated[
            SurveySummaryFilter | None, strawberry.argument(description="Which surveys.")
        ] = None,
    ) -> SurveySummaryType:
        f = filter or SurveySummaryFilter()
        summary = await survey_summary(
            info.context.session,
            info.context.actor,
            store_id=decode_id(f.store_id, "Store", "filter.storeId") if f.store_id else None,
            region_id=decode_id(f.region_id, "Region", "filter.regionId") if f.region_id else None,
            since=f.since,
        )
        return SurveySummaryType.from_summary(summary)
