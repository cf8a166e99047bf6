"""Sales queries: per-store summaries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from api.graphql.sales.types import SalesGroupingEnum, SalesSummaryType
from domain.permissions import Permission
from domain.sales import service


@strawberry.type
class SalesQueries:
    """Queries on sales."""

    @strawberry.field(
        description=(
            "Units and revenue of a store (or of every store you can see) over a period, by day, week, "
            "month, category or style, with totals."
        ),
        permission_classes=needs(Permission.SALES_READ),
    )
    async def sales_summary(
        self,
        info: Info,
        from_: Annotated[
            date, strawberry.argument(name="from", description="First day (inclusive).")
        ],
        to: Annotated[date, strawberry.argument(description="Last day (inclusive).")],
        store_id: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="The store; omitted: every store you can see."),
        ] = None,
        group_by: Annotated[
            SalesGroupingEnum, strawberry.argument(description="How to break the period down.")
        ] = SalesGroupingEnum.DAY,
    ) -> SalesSummaryType:
        summary = await service.sales_summary(
            info.context.session,
            info.context.actor,
            decode_id(store_id, "Store", "storeId") if store_id is not None else None,
            from_,
            to,
            service.SalesGrouping[group_by.name],
        )
        return SalesSummaryType.from_summary(summary)
