"""GraphQL for merchandiser workload, loaded for a whole page of merchandisers at once."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Self

import strawberry
from strawberry.dataloader import DataLoader

from api.graphql.context import Info
from domain.workload.figures import Workload, workloads


@strawberry.type(
    name="MerchandiserWorkload",
    description="What one merchandiser carries now, so that HQ can balance stores between them.",
)
class WorkloadType:
    """A merchandiser's workload (figures over the last `windowDays` days)."""

    stores: int = strawberry.field(description="Stores they serve now (closed ones not counted).")
    tier_a_stores: int = strawberry.field(description="Of which tier A.")
    open_proposals: int = strawberry.field(
        description="Orders of their stores in draft, proposed or viewed."
    )
    sales_units: int = strawberry.field(description="Units their stores sold in the window.")
    sales_revenue: Decimal = strawberry.field(
        description="What their stores took in the window (retail price where the feed gives no revenue)."
    )
    confirmed_orders: int = strawberry.field(
        description="Orders of their stores confirmed in the window (not cancelled since)."
    )
    confirmed_value: Decimal = strawberry.field(description="Cost value of those confirmed orders.")
    window_days: int = strawberry.field(description="Length of the window, in days.")

    @classmethod
    def of(cls, workload: Workload) -> Self:
        return cls(
            stores=workload.stores,
            tier_a_stores=workload.tier_a_stores,
            open_proposals=workload.open_proposals,
            sales_units=workload.sales_units,
            sales_revenue=workload.sales_revenue,
            confirmed_orders=workload.confirmed_orders,
            confirmed_value=workload.confirmed_value,
            window_days=workload.window_days,
        )


def workload_loader(info: Info) -> DataLoader[int, Workload]:
    """Workloads by merchandiser user id (three queries per page, whatever its size)."""
    session = info.context.session

    async def batch(ids: Sequence[int]) -> list[Workload]:
        found = await workloads(session, ids)
        return [found.get(i, Workload()) for i in ids]

    return info.context.loaders.custom("stores.workload", batch)
