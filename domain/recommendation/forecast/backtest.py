"""Backtest: hold out the last weeks of a history, forecast them from what came before, and
score the forecast and the baselines (last week repeated, the same weeks last year as they were
and scaled by the store's year-over-year level, the 8-week moving average) by WAPE and bias.

WAPE = Σ|forecast − actual| / Σ actual and bias = Σ(forecast − actual) / Σ actual, over the
cells of a level (store × SKU, store × style, store × category), each cell's horizon total.
Actual units are what was sold; the forecast is of demand, so stock-outs in the holdout count
against it (they make it look biased high), never for it.

WAPE is an absolute error, which the median of a cell's units minimises, not its mean: a store ×
SKU sells a unit or two a month, so the mean is far from the median. Each method that gives
expected units (the forecast, the moving average) is therefore also scored by the Poisson median
of its expected units ("…, median"): same information, the point WAPE asks for. The mean is what
allocation uses; the median rows show what the same forecast is worth by WAPE's own rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from numpy.typing import NDArray
from scipy.stats import poisson

from domain.recommendation.forecast.history import History
from domain.recommendation.forecast.model import YEAR, ForecastParams, forecast

LEVELS = ("store × SKU", "store × style", "store × category")
NEW_DAYS = 60  # a store opened, or a style launched, this recently is a cold start
NEW_STORES = f"store × style, stores opened in the last {NEW_DAYS} days"
NEW_STYLES = f"store × style, styles launched in the last {NEW_DAYS} days"
BASELINES = (
    "seasonal naive (last week)",
    "seasonal naive (last year)",
    "seasonal naive (last year × YoY)",
    "moving average (8 weeks)",
)


@dataclass(frozen=True)
class Score:
    """One method's accuracy at one level."""

    method: str
    level: str
    wape: float
    bias: float


def actual_units(history: History, first_day: int, days: int) -> NDArray[np.float64]:
    """S × K units sold from day index `first_day` for `days` days."""
    n_stores, n_skus = history.store_ids.size, history.sku_ids.size
    inside = (history.row_day >= first_day) & (history.row_day < first_day + days)
    cells = history.row_store[inside].astype(np.int64) * n_skus + history.row_sku[inside]
    flat = np.bincount(cells, weights=history.row_qty[inside], minlength=n_stores * n_skus)
    return np.asarray(flat, dtype=np.float64).reshape(n_stores, n_skus)


def seasonal_naive(history: History, horizon_days: int) -> NDArray[np.float64]:
    """The last week's units of each store × SKU, repeated over the horizon."""
    last_week = actual_units(history, history.days - 7, 7)
    return last_week * (horizon_days / 7.0)


YOY_WEEKS = 8  # weeks before the horizon compared with the same weeks a year earlier


def seasonal_naive_yearly(
    history: History, horizon_days: int, scaled: bool = False
) -> NDArray[np.float64] | None:
    """Each store × SKU's units in the same weeks last year (52 weeks before the horizon):
    the usual "seasonal naive" of retail. With `scaled`, times the store's year-over-year
    level: its units in the last YOY_WEEKS weeks over the same weeks a year earlier (1 where
    it sold nothing then). None when the sales recorded do not reach back a year and
    YOY_WEEKS weeks (the history's days may start long before its first sale)."""
    first = history.days - YEAR  # 52 weeks back: last year's same weekdays
    recorded_from = int(history.row_day.min()) if history.row_day.size else history.days
    if first - YOY_WEEKS * 7 < recorded_from or first + horizon_days > history.days:
        return None
    last_year = actual_units(history, first, horizon_days)
    if not scaled:
        return last_year
    recent = actual_units(history, history.days - YOY_WEEKS * 7, YOY_WEEKS * 7).sum(axis=1)
    before = actual_units(history, first - YOY_WEEKS * 7, YOY_WEEKS * 7).sum(axis=1)
    level = np.divide(recent, before, out=np.ones_like(recent), where=before > 0)
    return np.asarray(last_year * level[:, None])


def moving_average(history: History, horizon_days: int, weeks: int = 8) -> NDArray[np.float64]:
    """The mean daily units of the last `weeks` weeks of each store × SKU, over the horizon."""
    days = min(weeks * 7, history.days)
    return actual_units(history, history.days - days, days) * (horizon_days / days)


def at_levels(history: History, cells: NDArray[np.float64]) -> dict[str, NDArray[np.float64]]:
    """The store × SKU matrix summed to each level, and the cold starts' store × style cells
    (flattened; empty when there are none)."""
    style = np.zeros((history.sku_ids.size, history.style_ids.size))
    style[np.arange(history.sku_ids.size), history.sku_style] = 1.0
    category = np.zeros((history.style_ids.size, len(history.categories)))
    category[np.arange(history.style_ids.size), history.style_category] = 1.0
    by_style = cells @ style
    new_stores = history.store_open > history.days - NEW_DAYS
    new_styles = history.style_launch > history.days - NEW_DAYS
    return {
        LEVELS[0]: cells,
        LEVELS[1]: by_style,
        LEVELS[2]: by_style @ category,
        NEW_STORES: by_style[new_stores].ravel(),
        NEW_STYLES: by_style[:, new_styles].ravel(),
    }


def poisson_median(mean: NDArray[np.float64]) -> NDArray[np.float64]:
    """The median of Poisson counts of the given means: the point that minimises the expected
    absolute error (what WAPE scores) when a cell's units are Poisson around its mean."""
    return np.asarray(poisson.ppf(0.5, np.maximum(mean, 1e-12)), dtype=np.float64)


def score(
    method: str,
    history: History,
    predicted: NDArray[np.float64],
    actual: NDArray[np.float64],
    median: bool = False,
) -> list[Score]:
    """WAPE and bias of `predicted` (expected units) against `actual` at every level, and for
    the cold starts (stores and styles new at the end of `history`, the training history);
    with `median`, of the Poisson median of each cell's expected units at each level instead."""
    out = []
    predicted_levels, actual_levels = at_levels(history, predicted), at_levels(history, actual)
    levels = LEVELS if median else (*LEVELS, NEW_STORES, NEW_STYLES)
    for level in levels:
        f, a = predicted_levels[level], actual_levels[level]
        if a.sum() == 0:
            continue  # no cold start of that kind in this holdout
        if median:
            f = poisson_median(f)
        total = max(float(a.sum()), 1e-9)
        out.append(
            Score(method, level, float(np.abs(f - a).sum()) / total, float((f - a).sum()) / total)
        )
    return out


def backtest(
    history: History,
    *,
    weeks: int = 4,
    params: ForecastParams | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Score]:
    """Forecast the last `weeks` weeks of `history` from the days before them, and score the
    forecast and the baselines (those the history is long enough for) on what was sold."""
    horizon = weeks * 7
    if horizon >= history.days:
        raise ValueError("the history is shorter than the holdout")
    cutoff = history.end - timedelta(days=horizon)
    train = history.before(cutoff)
    actual = actual_units(history, history.days - horizon, horizon)
    predictions: dict[str, Callable[[], NDArray[np.float64] | None]] = {
        "forecast": lambda: forecast(train, horizon_days=horizon, params=params).mean,
        BASELINES[0]: lambda: seasonal_naive(train, horizon),
        BASELINES[1]: lambda: seasonal_naive_yearly(train, horizon),
        BASELINES[2]: lambda: seasonal_naive_yearly(train, horizon, scaled=True),
        BASELINES[3]: lambda: moving_average(train, horizon),
    }
    scores: list[Score] = []
    for name, run in predictions.items():
        if progress is not None:
            progress(name)
        predicted = run()
        if predicted is None:  # not enough history for this method
            continue
        scores.extend(score(name, train, predicted, actual))
        if name in ("forecast", BASELINES[3]):  # expected units, not whole units
            scores.extend(score(f"{name}, median", train, predicted, actual, median=True))
    return scores
