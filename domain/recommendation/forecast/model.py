"""Expected demand per store × SKU over a horizon: a pooled, seasonal, censoring-aware rate model.

One store's sales of one SKU are too sparse to forecast on their own, so the rate of store s
for SKU k (of style p, category c, in region r and province q) is a product of pooled factors,
each estimated where the data is dense and each shrunk towards the level above it (a
Gamma-Poisson posterior mean: `(units + a) / (expected units + a)`):

    rate[s, k] = region's rate of style p        (shrunk to the region's mean style of category c)
               × store's level                   (shrunk to its peers: same region, tier, size)
               × province q's taste for style p  (shrunk to 1)
               × store's taste for category c    (shrunk to 1)
               × store's taste for style p       (shrunk to 1)
               × SKU k's share of style p        (network-wide; shrunk to an even split)

Levels and regional rates are fitted on the last weeks (half-life 10 days), so they follow the
trend; tastes and SKU shares, which change slowly (and say what a store carries at all), on the
last 18 months. Days a SKU was out of stock with nothing sold are censored (they count neither
as sales nor as exposure), and so are days before a store opened or a style launched. The
horizon's demand is that rate × the seasonal ratio of the region's category for each day of the
horizon the store trades and the style is launched: last year's same weekday over last year's
fitting window, which carries the yearly season, the weekday rhythm and the holidays (the
weekday rhythm alone when there is no last year).

A new store has no level of its own and takes its peers'; a new style has no rate of its own in
the region and takes its category's mean there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from domain.recommendation.forecast.history import History

YEAR = 364  # 52 weeks: last year's same weekdays


@dataclass(frozen=True)
class ForecastParams:
    """The model's knobs (tuned on a fold before the backtest's holdout, see backtest.py)."""

    half_life: float = 10.0  # days: weight of a day's sales halves every half_life days back
    window: int = 112  # days of history the rates are fitted on
    taste_half_life: float = 365.0  # days: the same for stores' tastes (which change slowly)
    taste_window: int = 548
    peer_strength: float = 30.0  # units: how much a store's level leans on its peers
    category_strength: float = 12.0  # units: store × category taste towards 1
    style_strength: float = 0.5  # units: store × style taste towards 1
    region_style_strength: float = 20.0  # store-days: region's style rate towards its category
    province_strength: float = 20.0  # units: province × style taste towards 1
    sku_share_strength: float = 4.0  # units: SKU share of its style towards an even split
    season_strength: float = 5.0  # units a day: region × category season ratio towards network's
    season_clip: tuple[float, float] = (0.2, 5.0)


@dataclass
class Forecast:
    """Expected units per store × SKU over `horizon_days` from `start`, as if never out of
    stock. Rows follow `store_ids`, columns `sku_ids` (database ids)."""

    store_ids: NDArray[np.int64]
    sku_ids: NDArray[np.int64]
    mean: NDArray[np.float64]  # S × K
    horizon_days: int
    start: date


def forecast(
    history: History,
    *,
    horizon_days: int = 28,
    start: date | None = None,
    params: ForecastParams | None = None,
) -> Forecast:
    """Expected demand of every store × SKU of `history` over `horizon_days` days from `start`
    (default: the day after the history ends)."""
    if horizon_days < 1:
        raise ValueError("horizon_days must be at least 1")
    p = params or ForecastParams()
    begin = start or history.end
    offset = (begin - history.end).days  # horizon day h is day index days + offset + h
    if offset < 0:
        raise ValueError("start must not be before the end of the history")
    rate = daily_rates(history, p)
    # Σ of the seasonal ratio from each horizon day to the end: a store × SKU available from
    # horizon day h (opening, launch) expects rate × tail[h].
    ratio = seasonal_ratio(history, p, offset, horizon_days)  # R × C × H
    tail = np.concatenate(
        [np.cumsum(ratio[:, :, ::-1], axis=2)[:, :, ::-1], np.zeros((*ratio.shape[:2], 1))],
        axis=2,
    )
    launch = history.style_launch[history.sku_style]
    available_from = np.maximum(history.store_open[:, None], launch[None, :]) - (
        history.days + offset
    )
    mean = (
        rate
        * tail[
            history.store_region[:, None],
            history.style_category[history.sku_style][None, :],
            np.clip(available_from, 0, horizon_days),
        ]
    )
    return Forecast(
        store_ids=history.store_ids,
        sku_ids=history.sku_ids,
        mean=mean,
        horizon_days=horizon_days,
        start=begin,
    )


def _weights(history: History, half_life: float, window: int) -> NDArray[np.float64]:
    """Recency weight of each day index (zero outside the fitting window)."""
    t = np.arange(history.days)
    age = history.days - 1 - t
    w = np.exp(-np.log(2.0) * age / half_life)
    w[age >= window] = 0.0
    return np.asarray(w)


def _exposure(history: History, w: NDArray[np.float64]) -> NDArray[np.float64]:
    """S × K weighted days each store could sell each SKU: open, launched, not censored."""
    tail = np.concatenate([np.cumsum(w[::-1])[::-1], [0.0]])  # tail[x] = Σ_{t ≥ x} w[t]
    launch = history.style_launch[history.sku_style]
    begin = np.maximum(history.store_open[:, None], launch[None, :])
    exposure = tail[np.clip(begin, 0, history.days)]
    n_skus = history.sku_ids.size
    cens = history.row_censored & (history.row_day >= _first_weighted(w))
    if cens.any():
        cells = history.row_store[cens].astype(np.int64) * n_skus + history.row_sku[cens]
        lost = np.bincount(cells, weights=w[history.row_day[cens]], minlength=exposure.size)
        exposure -= lost.reshape(exposure.shape)
    return np.asarray(np.maximum(exposure, 0.0))


def _weighted_sales(history: History, w: NDArray[np.float64]) -> NDArray[np.float64]:
    """S × K recency-weighted units sold."""
    n_stores, n_skus = history.store_ids.size, history.sku_ids.size
    inside = np.flatnonzero(history.row_day >= _first_weighted(w))  # rows of the window only
    cells = history.row_store[inside].astype(np.int64) * n_skus + history.row_sku[inside]
    weights = history.row_qty[inside] * w[history.row_day[inside]]
    flat = np.bincount(cells, weights=weights, minlength=n_stores * n_skus)
    return np.asarray(flat, dtype=np.float64).reshape(n_stores, n_skus)


def _first_weighted(w: NDArray[np.float64]) -> int:
    """The first day index with a weight (the window's start)."""
    nonzero = np.flatnonzero(w > 0)
    return int(nonzero[0]) if nonzero.size else w.size


def _by_style(matrix: NDArray[np.float64], history: History) -> NDArray[np.float64]:
    """Sum the SKU columns of each style (SKUs are ordered by style)."""
    n_styles = history.style_ids.size
    starts = np.searchsorted(history.sku_style, np.arange(n_styles))
    out = np.zeros((matrix.shape[0], n_styles))
    present = np.flatnonzero(np.diff(np.append(starts, history.sku_style.size)) > 0)
    if present.size and matrix.shape[0]:
        out[:, present] = np.add.reduceat(matrix, starts[present], axis=1)
    return out


def _one_hot(index: NDArray[np.int64], size: int) -> NDArray[np.float64]:
    out = np.zeros((size, index.size))
    out[index, np.arange(index.size)] = 1.0
    return out


@dataclass
class _Window:
    """Recency-weighted sales and exposure over one fitting window, per store × style."""

    sales: NDArray[np.float64]  # S × P units
    exposure: NDArray[np.float64]  # S × P store-days (a style-day counts its SKUs' shares)
    pool_rate: NDArray[np.float64]  # S × P units a store-day in the store's region


def _window(
    history: History,
    p: ForecastParams,
    w: NDArray[np.float64],
    share: NDArray[np.float64] | None = None,
) -> tuple[_Window, NDArray[np.float64]]:
    """The window's per-style sums and regional rates, and the SKU shares (computed from this
    window's sales unless given)."""
    exposure = _exposure(history, w)
    sales = _weighted_sales(history, w)
    if share is None:
        share = _sku_shares(history, sales, p)
    style_exposure = _by_style(exposure * share[None, :], history)
    style_sales = _by_style(sales, history)
    region = _one_hot(history.store_region, history.region_ids.size)  # R × S
    region_rate = _region_style_rates(history, region @ style_sales, region @ style_exposure, p)
    return _Window(style_sales, style_exposure, region_rate[history.store_region]), share


def _tastes(history: History, long: _Window, p: ForecastParams) -> NDArray[np.float64]:
    """S × P: how much more (or less) each store sells of each style than its region, given its
    level: its province's taste for the style, its own for the category, its own for the style,
    each shrunk to 1. Tastes (and what
    a store carries at all) change slowly, so they are fitted on the long window."""
    base = long.exposure * long.pool_rate
    level = (long.sales.sum(axis=1) + 1.0) / (base.sum(axis=1) + 1.0)
    expected = base * level[:, None]
    # The province's taste for the style (shoppers of a province share it), towards 1.
    n_provinces = int(history.store_province.max()) + 1
    province = _one_hot(history.store_province, n_provinces)  # Q × S
    k = p.province_strength
    province_taste = ((province @ long.sales + k) / (province @ expected + k))[
        history.store_province
    ]
    expected *= province_taste
    category = _one_hot(history.style_category, len(history.categories)).T  # P × C
    cat_taste = (long.sales @ category + p.category_strength) / (
        expected @ category + p.category_strength
    )
    expected *= cat_taste[:, history.style_category]
    style_taste = (long.sales + p.style_strength) / (expected + p.style_strength)
    return np.asarray(province_taste * cat_taste[:, history.style_category] * style_taste)


def daily_rates(history: History, p: ForecastParams) -> NDArray[np.float64]:
    """S × K expected units a day at the end of the history, pooled as the module describes."""
    n_stores, n_skus = history.store_ids.size, history.sku_ids.size
    if n_stores == 0 or n_skus == 0:
        return np.zeros((n_stores, n_skus))
    # SKU shares of a style are stable too: the long window gives them more units to go on.
    long, share = _window(history, p, _weights(history, p.taste_half_life, p.taste_window))
    short, _ = _window(history, p, _weights(history, p.half_life, p.window), share)
    taste = _tastes(history, long, p)
    base = short.exposure * short.pool_rate * taste
    level = _store_levels(history, short.sales.sum(axis=1), base.sum(axis=1), p)
    style_rate = short.pool_rate * taste * level[:, None]
    return np.asarray(style_rate[:, history.sku_style] * share[None, :])


def _sku_shares(
    history: History, sales: NDArray[np.float64], p: ForecastParams
) -> NDArray[np.float64]:
    """Each SKU's share of its style's units, network-wide, shrunk towards an even split."""
    units = sales.sum(axis=0)
    style_units = _by_style(units[None, :], history)[0]
    counts = np.bincount(history.sku_style, minlength=history.style_ids.size).astype(float)
    even = 1.0 / counts[history.sku_style]
    return np.asarray(
        (units + p.sku_share_strength * even)
        / (style_units[history.sku_style] + p.sku_share_strength)
    )


def _region_style_rates(
    history: History,
    sales: NDArray[np.float64],
    exposure: NDArray[np.float64],
    p: ForecastParams,
) -> NDArray[np.float64]:
    """R × P units a store-day of each style in each region; a style with little exposure (new)
    leans on the mean style of its category in the region, then in the network."""
    category = _one_hot(history.style_category, len(history.categories)).T  # P × C
    cat_sales, cat_exposure = sales @ category, exposure @ category  # R × C
    network = (cat_sales.sum(axis=0) + 1e-9) / (cat_exposure.sum(axis=0) + 1e-9)
    cat_rate = (cat_sales + p.region_style_strength * network) / (
        cat_exposure + p.region_style_strength
    )
    prior = cat_rate[:, history.style_category]
    return np.asarray(
        (sales + p.region_style_strength * prior) / (exposure + p.region_style_strength)
    )


def _store_levels(
    history: History, units: NDArray[np.float64], expected: NDArray[np.float64], p: ForecastParams
) -> NDArray[np.float64]:
    """Each store's units relative to the regional rates, shrunk towards its peers' (same region
    and tier, adjusted for floor area): a new store takes its peers' level."""
    raw = (units + 1.0) / (expected + 1.0)
    known = expected >= p.peer_strength
    log_raw = np.log(raw)
    log_area = np.log(np.maximum(history.store_area, 1.0))
    group = history.store_region * 3 + history.store_tier
    n_groups = int(group.max()) + 1 if group.size else 0
    fallback = float(log_raw[known].mean()) if known.any() else 0.0
    count = np.bincount(group[known], minlength=n_groups)
    mean_level = _group_mean(group, known, log_raw, count, fallback)
    mean_area = _group_mean(group, known, log_area, count, float(log_area.mean()))
    dl, da = (log_raw - mean_level[group])[known], (log_area - mean_area[group])[known]
    slope = (
        float(np.clip((dl @ da) / (da @ da), 0.0, 1.5)) if known.sum() > 3 and da @ da > 0 else 0.5
    )
    peer = np.exp(mean_level[group] + slope * (log_area - mean_area[group]))
    return np.asarray((units + p.peer_strength * peer) / (expected + p.peer_strength))


def _group_mean(
    group: NDArray[np.int64],
    known: NDArray[np.bool_],
    values: NDArray[np.float64],
    count: NDArray[np.int64],
    fallback: float,
) -> NDArray[np.float64]:
    total = np.bincount(group[known], weights=values[known], minlength=count.size)
    return np.asarray(np.where(count > 0, total / np.maximum(count, 1), fallback))


def seasonal_ratio(
    history: History, p: ForecastParams, offset: int, horizon_days: int
) -> NDArray[np.float64]:
    """R × C × H: each horizon day's units relative to the recency-weighted mean day of the
    fitting window, from the same weeks last year (the weekday rhythm alone without a last
    year). A region's category leans on the network's category where it sold little."""
    n_regions, n_categories = history.region_ids.size, len(history.categories)
    w = _weights(history, p.half_life, p.window)
    horizon = history.days + offset + np.arange(horizon_days)
    last_year = np.arange(history.days) - YEAR
    seen = last_year >= 0
    if horizon[-1] - YEAR < history.days and w[seen].sum() > 0.5 * w.sum():
        group = (
            history.store_region[history.row_store] * n_categories
            + history.style_category[history.sku_style[history.row_sku]]
        )
        daily = np.bincount(
            group.astype(np.int64) * history.days + history.row_day,
            weights=history.row_qty,
            minlength=n_regions * n_categories * history.days,
        ).reshape(n_regions, n_categories, history.days)
        w_seen = w[seen]
        base = (daily[:, :, last_year[seen]] * w_seen).sum(axis=2) / w_seen.sum()  # R × C
        ahead = daily[:, :, horizon - YEAR]  # R × C × H
        network = (ahead.sum(axis=0) + 1e-9) / (base.sum(axis=0)[:, None] + 1e-9)  # C × H
        k = p.season_strength
        ratio = (ahead + k * network[None, :, :]) / (base[:, :, None] + k)
        # Bound the horizon's mean ratio, keeping its days' rhythm.
        mean = ratio.mean(axis=2, keepdims=True)
        bounded = np.clip(mean, *p.season_clip)
        return np.asarray(ratio * np.where(mean > 0, bounded / np.maximum(mean, 1e-12), 1.0))
    weekday = _weekday_profile(history)
    first_weekday = history.first.weekday()
    days = np.arange(history.days)
    base_w = (weekday[(first_weekday + days) % 7] * w).sum() / max(w.sum(), 1e-9)
    ahead_w = weekday[(first_weekday + horizon) % 7] / (base_w if base_w > 0 else 1.0)
    return np.asarray(np.broadcast_to(ahead_w, (n_regions, n_categories, horizon_days)))


def _weekday_profile(history: History) -> NDArray[np.float64]:
    """Mean units per weekday relative to the mean day (1.0 each without sales)."""
    first_weekday = history.first.weekday()
    days = np.bincount(history.row_day, weights=history.row_qty, minlength=history.days)
    weekday = (first_weekday + np.arange(history.days)) % 7
    totals = np.bincount(weekday, weights=days, minlength=7)
    counts = np.bincount(weekday, minlength=7)
    per_day = totals / np.maximum(counts, 1)
    mean = per_day.mean()
    return np.asarray(per_day / mean) if mean > 0 else np.ones(7)
