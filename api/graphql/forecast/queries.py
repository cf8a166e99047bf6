"""The store forecast query."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.catalogue.queries import After, First
from api.graphql.context import Info
from api.graphql.forecast.types import SkuForecastPage, SkuForecastType, StoreForecastType
from api.graphql.permissions import needs
from api.graphql.relay import decode_id, page_window
from domain.permissions import Permission
from domain.recommendation.forecast.service import MAX_HORIZON_DAYS, store_forecast


@strawberry.type
class ForecastQueries:
    """Queries on the demand forecast."""

    @strawberry.field(
        description=(
            "Expected units per SKU of one store over the coming days, most expected first "
            "(stores whose recommendations you cannot read are not found)."
        ),
        permission_classes=needs(Permission.RECOMMENDATION_READ),
    )
    async def store_forecast(
        self,
        info: Info,
        store: Annotated[relay.GlobalID, strawberry.argument(description="The store.")],
        horizon_days: Annotated[
            int,
            strawberry.argument(
                description=f"Days ahead, from today (1 to {MAX_HORIZON_DAYS}; default 28)."
            ),
        ] = 28,
        first: First = None,
        after: After = None,
    ) -> StoreForecastType:
        start, size = page_window(first, after)
        ctx = info.context
        result = await store_forecast(
            ctx.session,
            ctx.db,
            ctx.actor,
            decode_id(store, "Store", "store"),
            horizon_days=horizon_days,
        )
        # Forecast rows are not nodes (they have no id of their own); the connection works alike.
        rows = result.skus[start : start + size + 1]
        page = SkuForecastPage.from_rows(  # type: ignore[type-var]
            rows, start, size, len(result.skus), SkuForecastType.from_row
        )
        return StoreForecastType.build(
            result.store_id, result.start, result.horizon_days, result.total_units, page
        )
