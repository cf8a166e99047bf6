"""A line's reason: why its last unit is there, the figures a page words, and the words."""

from __future__ import annotations

from datetime import date

import numpy as np

from domain.orders.reasons import ReasonKind, word
from domain.recommendation.allocation import UNCAPPED, AllocationProblem, solve
from domain.recommendation.forecast.history import History
from domain.recommendation.runs.explain import (
    group_units,
    last_unit_kind,
    recent_sales,
    season_peaks,
)


def problem(
    pack: tuple[int, ...] = (1, 1, 1),
    group: tuple[int, ...] = (0, 0, -1),
    group_min: tuple[int, ...] = (4,),
) -> AllocationProblem:
    """One store, three SKUs: two of a style selling 1 a month each, one selling 3."""
    n = 3
    return AllocationProblem(
        sku_ids=np.array(["a", "b", "c"], dtype=object),
        unit_cost=np.full(n, 40.0),
        retail_price=np.full(n, 100.0),
        hq_stock=np.full(n, 100),
        pack_size=np.array(pack),
        store_ids=np.array([1], dtype=object),
        budget=np.array([1e6]),
        store=np.zeros(n, np.int64),
        sku=np.arange(n),
        mean=np.array([1.0, 1.0, 3.0]),
        on_hand=np.zeros(n, np.int64),
        max_units=np.full(n, UNCAPPED),
        group=np.array(group),
        group_min_units=np.array(group_min, np.int64),
    )


def kinds(p: AllocationProblem, holdout: bool = False) -> list[ReasonKind]:
    plan = solve(p)
    groups = group_units(p, plan.qty)
    return [last_unit_kind(p, plan, row, holdout, groups) for row in range(p.n_rows)]


def test_units_sent_for_the_minimum_presentation_say_so() -> None:
    p = problem()
    plan = solve(p)
    assert plan.qty.tolist() == [2, 2, 3]  # the style's 4 units: 2 + 2
    assert plan.marginal_value[0] < 0  # the second unit of a slow size does not pay alone
    assert kinds(p) == [ReasonKind.PRESENTATION, ReasonKind.PRESENTATION, ReasonKind.DEMAND]


def test_units_sent_because_the_sku_ships_in_packs_say_so() -> None:
    p = problem(pack=(1, 1, 6), group=(-1, -1, -1), group_min=())
    plan = solve(p)
    assert plan.qty[2] == 6 and plan.marginal_value[2] < 0
    assert kinds(p) == [ReasonKind.DEMAND, ReasonKind.DEMAND, ReasonKind.PACK]
    assert set(kinds(p, holdout=True)) == {ReasonKind.HOLDOUT}


def test_a_line_is_worded_from_its_data_in_either_language() -> None:
    reason = {
        "kind": "demand",
        "mean": 9.6,
        "on_hand": 2,
        "sold_recent": 14,
        "sold_days": 28,
        "marginal_value": 31.5,
        "bound": "budget",
        "horizon_days": 28,
        "season": {"category": "coats", "peak_month": 12, "index": 1.8},
    }
    assert word(reason, 6, "en") == (
        "Sold 14 in the last 28 days, 2 left. Expected to sell 9.6 in the next 28 days; 6 sent. "
        "The last unit adds 31.50 of expected margin. Not more: the store's budget is spent. "
        "Coats peak in your region in December."
    )
    assert word(reason, 6, "zh-CN") == (
        "近 28 天售出 14 件，现有 2 件。预计未来 28 天售出 9.6 件，配 6 件。"
        "最后一件预计带来 31.50 毛利。门店预算已用完。coats在您所在区域 12月最旺。"
    )
    assert word(reason, 6, "fr") == word(reason, 6, "en")  # closest supported language
    assert word(reason, 6, None) == word(reason, 6, "zh-CN")


def test_a_unit_that_does_not_pay_never_claims_its_margin() -> None:
    presentation = {
        "kind": "presentation",
        "mean": 1.0,
        "on_hand": 0,
        "marginal_value": -5.12,
        "bound": "demand",
        "horizon_days": 28,
        "min_style_units": 4,
    }
    text = word(presentation, 2, "en")
    assert "minimum presentation of 4 units" in text
    assert "-5.12" not in text
    # a reason stored before kinds existed: no sentence rather than a wrong one
    legacy = {"mean": 1.0, "on_hand": 0, "marginal_value": -5.12, "bound": "demand"}
    assert "-5.12" not in word(legacy, 2, "en") and "margin" not in word(legacy, 2, "en")


def history(days: int, rows: list[tuple[int, int, int, int]]) -> History:
    """Two stores of regions 10 and 20, SKUs 7 and 8 of one 'coats' style: (store, sku, day, qty)."""
    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return History(
        end=date(2031, 1, 1),
        days=days,
        store_ids=np.array([101, 102]),
        store_region=np.array([0, 1]),
        region_ids=np.array([10, 20]),
        store_province=np.array([0, 1]),
        store_tier=np.array([1, 1]),
        store_area=np.array([80.0, 80.0]),
        store_open=np.array([-1, -1]),
        sku_ids=np.array([7, 8]),
        sku_style=np.array([0, 0]),
        style_ids=np.array([1]),
        style_category=np.array([0]),
        style_launch=np.array([-1]),
        categories=("coats",),
        row_store=arr[:, 0].astype(np.int32),
        row_sku=arr[:, 1].astype(np.int32),
        row_day=arr[:, 2].astype(np.int32),
        row_qty=arr[:, 3].astype(np.int32),
        row_censored=np.zeros(len(arr), bool),
    )


def test_recent_sales_and_the_seasons_come_from_the_history() -> None:
    days = 400  # the history runs from 2029-11-28 to 2030-12-31
    rows = [(0, 0, days - 1, 3), (0, 0, days - 20, 2), (0, 0, days - 40, 5), (1, 1, days - 2, 1)]
    # store 0 (region 10) sold most coats in December last year; store 1 (region 20) in July
    rows += [(0, 1, d, 4) for d in range(days - 30, days - 1)]
    rows += [(1, 0, d, 2) for d in range(days - 170, days - 140)]
    rows += [(1, 0, 0, 1)]  # a sale on the first day: the history holds more than a year
    h = history(days, rows)
    # the last 28 days are day indexes 372-399: of store 0's daily 4, days 372-398 count
    assert recent_sales(h) == {(101, 7): 3 + 2, (101, 8): 4 * 27, (102, 8): 1}
    seasons = season_peaks(h, first_month=1)
    assert seasons[(10, "coats")].peak_month == 12
    assert seasons[(20, "coats")].peak_month == 7
    assert season_peaks(history(200, rows[:1]), first_month=1) == {}  # less than a year
