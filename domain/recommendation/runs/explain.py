"""Why a proposal line is there, as data: the figures, why its last unit was sent, what stopped more.

A line's reason (stored on the order line, worded by domain.orders.reasons in the reader's
language) holds what a person needs to judge it: what the store sold of the SKU lately and has
left, what it is expected to sell, the category's peak month in the store's region, why the
last unit is there (`kind`) and what kept the line from more (`bound`).

The last unit of a line does not always pay for itself on its own. It was then sent for
another cause, which `last_unit_kind` names: the style's minimum presentation (the group would
fall short without the row's last pack), the pack (the SKU ships in packs of several units),
whole units when stock or budget is shared out (rounding), or the control group's
proportional split (holdout).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from domain.orders.reasons import ReasonKind, word
from domain.recommendation.allocation import AllocationPlan, AllocationProblem, Binding
from domain.recommendation.allocation.problem import IntArray
from domain.recommendation.allocation.reasons import unit_value
from domain.recommendation.forecast.history import History
from domain.recommendation.policies.notes import ShapingNotes
from domain.recommendation.runs.network import Network

#: Days of sales a reason quotes ("sold 14 in the last 4 weeks").
SOLD_DAYS = 28
#: A category's peak month is told once the history holds this many days of its sales.
SEASON_DAYS = 336
#: How the binding constraint is named on a line.
BOUND_NAMES = {
    Binding.DEMAND: "demand",
    Binding.BUDGET: "budget",
    Binding.HQ_STOCK: "hq_stock",
    Binding.MAX_UNITS: "display_capacity",
    Binding.EXCLUDED: "excluded",
    Binding.PRESENTATION: "presentation",
}


@dataclass(frozen=True)
class Season:
    """When a category sells most in a region, and how its horizon compares with its year."""

    peak_month: int  # 1-12
    index: float  # units in the horizon's first month last year ÷ the mean month


@dataclass
class LineFacts:
    """What a run read besides the problem: recent sales and seasons, for the reasons."""

    sold: dict[tuple[int, int], int] = field(default_factory=dict)  # (store, SKU) ids → units
    seasons: dict[tuple[int, str], Season] = field(default_factory=dict)  # (region id, category)


def recent_sales(history: History, days: int = SOLD_DAYS) -> dict[tuple[int, int], int]:
    """Units each store sold of each SKU over the last `days` days of the history."""
    recent = np.flatnonzero(history.row_day >= history.days - days)
    if recent.size == 0:
        return {}
    n_skus = history.sku_ids.size
    cells = history.row_store[recent].astype(np.int64) * n_skus + history.row_sku[recent]
    unique, inverse = np.unique(cells, return_inverse=True)
    units = np.bincount(inverse, weights=history.row_qty[recent]).astype(np.int64)
    stores, skus = history.store_ids[unique // n_skus], history.sku_ids[unique % n_skus]
    return {
        (int(s), int(k)): int(u)
        for s, k, u in zip(stores.tolist(), skus.tolist(), units.tolist(), strict=True)
        if u > 0
    }


def season_peaks(history: History, first_month: int) -> dict[tuple[int, str], Season]:
    """Each region × category's month of most sales over the last year of the history, and the
    index of `first_month` (the horizon's); nothing when the history is shorter than a year."""
    sold = np.flatnonzero(history.row_qty > 0)
    if sold.size == 0 or history.days - int(history.row_day[sold].min()) < SEASON_DAYS:
        return {}
    year = sold[history.row_day[sold] >= history.days - 364]
    start = np.datetime64(history.first, "D")
    months = (start + history.row_day[year].astype("timedelta64[D]")).astype("datetime64[M]")
    month = months.astype(np.int64) % 12  # 0 = January
    region = history.store_region[history.row_store[year]]
    category = history.style_category[history.sku_style[history.row_sku[year]]]
    n_categories = len(history.categories)
    key = (region * n_categories + category) * 12 + month
    size = history.region_ids.size * n_categories * 12
    table = np.bincount(key, weights=history.row_qty[year], minlength=size).reshape(-1, 12)
    out: dict[tuple[int, str], Season] = {}
    for cell in np.flatnonzero(table.sum(axis=1) > 0).tolist():
        r, c = divmod(cell, n_categories)
        row = table[cell]
        out[(int(history.region_ids[r]), history.categories[c])] = Season(
            peak_month=int(row.argmax()) + 1,
            index=round(float(row[first_month - 1] / row.mean()), 2),
        )
    return out


def group_units(problem: AllocationProblem, qty: IntArray) -> IntArray:
    """Units sent to each presentation group."""
    grouped = problem.group >= 0
    return np.bincount(
        problem.group[grouped], weights=qty[grouped], minlength=problem.n_groups
    ).astype(np.int64)


def last_unit_kind(
    problem: AllocationProblem, plan: AllocationPlan, row: int, holdout: bool, groups: IntArray
) -> ReasonKind:
    """Why the last unit of `row` was sent (see the module docstring)."""
    if holdout:
        return ReasonKind.HOLDOUT
    qty = int(plan.qty[row])
    marginal = float(plan.marginal_value[row])
    if not np.isfinite(marginal) or marginal >= 0:
        return ReasonKind.DEMAND
    pack = int(problem.pack_size[problem.sku[row]])
    group = int(problem.group[row])
    if group >= 0 and groups[group] - pack < problem.group_min_units[group]:
        return ReasonKind.PRESENTATION
    if pack > 1:
        units = np.arange(qty - pack + 1, qty + 1)
        rows = np.full(pack, row)
        if float(unit_value(problem, rows, units).sum()) >= 0:
            return ReasonKind.PACK
    return ReasonKind.ROUNDING


def reason(
    network: Network,
    problem: AllocationProblem,
    notes: ShapingNotes,
    plan: AllocationPlan,
    row: int,
    holdout: bool,
    facts: LineFacts,
    groups: IntArray,
) -> dict[str, object]:
    """Why a line is there, as stored on the order line (see the module docstring)."""
    s, k = int(problem.store[row]), int(problem.sku[row])
    store, sku = network.stores[s], network.skus[k]
    qty = int(plan.qty[row])
    out: dict[str, object] = {
        "kind": last_unit_kind(problem, plan, row, holdout, groups).value,
        "mean": round(float(problem.mean[row]), 3),
        "on_hand": int(problem.on_hand[row]),
        "inbound": int(network.inbound[s, k]),
        "sold_recent": facts.sold.get((store.id, sku.id), 0),
        "sold_days": SOLD_DAYS,
        "marginal_value": _rounded(plan.marginal_value[row]),
        "next_value": _rounded(plan.next_value[row]),
        "bound": BOUND_NAMES[Binding(int(plan.binding[row]))],
        "horizon_days": problem.horizon_days,
        "holdout": holdout,
        "pack_size": int(problem.pack_size[k]),
    }
    group = int(problem.group[row]) if problem.group.size else -1
    if group >= 0:
        out["style_units"] = int(groups[group])
        out["min_style_units"] = int(problem.group_min_units[group])
    category = sku.product.category
    season = facts.seasons.get((store.region_id or 0, category))
    if season is not None:
        out["season"] = {
            "category": category,
            "peak_month": season.peak_month,
            "index": season.index,
        }
    policies = notes.reason(row)
    if policies:
        out["policies"] = policies
    out["note"] = word(out, qty, "en")  # kept for readers of the raw data; pages word it anew
    return out


def _rounded(value: float) -> float | None:
    return round(float(value), 2) if np.isfinite(value) else None
