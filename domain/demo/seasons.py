"""The demo's trading calendar: the week's rhythm, Chinese holidays, and the selling windows of
spring/summer and autumn/winter ranges (when HQ replenishes them and when they are marked down)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from domain.catalogue.models import Season

# Relative traffic Monday … Sunday (mean 1): weekends are a clothing store's busiest days.
WEEKDAY_FACTOR = np.array([0.86, 0.82, 0.84, 0.88, 1.02, 1.33, 1.25])

# Lunar New Year's Day, 2020–2032.
SPRING_FESTIVAL = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
}

# Selling windows (month, day) to (month, day): replenished inside, marked down near the end.
WINDOWS = {
    Season.SPRING_SUMMER: ((2, 10), (8, 20)),
    Season.AUTUMN_WINTER: ((8, 10), (2, 20)),
}
MARKDOWN_DAYS = 21
MARKDOWN = 0.7  # price factor in the last weeks of a window
CLEARANCE = 0.6  # price factor of leftovers after the window


def _spring_festival_factor(day: date) -> float:
    festival = SPRING_FESTIVAL.get(day.year)
    following = SPRING_FESTIVAL.get(day.year + 1)
    for new_year in (festival, following):
        if new_year is None:
            continue
        offset = (day - new_year).days
        if -21 <= offset <= -2:
            return 1.0 + 0.5 * (offset + 22) / 20  # new clothes for the new year
        if -1 <= offset <= 2:
            return 0.25  # most shops close for the first days
        if 3 <= offset <= 6:
            return 0.8
        if 7 <= offset <= 14:
            return 0.9
    return 1.0


def holiday_factor(day: date) -> float:
    """Traffic on a day relative to an ordinary day of the same weekday."""
    factor = _spring_festival_factor(day)
    if day.month == 10 and day.day <= 7:
        factor *= 1.5  # National Day golden week
    elif day.month == 5 and day.day <= 5:
        factor *= 1.35  # Labour Day holiday
    elif (day.month, day.day) in ((12, 24), (12, 25), (12, 31), (1, 1)):
        factor *= 1.2
    return factor


def calendar_factors(first: date, days: int) -> NDArray[np.float64]:
    """Weekday × holiday factor of each day of the history."""
    out = np.empty(days)
    for t in range(days):
        day = first + timedelta(days=t)
        out[t] = WEEKDAY_FACTOR[day.weekday()] * holiday_factor(day)
    return out


def _in_window(season: Season, day: date) -> tuple[bool, int]:
    """Whether `day` is inside the season's window, and how many days are left in it."""
    if season == Season.ALL_SEASON:
        return True, 10_000
    (m1, d1), (m2, d2) = WINDOWS[season]
    for start_year in (day.year - 1, day.year):
        start = date(start_year, m1, d1)
        end_year = start_year if (m2, d2) > (m1, d1) else start_year + 1
        end = date(end_year, m2, d2)
        if start <= day <= end:
            return True, (end - day).days
    return False, 0


def window_tables(
    first: date, days: int
) -> dict[Season, tuple[NDArray[np.bool_], NDArray[np.float64]]]:
    """Per season: whether each day is in the selling window, and the price factor that day."""
    tables: dict[Season, tuple[NDArray[np.bool_], NDArray[np.float64]]] = {}
    for season in Season:
        inside = np.zeros(days, dtype=bool)
        price = np.ones(days)
        for t in range(days):
            ok, left = _in_window(season, first + timedelta(days=t))
            inside[t] = ok
            if not ok:
                price[t] = CLEARANCE
            elif left < MARKDOWN_DAYS:
                price[t] = MARKDOWN
        tables[season] = (inside, price)
    return tables


def season_starts(season: Season, first: date, last: date) -> list[date]:
    """The days a season's window opens between `first` and `last` (new ranges launch then)."""
    if season == Season.ALL_SEASON:
        return []
    (month, day), _ = WINDOWS[season]
    starts = [date(year, month, day) for year in range(first.year, last.year + 1)]
    return [d for d in starts if first <= d <= last]
