"""The demand process behind the demo's sales history.

The expected units of style p in store s on day t are a product of independent effects:

    λ[s,p,t] = store level[s] · opening ramp and trend[s,t] · traffic shock[s,t]
             · style appeal[p] · launch ramp and trend[p,t] · markdown response[p,t]
             · taste of the store's region and province for the style[s,p]
             · weather response of the style's category at the store's temperature[s,c(p),t]
             · weekday and holiday factor[t]

Style appeal is a lognormal popularity times the category's unit rate and a price elasticity;
the weather response is a (lopsided) bell curve of the temperature two weeks ahead (shoppers buy before
the weather turns), with a floor off-season; temperatures are each city's climate plus an
AR(1) daily anomaly per province. The traffic shock is Gamma with mean 1, so daily units,
drawn as Poisson given everything above, are overdispersed (negative binomial per store-day).
Nothing here knows about any forecasting method: it is a plausible retail demand process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from numpy.typing import NDArray

from domain.catalogue.models import Season
from domain.demo.catalogue import CataloguePlan
from domain.demo.categories import CATEGORIES
from domain.demo.geography import normal_temperature, weather_anomalies
from domain.demo.seasons import calendar_factors, window_tables
from domain.demo.spec import DemoSpec
from domain.demo.stores import StorePlan

LOOK_AHEAD_DAYS = 14
PRICE_ELASTICITY = 1.0
SHOCK_SHAPE = 8.0  # traffic shock ~ Gamma(8, 1/8): a store's day varies by about ±35 %
CHAIN_GROWTH = 0.04  # per year


def _doy(spec: DemoSpec, days: int, offset: int = 0) -> NDArray[np.int64]:
    first = spec.first_day + timedelta(days=offset)
    start = first.timetuple().tm_yday
    return np.asarray((start - 1 + np.arange(days)) % 365 + 1, dtype=np.int64)


@dataclass
class DemandModel:
    """Every hidden factor of demand, as arrays (stores S, styles P, categories C, days D)."""

    store_day: NDArray[np.float64]  # S×D: level (once calibrated), opening ramp, trend
    shock: NDArray[np.float64]  # S×D: the day's traffic shock (mean 1)
    style_day: NDArray[np.float64]  # P×D: appeal, launch ramp, trend, markdown response
    taste: NDArray[np.float64]  # S×P
    weather: NDArray[np.float64]  # S×C×D: response to the actual temperature
    expected_weather: NDArray[np.float64]  # S×C×D: response to the normal temperature
    calendar: NDArray[np.float64]  # D
    category: NDArray[np.int64]  # P
    in_window: NDArray[np.bool_]  # P×D: HQ replenishes the style (season, launched, not ended)
    price_factor: NDArray[np.float64]  # P×D: markdowns

    def calibrate(self, carried: NDArray[np.bool_], level: NDArray[np.float64]) -> None:
        """Scale each store so that its mean daily units over the history, for what it carries
        in a normal year, without shocks and ramps, is `level`."""
        total = np.zeros(len(level))
        for t in range(self.calendar.size):
            expected = (
                self.style_day[None, :, t]
                * self.taste
                * self.expected_weather[:, self.category, t]
                * (carried & self.in_window[None, :, t])
            )
            total += expected.sum(axis=1) * self.calendar[t]
        mean = np.maximum(total / self.calendar.size, 1e-9)
        self.store_day *= (level / mean)[:, None]

    def rates(self, t: int) -> NDArray[np.float64]:
        """Expected units per store × style on day t (before stock limits)."""
        weather = self.weather[:, self.category, t]
        traffic = self.store_day[:, t] * self.shock[:, t] * self.calendar[t]
        return np.asarray(traffic[:, None] * self.style_day[None, :, t] * self.taste * weather)

    def planned_rates(self, t: int, stores: NDArray[np.int64]) -> NDArray[np.float64]:
        """What a merchandiser expects per day for `stores` × styles around day t: the normal
        weather, an ordinary week, no shocks."""
        weather = self.expected_weather[stores, :, t][:, self.category]
        level = self.store_day[stores, t, None]
        return np.asarray(level * self.style_day[None, :, t] * self.taste[stores] * weather)


def _weather_response(
    stores: list[StorePlan], spec: DemoSpec, anomaly: NDArray[np.float64] | None
) -> NDArray[np.float64]:
    days = spec.history_days
    doy = _doy(spec, days, LOOK_AHEAD_DAYS)
    temps = np.stack([normal_temperature(s.january, s.july, doy) for s in stores])
    if anomaly is not None:
        temps = temps + anomaly
    best = np.array([c.best_temperature for c in CATEGORIES])[None, :, None]
    cold = np.array([c.cold_width for c in CATEGORIES])[None, :, None]
    warm = np.array([c.warm_width for c in CATEGORIES])[None, :, None]
    floor = np.array([c.floor for c in CATEGORIES])[None, :, None]
    gap = temps[:, None, :] - best
    bell = np.exp(-0.5 * (gap / np.where(gap < 0, cold, warm)) ** 2)
    return np.asarray(floor + (1 - floor) * bell)


def _store_day(stores: list[StorePlan], spec: DemoSpec) -> NDArray[np.float64]:
    days = spec.history_days
    t = np.arange(days)[None, :]
    years = (t - days) / 365.0
    trend = np.array([s.trend for s in stores])[:, None]
    opened = np.array([s.open_day for s in stores])[:, None]
    closes = np.array([s.close_day for s in stores])[:, None]
    age = t - opened
    ramp = np.where(age < 0, 0.0, 0.7 + 0.3 * (1 - np.exp(-np.maximum(age, 0) / 45.0)))
    ramp = ramp * np.where((age >= 0) & (age < 7), 1.4, 1.0)  # opening week
    trading = (t < closes).astype(float)
    growth = np.exp((trend + CHAIN_GROWTH) * years)
    return np.asarray(ramp * trading * growth)


def _style_day(
    catalogue: CataloguePlan, spec: DemoSpec, price: NDArray[np.float64]
) -> NDArray[np.float64]:
    days = spec.history_days
    t = np.arange(days)[None, :]
    styles = catalogue.styles
    category = [CATEGORIES[s.category] for s in styles]
    mid = np.array([np.sqrt(c.price[0] * c.price[1]) for c in category])
    retail = np.array([float(s.retail_price) for s in styles])
    appeal = (
        np.array([s.popularity for s in styles])
        * np.array([c.units for c in category])
        * (retail / mid) ** -0.7
    )[:, None]
    launch = np.array([s.launch_day for s in styles])[:, None]
    age = t - launch
    ramp = np.where(age < 0, 0.0, 1 - np.exp(-(np.maximum(age, 0) + 1) / 7.0))
    novelty = 1 + 0.3 * np.exp(-np.maximum(age, 0) / 30.0)
    trend = np.exp(np.array([s.trend for s in styles])[:, None] * (t - days) / 365.0)
    return np.asarray(appeal * ramp * novelty * trend * price**-PRICE_ELASTICITY)


def _windows(
    catalogue: CataloguePlan, spec: DemoSpec
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    days = spec.history_days
    tables = window_tables(spec.first_day, days)
    t = np.arange(days)[None, :]
    season = [s.season for s in catalogue.styles]
    inside = np.stack([tables[s][0] for s in season])
    price = np.stack([tables[s][1] for s in season])
    launch = np.array([s.launch_day for s in catalogue.styles])[:, None]
    end = np.array([s.end_day for s in catalogue.styles])[:, None]
    supplied = inside & (t >= launch) & (t < end)
    # A discontinued style is cleared at the clearance price once HQ stops supplying it.
    price = np.where(t >= end, np.minimum(price, tables[Season.ALL_SEASON][1].min() * 0.6), price)
    return supplied, price


def _taste(
    stores: list[StorePlan], catalogue: CataloguePlan, spec: DemoSpec, rng: np.random.Generator
) -> NDArray[np.float64]:
    """Regional taste for categories, provincial taste for styles, and the store's own."""
    provinces = sorted({s.province for s in stores})
    p_index = np.array([provinces.index(s.province) for s in stores])
    r_index = np.array([s.region for s in stores])
    category = np.array([s.category for s in catalogue.styles])
    n_styles = len(catalogue.styles)
    region_category = rng.lognormal(0.0, 0.25, size=(len(spec.regions), len(CATEGORIES)))
    province_style = rng.lognormal(0.0, 0.3, size=(len(provinces), n_styles))
    store_style = rng.lognormal(0.0, 0.2, size=(len(stores), n_styles))
    return np.asarray(region_category[r_index][:, category] * province_style[p_index] * store_style)


def make_demand(
    spec: DemoSpec, stores: list[StorePlan], catalogue: CataloguePlan, rng: np.random.Generator
) -> DemandModel:
    """Draw every hidden factor (uncalibrated: see `DemandModel.calibrate`)."""
    provinces = sorted({s.province for s in stores})
    p_index = np.array([provinces.index(s.province) for s in stores])
    anomaly = weather_anomalies(rng, len(provinces), spec.history_days)[p_index]
    supplied, price = _windows(catalogue, spec)
    model = DemandModel(
        store_day=_store_day(stores, spec),
        shock=rng.gamma(SHOCK_SHAPE, 1.0 / SHOCK_SHAPE, size=(len(stores), spec.history_days)),
        style_day=_style_day(catalogue, spec, price),
        taste=_taste(stores, catalogue, spec, rng),
        weather=_weather_response(stores, spec, anomaly),
        expected_weather=_weather_response(stores, spec, None),
        calendar=calendar_factors(spec.first_day, spec.history_days),
        category=np.array([s.category for s in catalogue.styles], dtype=np.int64),
        in_window=supplied,
        price_factor=price,
    )
    return model
