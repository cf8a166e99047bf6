"""Sales mutations: the POS feed, recorded in bulk and idempotently."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.bulk import MAX_ROWS, RowErrorType, bulk_mutate
from api.graphql.context import Info
from api.graphql.errors import UserError
from api.graphql.permissions import needs
from api.graphql.sales.types import SalesRecordInput, SalesRecordPayload
from domain.bulk import UpsertCounts
from domain.permissions import Permission
from domain.sales import service
from domain.stock.service import check_bulk_size


def _payload(
    counts: UpsertCounts, rows: list[RowErrorType], errors: list[UserError]
) -> SalesRecordPayload:
    return SalesRecordPayload(
        count=counts.total,
        created=counts.created,
        updated=counts.updated,
        row_errors=rows,
        user_errors=errors,
    )


@strawberry.type
class SalesMutations:
    """Mutations on sales."""

    @strawberry.mutation(
        description=(
            "Record daily sales per store × SKU × day; sending the same day again replaces it, so a "
            "re-sent feed does not count twice. All rows are written or, if any row is bad, none."
        ),
        permission_classes=needs(Permission.SALES_WRITE),
    )
    async def sales_record(
        self,
        info: Info,
        input: Annotated[SalesRecordInput, strawberry.argument(description="The sales.")],
    ) -> SalesRecordPayload:
        async def run() -> UpsertCounts:
            check_bulk_size(input.rows, MAX_ROWS)
            rows = [
                service.SaleRow(
                    row=i,
                    store_code=r.store_code.strip(),
                    day=r.day,
                    qty=r.qty,
                    sku_code=(r.sku_code or "").strip() or None,
                    barcode=(r.barcode or "").strip() or None,
                    revenue=r.revenue,
                    on_hand_close=r.on_hand_close,
                )
                for i, r in enumerate(input.rows)
            ]
            return await service.record_sales(
                info.context.session, info.context.actor, rows, source="graphql"
            )

        return await bulk_mutate(info, run, _payload)
