"""The whole demo tenant as data, before anything is written: people, stores, catalogue, stock
and sales history, all drawn from one seed (a separate stream per part, so that changing one
part does not reshuffle the others)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from domain.demo.assortment import choose_assortment, favoured_categories
from domain.demo.catalogue import CataloguePlan, make_catalogue
from domain.demo.demand import DemandModel, make_demand
from domain.demo.people import NameMaker
from domain.demo.sales import History, simulate
from domain.demo.spec import DemoSpec
from domain.demo.stores import StorePlan, make_stores, preferences

WAREHOUSES = (("WH-SH", "华东总仓 Shanghai DC", "Shanghai", "Shanghai"),
              ("WH-TJ", "华北分仓 Tianjin DC", "Tianjin", "Tianjin"))  # fmt: skip
WAREHOUSE_SPLIT = (0.65, 0.35)
HQ_COVER_WEEKS = 5.0


@dataclass
class Person:
    """A member of staff: name and mobile number."""

    name: str
    phone: str


@dataclass
class DemoPlan:
    """Everything the seed writes."""

    spec: DemoSpec
    hq: Person
    managers: list[Person]  # one per region
    merchandisers: list[Person]  # two per region
    stores: list[StorePlan]
    catalogue: CataloguePlan
    history: History
    hq_stock: list[tuple[int, int, int]]  # (warehouse index, SKU index, units)

    @property
    def warehouses(self) -> tuple[tuple[str, str, str, str], ...]:
        """(code, name, province, city) of the tenant's warehouses."""
        return WAREHOUSES[: self.spec.warehouses]


def _hq_stock(
    spec: DemoSpec,
    catalogue: CataloguePlan,
    model: DemandModel,
    carried: NDArray[np.bool_],
    rng: np.random.Generator,
) -> list[tuple[int, int, int]]:
    """HQ stock now: a few weeks of the chain's expected demand for what is in season, less
    (or nothing) of the SKUs HQ is short of, leftovers of what is not."""
    last = spec.history_days - 1
    stores = np.arange(carried.shape[0])
    chain = (model.planned_rates(last, stores) * carried).sum(axis=0)  # units a day per style
    sku_style = catalogue.sku_style
    daily = chain[sku_style] * catalogue.sku_share
    in_season = model.in_window[sku_style, last]
    weeks = rng.lognormal(np.log(HQ_COVER_WEEKS), 0.4, size=daily.size)
    units = np.where(in_season, daily * 7 * weeks, daily * 7 * rng.uniform(0, 1.5, daily.size))
    scarce = np.array([s.scarce for s in catalogue.skus])
    units = np.where(scarce, units * rng.uniform(0.0, 0.15, daily.size), units)
    units = np.floor(units).astype(int)
    out: list[tuple[int, int, int]] = []
    split = WAREHOUSE_SPLIT[: spec.warehouses]
    for k, total in enumerate(units):
        parts = rng.multinomial(int(total), np.array(split) / sum(split))
        out.extend((w, k, int(n)) for w, n in enumerate(parts))
    return out


@dataclass
class DemoWorld:
    """The hidden side of a plan: the demand process, each store's range, and the random
    streams the sales simulation and HQ stock draw from, as they stand before the simulation
    (benchmarks replay the simulation from here to know the true expected demand)."""

    spec: DemoSpec
    hq: Person
    managers: list[Person]
    merchandisers: list[Person]
    stores: list[StorePlan]
    catalogue: CataloguePlan
    model: DemandModel
    carried: NDArray[np.bool_]  # S × P: styles each store ranges
    sales_rng: np.random.Generator
    stock_rng: np.random.Generator


def draw_world(spec: DemoSpec) -> DemoWorld:
    """Everything of the demo tenant up to its sales history (pure: same spec, same world)."""
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(spec.random_seed).spawn(7)]
    people_rng, catalogue_rng, store_rng, demand_rng, range_rng, sales_rng, stock_rng = streams
    names = NameMaker(people_rng)
    hq = Person(names.name(), names.phone())
    managers = [Person(names.name(), names.phone()) for _ in spec.regions]
    merchandisers = [Person(names.name(), names.phone()) for _ in range(2 * len(spec.regions))]
    stores = make_stores(spec, store_rng, names)
    prefs: list[dict[str, Any]] = [preferences(store_rng, s, spec.slug) for s in stores]
    catalogue = make_catalogue(spec, catalogue_rng)
    model = make_demand(spec, stores, catalogue, demand_rng)
    carried = choose_assortment(stores, catalogue, model, prefs, range_rng)
    model.calibrate(carried, np.array([s.level for s in stores]))
    for store, pref, favoured in zip(
        stores, prefs, favoured_categories(carried, model, range_rng), strict=True
    ):
        store.preferences = {**pref, "favoured_categories": favoured}
    return DemoWorld(
        spec, hq, managers, merchandisers, stores, catalogue, model, carried, sales_rng, stock_rng
    )


def make_plan(spec: DemoSpec) -> DemoPlan:
    """Draw the demo tenant (pure: the same spec gives the same plan)."""
    w = draw_world(spec)
    history = simulate(spec, w.stores, w.catalogue, w.model, w.carried, w.sales_rng)
    hq_stock = _hq_stock(spec, w.catalogue, w.model, w.carried, w.stock_rng)
    return DemoPlan(
        spec, w.hq, w.managers, w.merchandisers, w.stores, w.catalogue, history, hq_stock
    )
