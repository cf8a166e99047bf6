"""Which styles each demo store carries: what its merchandiser would pick.

A store carries the styles it expects to sell best (appeal × local taste × how well the
category suits its climate at the best time of year, judged with some noise), as many as its
display capacity allows, never a category or price the franchisee excluded.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from domain.demo.catalogue import CataloguePlan
from domain.demo.categories import CATEGORIES
from domain.demo.demand import DemandModel
from domain.demo.stores import StorePlan

UNITS_PER_STYLE = 22  # a style's size run on the shelf takes about this much display capacity


def choose_assortment(
    stores: list[StorePlan],
    catalogue: CataloguePlan,
    model: DemandModel,
    prefs: list[dict[str, Any]],
    rng: np.random.Generator,
) -> NDArray[np.bool_]:
    """carried[s, p]: whether store s stocks style p (in its selling window)."""
    n_styles = len(catalogue.styles)
    appeal = model.style_day.max(axis=1)
    peak_weather = model.expected_weather.max(axis=2)[:, model.category]
    judged = rng.lognormal(0.0, 0.3, size=(len(stores), n_styles))
    score = appeal[None, :] * model.taste * peak_weather * judged
    keys = [CATEGORIES[s.category].key for s in catalogue.styles]
    price = np.array([float(s.retail_price) for s in catalogue.styles])
    carried = np.zeros((len(stores), n_styles), dtype=bool)
    for i, store in enumerate(stores):
        pref = prefs[i]
        allowed = np.array([k not in pref["excluded_categories"] for k in keys])
        if pref["price_max"] is not None:
            allowed &= price <= float(pref["price_max"])
        if pref["price_min"] is not None:
            allowed &= price >= float(pref["price_min"])
        breadth = int(np.clip(store.display_capacity / UNITS_PER_STYLE, 0.3 * n_styles, n_styles))
        candidates = np.where(allowed)[0]
        best = candidates[np.argsort(-score[i, candidates], kind="stable")[:breadth]]
        carried[i, best] = True
    return carried


def favoured_categories(
    carried: NDArray[np.bool_], model: DemandModel, rng: np.random.Generator
) -> list[list[str]]:
    """What some franchisees say they like best: the categories that do best in their store."""
    out: list[list[str]] = []
    weight = (model.style_day.mean(axis=1)[None, :] * model.taste) * carried
    for i in range(carried.shape[0]):
        if rng.random() >= 0.3:
            out.append([])
            continue
        by_category = np.bincount(model.category, weights=weight[i], minlength=len(CATEGORIES))
        top = np.argsort(-by_category, kind="stable")[: int(rng.integers(1, 3))]
        out.append([CATEGORIES[int(c)].key for c in top])
    return out
