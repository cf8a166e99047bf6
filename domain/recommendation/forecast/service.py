"""Forecasts as the command line and the API ask for them: a tenant's stores or one store, with
the codes that name the rows and columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.catalogue.models import Sku
from domain.db import Database
from domain.errors import Invalid
from domain.permissions import Actor, Permission
from domain.recommendation.forecast.history import HISTORY_DAYS, History, load_history
from domain.recommendation.forecast.model import Forecast, forecast
from domain.stores.access import visible_store
from domain.stores.models import Store
from domain.tenancy.session import tenant_session

MAX_HORIZON_DAYS = 182


@dataclass(frozen=True)
class SkuForecast:
    """Expected units of one SKU at one store over the horizon."""

    sku_id: int
    expected_units: float


@dataclass(frozen=True)
class StoreForecast:
    """One store's forecast, its SKUs most expected first."""

    store_id: int
    start: date
    horizon_days: int
    skus: list[SkuForecast]

    @property
    def total_units(self) -> float:
        """Expected units of every SKU together."""
        return sum(s.expected_units for s in self.skus)


def check_horizon(horizon_days: int) -> None:
    """Refuse a horizon the model cannot honour (it reads a year back for the season)."""
    if not 1 <= horizon_days <= MAX_HORIZON_DAYS:
        raise Invalid("horizon_days", f"horizonDays must be between 1 and {MAX_HORIZON_DAYS}")


def today() -> date:
    """The first day of a forecast made now (history ends yesterday)."""
    return clock.now().date()


async def region_store_ids(session: AsyncSession, store_id: int) -> list[int]:
    """The store and the other stores of its region: the pool a one-store forecast leans on."""
    region = select(Store.region_id).where(Store.id == store_id).scalar_subquery()
    rows = await session.scalars(select(Store.id).where(Store.region_id == region))
    return sorted(set(rows) | {store_id})


async def codes(session: AsyncSession, history: History) -> tuple[list[str], list[str]]:
    """The codes of the history's stores and SKUs, in its order (a forecast's rows, columns)."""
    stores = dict((await session.execute(select(Store.id, Store.code))).all())
    skus = dict((await session.execute(select(Sku.id, Sku.code))).all())
    return _named(stores, history.store_ids), _named(skus, history.sku_ids)


def _named(names: dict[int, str], ids: NDArray[np.int64]) -> list[str]:
    return [names.get(int(i), str(int(i))) for i in ids]


def sku_rows(result: Forecast, store_index: int) -> list[SkuForecast]:
    """One store's row of a forecast, most expected first."""
    units = result.mean[store_index]
    order = np.argsort(-units, kind="stable")
    return [SkuForecast(int(result.sku_ids[k]), float(units[k])) for k in order]


async def store_forecast(
    session: AsyncSession,
    db: Database,
    actor: Actor,
    store_id: int,
    *,
    horizon_days: int = 28,
    end: date | None = None,
) -> StoreForecast:
    """The forecast of one store the actor may read recommendations of (NOT_FOUND otherwise).

    The store's own history is thin, so the model pools over the whole region, whoever asks:
    the other stores' sales are read by the system on the tenant's behalf and only this
    store's row is returned, so a franchisee gets the same numbers as its merchandiser.
    """
    check_horizon(horizon_days)
    store = await visible_store(session, actor, store_id, Permission.RECOMMENDATION_READ)
    pool_actor = Actor.system(actor.tenant_id, label=f"forecast for {actor.label}")
    async with tenant_session(db, pool_actor) as pool:
        ids = await region_store_ids(pool, store.id)
        history = await load_history(pool, store_ids=ids, end=end or today(), days=HISTORY_DAYS)
    result = forecast(history, horizon_days=horizon_days)
    index = int(np.flatnonzero(result.store_ids == store.id)[0])
    rows = sku_rows(result, index)
    return StoreForecast(store.id, result.start, horizon_days, rows)
