"""The demo's regions, their provinces with a rough climate, and a smooth temperature model.

Region membership is the brief's. Each province carries the January and July mean temperatures
of its capital (°C, rounded climatology) and the capital's latitude; a city's temperature is the
province's, corrected for how far north or south of the capital it lies. Temperature is what
drives seasonal clothing demand in the sales model, so the north buys coats for longer and
the south buys shorts for longer, without any hand-written "north sells coats" rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class RegionPlan:
    """One region of the demo tenant."""

    code: str
    name: str
    provinces: tuple[str, ...]


REGIONS: tuple[RegionPlan, ...] = (
    RegionPlan(
        "R1",
        "Region 1 一区",
        ("Shandong", "Beijing", "Shanxi", "Liaoning", "Inner Mongolia", "Guangdong"),
    ),
    RegionPlan(
        "R2",
        "Region 2 二区",
        (
            "Jiangsu",
            "Zhejiang",
            "Sichuan",
            "Jilin",
            "Shaanxi",
            "Shanghai",
            "Yunnan",
            "Hunan",
            "Jiangxi",
            "Hubei",
        ),
    ),
    RegionPlan(
        "R3",
        "Region 3 三区",
        (
            "Hebei",
            "Henan",
            "Tianjin",
            "Heilongjiang",
            "Anhui",
            "Guizhou",
            "Chongqing",
            "Guangxi",
            "Fujian",
            "Qinghai",
            "Ningxia",
            "Xinjiang",
            "Gansu",
        ),
    ),
)


@dataclass(frozen=True)
class ProvinceClimate:
    """A province's weight in the store network and its capital's climate."""

    name: str
    name_zh: str
    stores: float  # relative number of stores (population and purchasing power)
    jan: float  # mean January temperature of the capital, °C
    jul: float  # mean July temperature of the capital, °C
    latitude: float  # of the capital


PROVINCES: dict[str, ProvinceClimate] = {
    p.name: p
    for p in (
        ProvinceClimate("Shandong", "山东", 20, -1, 27, 36.65),
        ProvinceClimate("Beijing", "北京", 10, -3, 27, 39.90),
        ProvinceClimate("Shanxi", "山西", 8, -6, 24, 37.87),
        ProvinceClimate("Liaoning", "辽宁", 12, -11, 25, 41.80),
        ProvinceClimate("Inner Mongolia", "内蒙古", 6, -12, 23, 40.84),
        ProvinceClimate("Guangdong", "广东", 24, 14, 29, 23.13),
        ProvinceClimate("Jiangsu", "江苏", 20, 3, 28, 32.06),
        ProvinceClimate("Zhejiang", "浙江", 18, 5, 29, 30.27),
        ProvinceClimate("Sichuan", "四川", 16, 6, 26, 30.57),
        ProvinceClimate("Jilin", "吉林", 7, -15, 23, 43.82),
        ProvinceClimate("Shaanxi", "陕西", 10, 0, 27, 34.34),
        ProvinceClimate("Shanghai", "上海", 10, 5, 29, 31.23),
        ProvinceClimate("Yunnan", "云南", 8, 9, 20, 25.04),
        ProvinceClimate("Hunan", "湖南", 12, 5, 29, 28.23),
        ProvinceClimate("Jiangxi", "江西", 9, 6, 30, 28.68),
        ProvinceClimate("Hubei", "湖北", 12, 4, 29, 30.59),
        ProvinceClimate("Hebei", "河北", 14, -2, 27, 38.04),
        ProvinceClimate("Henan", "河南", 16, 1, 27, 34.75),
        ProvinceClimate("Tianjin", "天津", 6, -3, 27, 39.13),
        ProvinceClimate("Heilongjiang", "黑龙江", 8, -18, 23, 45.80),
        ProvinceClimate("Anhui", "安徽", 11, 3, 29, 31.82),
        ProvinceClimate("Guizhou", "贵州", 6, 5, 24, 26.65),
        ProvinceClimate("Chongqing", "重庆", 8, 8, 28, 29.56),
        ProvinceClimate("Guangxi", "广西", 8, 13, 28, 22.82),
        ProvinceClimate("Fujian", "福建", 11, 11, 29, 26.07),
        ProvinceClimate("Qinghai", "青海", 2, -8, 17, 36.62),
        ProvinceClimate("Ningxia", "宁夏", 2, -8, 23, 38.49),
        ProvinceClimate("Xinjiang", "新疆", 5, -12, 24, 43.83),
        ProvinceClimate("Gansu", "甘肃", 4, -6, 22, 36.06),
    )
}

# Day of the year of the warmest day (mid-July); the coldest is half a year before.
_WARMEST_DOY = 200


def city_climate(province: str, latitude: float) -> tuple[float, float]:
    """(January, July) mean temperature of a city: its province's, shifted by latitude.

    Winters cool by about 1 °C per degree of latitude northwards, summers by about 0.3 °C.
    """
    climate = PROVINCES[province]
    north = latitude - climate.latitude
    return climate.jan - 1.0 * north, climate.jul - 0.3 * north


def normal_temperature(
    jan: float, jul: float, day_of_year: NDArray[np.int64]
) -> NDArray[np.float64]:
    """The climatological mean temperature on each day of the year (a yearly cosine)."""
    mean = (jan + jul) / 2
    amplitude = (jul - jan) / 2
    phase = 2 * math.pi * (day_of_year - _WARMEST_DOY) / 365.25
    return np.asarray(mean + amplitude * np.cos(phase), dtype=np.float64)


def weather_anomalies(
    rng: np.random.Generator,
    provinces: int,
    days: int,
    sigma: float = 2.5,
    persistence: float = 0.85,
) -> NDArray[np.float64]:
    """Daily temperature anomalies per province: an AR(1) process (cold snaps, warm spells)."""
    shocks = rng.normal(0.0, sigma * math.sqrt(1 - persistence**2), size=(provinces, days))
    out = np.empty((provinces, days))
    out[:, 0] = rng.normal(0.0, sigma, size=provinces)
    for t in range(1, days):
        out[:, t] = persistence * out[:, t - 1] + shocks[:, t]
    return out
