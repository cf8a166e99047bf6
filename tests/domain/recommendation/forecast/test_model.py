"""The forecast on generated histories whose true demand is known."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest

from domain.recommendation.forecast import forecast
from domain.recommendation.forecast.backtest import (
    NEW_STORES,
    NEW_STYLES,
    YOY_WEEKS,
    actual_units,
    backtest,
    seasonal_naive_yearly,
)
from domain.recommendation.forecast.model import YEAR
from tests.domain.recommendation.forecast.synthetic import generate


def _wape(predicted: np.ndarray, actual: np.ndarray) -> float:
    return float(np.abs(predicted - actual).sum() / actual.sum())


def test_forecast_rows_and_columns_are_the_history_stores_and_skus() -> None:
    truth = generate(stores=9, styles=6)
    result = forecast(truth.history, horizon_days=14)
    assert result.mean.shape == (9, 18)
    assert (result.store_ids == truth.history.store_ids).all()
    assert (result.sku_ids == truth.history.sku_ids).all()
    assert result.start == truth.history.end
    assert result.horizon_days == 14
    assert (result.mean >= 0).all()


def test_forecast_beats_both_baselines_on_a_seasonal_history() -> None:
    truth = generate()
    scores = {(s.method, s.level): s for s in backtest(truth.full, weeks=4)}
    model = scores["forecast", "store × SKU"].wape
    naive = scores["seasonal naive (last week)", "store × SKU"].wape
    average = scores["moving average (8 weeks)", "store × SKU"].wape
    assert model < 0.85 * min(naive, average)


def test_forecast_is_close_to_the_true_demand() -> None:
    truth = generate()
    result = forecast(truth.history, horizon_days=28)
    assert abs(result.mean.sum() / truth.demand.sum() - 1) < 0.1
    # Per store × SKU, far closer to the truth than the sales of one month are.
    assert _wape(result.mean, truth.demand) < 0.3


def test_out_of_stock_days_are_censored_not_zero_demand() -> None:
    truth = generate(stockout=0.3)
    censored = forecast(truth.history).mean.sum()
    as_zero = forecast(
        replace(truth.history, row_censored=np.zeros_like(truth.history.row_censored))
    ).mean.sum()
    assert censored > 1.25 * as_zero
    assert abs(censored / truth.demand.sum() - 1) < 0.12


def test_winter_category_rises_into_winter_from_last_year() -> None:
    # The history ends in late November: the winter category (0) grows, summer (1) falls.
    truth = generate()
    history = truth.history
    mean = forecast(history).mean
    category = history.style_category[history.sku_style]
    recent = actual_units(history, history.days - 28, 28)
    winter, summer = category == 0, category == 1
    assert mean[:, winter].sum() > 1.05 * recent[:, winter].sum()
    assert mean[:, summer].sum() < 0.9 * recent[:, summer].sum()


def test_new_store_borrows_from_stores_of_its_region_and_size() -> None:
    truth = generate(new_store=True, stores=60)
    history = truth.history
    mean = forecast(history).mean
    assert not (history.row_store == history.store_ids.size - 1).any()
    new = mean[-1].sum()
    assert new == pytest.approx(truth.demand[-1].sum(), rel=0.35)
    # Its taste for styles follows its region's.
    peers = (history.store_region == history.store_region[-1])[:-1]
    shape = mean[:-1][peers].sum(axis=0)
    assert np.corrcoef(mean[-1], shape)[0, 1] > 0.95


def test_new_style_borrows_from_its_category_in_the_region() -> None:
    truth = generate(new_style=True)
    history = truth.history
    mean = forecast(history).mean
    new = history.sku_style == history.style_ids.size - 1
    same_category = history.style_category[history.sku_style] == history.style_category[-1]
    assert mean[:, new].sum() > 0
    old = same_category & ~new
    per_style_old = mean[:, old].sum() / (old.sum() / new.sum())
    assert mean[:, new].sum() == pytest.approx(per_style_old, rel=0.35)


def test_a_store_opening_inside_the_horizon_is_forecast_from_its_opening() -> None:
    truth = generate(stores=12, styles=6)
    history = truth.history
    history.store_open[0] = history.days + 14
    first_half = forecast(history, horizon_days=14).mean
    whole = forecast(history, horizon_days=28).mean
    second_half = forecast(history, horizon_days=14, start=history.end + timedelta(days=14)).mean
    assert first_half[0].sum() == 0
    assert whole[0].sum() > 0
    assert whole[0].sum() == pytest.approx(second_half[0].sum(), rel=1e-9)


def test_bad_horizon_is_refused() -> None:
    truth = generate(stores=3, styles=3)
    with pytest.raises(ValueError, match="horizon_days"):
        forecast(truth.history, horizon_days=0)
    with pytest.raises(ValueError, match="start"):
        forecast(truth.history, start=truth.history.end - timedelta(days=1))


def test_no_sales_no_stores_or_no_skus_forecast_nothing() -> None:
    history = generate(stores=6, styles=3, days=60).history
    empty = np.zeros(0, dtype=np.int32)
    silent = replace(
        history,
        row_store=empty,
        row_sku=empty,
        row_day=empty,
        row_qty=empty,
        row_censored=np.zeros(0, dtype=bool),
    )
    assert forecast(silent).mean.sum() == pytest.approx(0.0, abs=1e-6)
    none = np.zeros(0, dtype=np.int64)
    no_skus = replace(
        silent, sku_ids=none, sku_style=none, style_ids=none, style_category=none,
        style_launch=none, categories=(),
    )  # fmt: skip
    assert forecast(no_skus).mean.shape == (6, 0)


def test_a_short_history_uses_the_weekday_rhythm() -> None:
    # Six weeks: no last year, so the horizon is the recent level × the weekday rhythm.
    truth = generate(days=42, horizon=7, stockout=0.0)
    result = forecast(truth.history, horizon_days=7)
    assert result.mean.sum() == pytest.approx(truth.demand.sum(), rel=0.15)


def test_backtest_scores_cold_starts_apart_and_the_forecast_wins_there() -> None:
    truth = generate(new_store=True, new_style=True)
    scores = {(s.method, s.level): s for s in backtest(truth.full, weeks=4)}
    for level in (NEW_STORES, NEW_STYLES):
        model = scores["forecast", level]
        average = scores["moving average (8 weeks)", level]
        assert average.bias == pytest.approx(-1.0)  # no history: the baseline says nothing
        assert model.wape < average.wape
    # A new store's level comes from its peers; a new style's appeal is its own (one draw
    # here), so only the store's bias is bounded.
    assert abs(scores["forecast", NEW_STORES].bias) < 0.35


def test_yearly_seasonal_naive_repeats_last_year_s_weeks_scaled_by_the_store_s_growth() -> None:
    truth = generate(stores=6, styles=4, days=500)
    history = truth.history
    last_year = seasonal_naive_yearly(history, 28)
    assert last_year is not None
    first = history.days - YEAR
    assert np.array_equal(last_year, actual_units(history, first, 28))
    # A store that doubled its sales in the last 8 weeks gets twice last year's weeks.
    recent = history.row_day >= history.days - YOY_WEEKS * 7
    doubled = replace(
        history, row_qty=np.where(recent & (history.row_store == 0), 2, 1) * history.row_qty
    )
    scaled = seasonal_naive_yearly(doubled, 28, scaled=True)
    plain = seasonal_naive_yearly(history, 28, scaled=True)
    assert scaled is not None and plain is not None
    assert scaled[0].sum() == pytest.approx(2 * plain[0].sum())
    assert np.allclose(scaled[1:], plain[1:])
    # Less than a year of history: no yearly baseline, and the backtest leaves it out.
    short = history.before(history.end - timedelta(days=200))
    assert seasonal_naive_yearly(short, 28) is None
    methods = {s.method for s in backtest(short, weeks=4)}
    assert "seasonal naive (last year)" not in methods
    assert "moving average (8 weeks)" in methods
