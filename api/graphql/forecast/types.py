"""GraphQL types of a store's demand forecast."""

from __future__ import annotations

from datetime import date
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.catalogue.types import SkuType
from api.graphql.context import Info
from api.graphql.relay import Connection, global_id
from domain.catalogue.models import Sku
from domain.recommendation.forecast.service import SkuForecast


@strawberry.type(
    name="SkuForecast",
    description="Expected units of one SKU at the store over the horizon, as if never out of stock.",
)
class SkuForecastType:
    """One SKU's row of a store forecast."""

    expected_units: float = strawberry.field(
        description="Expected units over the whole horizon (a mean: fractions are meaningful)."
    )
    sku_id: strawberry.Private[int]

    @strawberry.field(description="The SKU.")
    async def sku(self, info: Info) -> SkuType:
        row = await info.context.loaders.by_id(Sku).load(self.sku_id)
        assert row is not None  # the forecast read it a moment ago
        return SkuType.from_model(row)

    @classmethod
    def from_row(cls, row: SkuForecast) -> Self:
        return cls(expected_units=round(row.expected_units, 4), sku_id=row.sku_id)


# Forecast rows are not nodes (they have no id of their own); the connection works alike.
SkuForecastPage = Connection[SkuForecastType]  # type: ignore[type-var]


@strawberry.type(
    name="StoreForecast",
    description=(
        "A store's expected demand per SKU over a horizon: its own sales pooled with its region's "
        "and its category's, with weekly and yearly seasonality; days out of stock count as "
        "unknown demand, not as none. A new store leans on similar stores of its region, a new "
        "style on its category."
    ),
)
class StoreForecastType:
    """The forecast of one store, with one page of its SKUs."""

    store_id: relay.GlobalID = strawberry.field(description="The store's id.")
    start: date = strawberry.field(description="First day of the horizon.")
    horizon_days: int = strawberry.field(description="Days in the horizon.")
    total_expected_units: float = strawberry.field(
        description="Expected units of every SKU together over the horizon."
    )
    skus: SkuForecastPage = strawberry.field(description="The SKUs, most expected units first.")

    @classmethod
    def build(
        cls,
        store_id: int,
        start: date,
        horizon_days: int,
        total: float,
        skus: SkuForecastPage,
    ) -> Self:
        return cls(
            store_id=global_id("Store", store_id),
            start=start,
            horizon_days=horizon_days,
            total_expected_units=round(total, 4),
            skus=skus,
        )
