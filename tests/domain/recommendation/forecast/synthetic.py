"""A generated sales history with known demand: regions, store sizes, category seasons, weekly
rhythm, a trend, store × style taste, stock-outs, and Poisson noise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from domain.recommendation.forecast.history import NOT_OPENED, History

WEEKDAY = np.array([0.85, 0.8, 0.85, 0.9, 1.0, 1.35, 1.25])


@dataclass
class Truth:
    """A history, the same history with its next `horizon` days (what was then sold), and the
    true expected demand of every store × SKU over those days."""

    history: History
    full: History
    demand: NDArray[np.float64]  # S × K expected units over the horizon


def generate(
    *,
    stores: int = 60,
    styles: int = 24,
    sizes: int = 3,
    days: int = 560,
    horizon: int = 28,
    end: date = date(2026, 11, 23),
    seed: int = 7,
    stockout: float = 0.1,
    level: float = 0.15,
    new_store: bool = False,
    new_style: bool = False,
) -> Truth:
    """A history and what followed. With `new_store` the last store opens on the day the
    history ends; with `new_style` the last style launches then (neither has sold anything)."""
    rng = np.random.default_rng(seed)
    opening = days
    days += horizon
    end += timedelta(days=horizon)
    n_regions, n_categories = 3, 3
    region = np.arange(stores) % n_regions
    province = np.arange(stores) % (2 * n_regions)  # two provinces per region
    tier = rng.integers(0, 3, stores)
    area = rng.uniform(50, 200, stores)
    category = np.arange(styles) % n_categories
    sku_style = np.repeat(np.arange(styles), sizes)
    size_share = np.tile(
        np.array([0.3, 0.45, 0.25][:sizes]) / sum([0.3, 0.45, 0.25][:sizes]), styles
    )
    first = end - timedelta(days=days)
    t = np.arange(days)
    doy = np.array([(first + timedelta(days=int(i))).timetuple().tm_yday for i in t])
    weekday = WEEKDAY[(first.weekday() + t) % 7]
    # Category 0 peaks in winter, 1 in summer, 2 is flat.
    season = np.stack(
        [
            1 + 0.8 * np.cos(2 * np.pi * (doy - 15) / 365),
            1 - 0.8 * np.cos(2 * np.pi * (doy - 15) / 365),
            np.ones(days),
        ]
    )
    trend = np.exp(0.15 * (t - days) / 365)
    store_level = (area / 100) * np.array([1.4, 1.0, 0.7])[tier] * rng.lognormal(0, 0.15, stores)
    region_taste = rng.lognormal(0, 0.3, (n_regions, styles))[region]
    region_taste *= rng.lognormal(0, 0.2, (2 * n_regions, styles))[province]
    store_taste = rng.lognormal(0, 0.3, (stores, styles))
    appeal = rng.lognormal(0, 0.5, styles)
    style_rate = level * appeal[None, :] * region_taste * store_taste  # S × P
    store_open = np.full(stores, int(NOT_OPENED), dtype=np.int64)
    style_launch = np.full(styles, -100, dtype=np.int64)
    if new_store:
        store_open[-1] = opening
    if new_style:
        style_launch[-1] = opening
    daily = (
        store_level[:, None, None]
        * (style_rate[:, sku_style] * size_share[None, :])[:, :, None]
        * season[category[sku_style]][None, :, :]
        * (weekday * trend)[None, None, :]
    )
    open_mask = (t[None, :] >= store_open[:, None])[:, None, :] & (
        t[None, :] >= style_launch[sku_style][:, None]
    )[None, :, :]
    daily = daily * open_mask
    demand = rng.poisson(daily)
    out = rng.random(demand.shape) < stockout
    sold = np.where(out, 0, demand)
    recorded = (sold > 0) | out
    recorded &= open_mask
    s, k, d = np.nonzero(recorded)
    full = History(
        end=end,
        days=days,
        store_ids=np.arange(1, stores + 1, dtype=np.int64) * 10,
        store_region=region.astype(np.int64),
        region_ids=np.arange(1, n_regions + 1, dtype=np.int64),
        store_province=province.astype(np.int64),
        store_tier=tier.astype(np.int64),
        store_area=area,
        store_open=store_open,
        sku_ids=np.arange(1, styles * sizes + 1, dtype=np.int64) * 100,
        sku_style=sku_style.astype(np.int64),
        style_ids=np.arange(1, styles + 1, dtype=np.int64),
        style_category=category.astype(np.int64),
        style_launch=style_launch,
        categories=("winter", "summer", "basics"),
        row_store=s.astype(np.int32),
        row_sku=k.astype(np.int32),
        row_day=d.astype(np.int32),
        row_qty=sold[s, k, d].astype(np.int32),
        row_censored=out[s, k, d] & (sold[s, k, d] == 0),
    )
    return Truth(
        full.before(end - timedelta(days=horizon)), full, daily[:, :, opening:].sum(axis=2)
    )
