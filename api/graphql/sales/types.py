"""GraphQL types for daily sales: the POS feed's rows and the per-store summaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry
from strawberry import relay

from api.graphql.bulk import BulkPayload
from api.graphql.catalogue.types import ProductType
from api.graphql.context import Info
from domain.catalogue.models import Product
from domain.sales.service import SalesBucket, SalesGrouping, SalesSummary


@strawberry.enum(name="SalesGrouping", description="How a sales summary is broken down.")
class SalesGroupingEnum(Enum):
    """Grouping, as in domain.sales.service.SalesGrouping."""

    DAY = strawberry.enum_value(SalesGrouping.DAY.value, description="One bucket per day.")
    WEEK = strawberry.enum_value(
        SalesGrouping.WEEK.value, description="One bucket per ISO week (Monday to Sunday)."
    )
    MONTH = strawberry.enum_value(
        SalesGrouping.MONTH.value, description="One bucket per calendar month."
    )
    CATEGORY = strawberry.enum_value(
        SalesGrouping.CATEGORY.value, description="One bucket per category sold."
    )
    PRODUCT = strawberry.enum_value(
        SalesGrouping.PRODUCT.value, description="One bucket per style sold."
    )


@strawberry.type(description="Units and revenue of one day, week, month, category or style.")
class SalesSummaryBucket:
    """One line of a sales summary."""

    key: str = strawberry.field(
        description="The group: a date (2026-03-02), ISO week (2026-W10), month (2026-03), category or style code."
    )
    label: str = strawberry.field(description="Display label of the group.")
    start: date | None = strawberry.field(
        description="First day of a period (null for category and style groups)."
    )
    end: date | None = strawberry.field(
        description="Last day of a period (null for category and style groups)."
    )
    units: int = strawberry.field(description="Units sold.")
    revenue: Decimal = strawberry.field(
        description="Revenue; days the feed sent none count at the style's retail price."
    )
    product_id: strawberry.Private[int | None]

    @strawberry.field(description="The style, when grouped by style.")
    async def product(self, info: Info) -> ProductType | None:
        if self.product_id is None:
            return None
        row = await info.context.loaders.by_id(Product).load(self.product_id)
        return ProductType.from_model(row) if row is not None else None

    @classmethod
    def from_bucket(cls, bucket: SalesBucket) -> SalesSummaryBucket:
        """The GraphQL form of a bucket."""
        return cls(
            key=bucket.key,
            label=bucket.label,
            start=bucket.start,
            end=bucket.end,
            units=bucket.units,
            revenue=bucket.revenue,
            product_id=bucket.product_id,
        )


@strawberry.type(description="Totals of a sales summary.")
class SalesTotals:
    """Sums over the whole period."""

    units: int = strawberry.field(description="Units sold.")
    revenue: Decimal = strawberry.field(description="Revenue (missing revenue at retail price).")


@strawberry.type(
    name="SalesSummary", description="A store's sales over a period, broken down and totalled."
)
class SalesSummaryType:
    """A sales summary."""

    store_id: relay.GlobalID | None = strawberry.field(
        description="The store (null: every store you can see)."
    )
    from_: date = strawberry.field(name="from", description="First day of the period.")
    to: date = strawberry.field(description="Last day of the period.")
    group_by: SalesGroupingEnum = strawberry.field(description="How the buckets are grouped.")
    buckets: list[SalesSummaryBucket] = strawberry.field(
        description="Periods in order (every one, zeros included), or categories/styles sold, best first."
    )
    totals: SalesTotals = strawberry.field(description="Sums over the period.")

    @classmethod
    def from_summary(cls, summary: SalesSummary) -> SalesSummaryType:
        """The GraphQL form of a summary."""
        return cls(
            store_id=relay.GlobalID("Store", str(summary.store_id))
            if summary.store_id is not None
            else None,
            from_=summary.start,
            to=summary.end,
            group_by=SalesGroupingEnum[summary.group_by.name],
            buckets=[SalesSummaryBucket.from_bucket(b) for b in summary.buckets],
            totals=SalesTotals(units=summary.units, revenue=summary.revenue),
        )


@strawberry.input(
    description="Units one store sold of one SKU on one day; the SKU by code or barcode."
)
class SaleRowInput:
    """One POS feed row."""

    store_code: str = strawberry.field(description="The store's code.")
    day: date = strawberry.field(description="The day of the sales (store's local date).")
    qty: int = strawberry.field(
        description="Units sold (0 with onHandClose 0 records a day out of stock)."
    )
    sku_code: str | None = strawberry.field(default=None, description="The SKU's code.")
    barcode: str | None = strawberry.field(default=None, description="The SKU's barcode.")
    revenue: Decimal | None = strawberry.field(
        default=None,
        description="Takings for these units; when null summaries use the retail price.",
    )
    on_hand_close: int | None = strawberry.field(
        default=None, description="Units left at closing time."
    )


@strawberry.input(
    description="Daily sales to record; a store × SKU × day already recorded is replaced, not added to."
)
class SalesRecordInput:
    """A batch of daily sales."""

    rows: list[SaleRowInput] = strawberry.field(
        description="Up to 10000 rows; one per store × SKU × day."
    )


@strawberry.type(description="Result of recording daily sales.")
class SalesRecordPayload(BulkPayload):
    """Counts, or every bad row."""
