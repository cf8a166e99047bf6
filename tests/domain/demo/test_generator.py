"""The demo generator (no database): deterministic, and its history looks like a chain's."""

from __future__ import annotations

import copy
from datetime import timedelta

import numpy as np
import pytest

from domain.catalogue.service import ean13_valid
from domain.demo.categories import CATEGORIES
from domain.demo.plan import DemoPlan, draw_world, make_plan
from domain.demo.sales import Simulation
from domain.demo.spec import DemoSpec, taozi
from domain.regions.provinces import canonical_province
from tests.domain.demo.factories import TODAY

NORTH_LATITUDE = 36.0


@pytest.fixture(scope="module")
def spec() -> DemoSpec:
    # Enough stores for every region's climates, and more than a year so January is in it.
    return taozi(TODAY).with_size(90, 60, 420)


@pytest.fixture(scope="module")
def plan(spec: DemoSpec) -> DemoPlan:
    return make_plan(spec)


def category_of_rows(plan: DemoPlan) -> np.ndarray:
    sku_category = np.array([plan.catalogue.styles[k.style].category for k in plan.catalogue.skus])
    return sku_category[plan.history.sku]


def month_of_rows(plan: DemoPlan) -> np.ndarray:
    first = plan.spec.first_day
    months = np.array([(first + timedelta(days=t)).month for t in range(plan.spec.history_days)])
    return months[plan.history.day]


def units_per_store(plan: DemoPlan, stores: np.ndarray, category: str, month: int) -> float:
    h = plan.history
    key = [c.key for c in CATEGORIES].index(category)
    rows = stores[h.store] & (category_of_rows(plan) == key) & (month_of_rows(plan) == month)
    return float(h.qty[rows].sum()) / max(int(stores.sum()), 1)


def test_the_same_spec_draws_the_same_history(spec: DemoSpec, plan: DemoPlan) -> None:
    again = make_plan(spec)
    for name in ("store", "sku", "day", "qty", "revenue_cents", "on_hand_close", "on_hand"):
        assert np.array_equal(getattr(plan.history, name), getattr(again.history, name)), name
    assert [s.code for s in again.catalogue.skus] == [s.code for s in plan.catalogue.skus]
    assert [s.franchisee_name for s in again.stores] == [s.franchisee_name for s in plan.stores]


def test_coats_sell_in_the_north_in_winter_and_shorts_in_the_south_in_summer(
    plan: DemoPlan,
) -> None:
    region_1_3 = np.array([s.region in (0, 2) for s in plan.stores])
    north = region_1_3 & np.array([s.latitude > NORTH_LATITUDE for s in plan.stores])
    guangdong = np.array([s.province == "Guangdong" for s in plan.stores])
    assert north.sum() >= 5 and guangdong.sum() >= 5
    assert units_per_store(plan, north, "coats", 1) > 2 * units_per_store(
        plan, guangdong, "coats", 1
    )
    assert units_per_store(plan, north, "down_jackets", 1) > 5 * units_per_store(
        plan, guangdong, "down_jackets", 1
    )
    assert units_per_store(plan, north, "coats", 1) > 5 * units_per_store(plan, north, "coats", 7)
    assert units_per_store(plan, guangdong, "shorts", 7) > 2 * units_per_store(
        plan, north, "shorts", 7
    )
    assert units_per_store(plan, guangdong, "shorts", 7) > 5 * units_per_store(
        plan, guangdong, "shorts", 1
    )


def test_weekends_sell_more_than_weekdays(plan: DemoPlan) -> None:
    first = plan.spec.first_day.weekday()
    weekday = (first + plan.history.day) % 7
    units = np.bincount(weekday, weights=plan.history.qty, minlength=7)
    assert units[5:].mean() > 1.3 * units[:4].mean()


def test_bigger_better_tier_stores_sell_more(plan: DemoPlan) -> None:
    per_store = np.bincount(
        plan.history.store, weights=plan.history.qty, minlength=len(plan.stores)
    )
    tiers = np.array([s.tier.value for s in plan.stores])
    trading = np.array(
        [s.open_day < 0 and s.close_day == plan.spec.history_days for s in plan.stores]
    )
    a, c = per_store[(tiers == "A") & trading].mean(), per_store[(tiers == "C") & trading].mean()
    assert a > 1.5 * c


def test_stock_outs_are_recorded_as_censored_days_and_sell_nothing(plan: DemoPlan) -> None:
    h = plan.history
    out = h.qty == 0
    assert out.any() and (h.on_hand_close[out] == 0).all()
    assert h.stockout_rows == int(out.sum())
    assert h.demanded > int(h.qty.sum())  # demand that met an empty shelf was lost
    assert (h.on_hand_close >= 0).all() and (h.revenue_cents[out] == 0).all()
    # The history ends yesterday and begins history_days before today.
    assert h.day.min() >= 0 and h.day.max() == plan.spec.history_days - 1


def test_new_stores_and_new_styles_have_no_history_before_they_start(plan: DemoPlan) -> None:
    h = plan.history
    opened = np.array([s.open_day for s in plan.stores])
    assert (opened > plan.spec.history_days - 180).any()
    assert (h.day >= opened[h.store]).all()
    launched = np.array([s.launch_day for s in plan.catalogue.styles])
    style = np.array([k.style for k in plan.catalogue.skus])[h.sku]
    assert (launched > 0).any()
    assert (h.day >= launched[style]).all()


def test_catalogue_and_stores_are_well_formed(plan: DemoPlan) -> None:
    skus = plan.catalogue.skus
    assert all(len(k.barcode) == 13 and ean13_valid(k.barcode) for k in skus)
    assert len({k.barcode for k in skus}) == len({k.code for k in skus}) == len(skus)
    packs = {CATEGORIES[plan.catalogue.styles[k.style].category].key: k.pack_size for k in skus}
    assert packs["socks"] in (3, 6) and packs["coats"] == 1
    assert all(canonical_province(s.province) == s.province for s in plan.stores)
    assert len({s.code for s in plan.stores}) == len(plan.stores)
    assert {s.merchandiser for s in plan.stores} == set(range(6))
    assert all(
        plan.spec.regions[s.region].code == f"R{s.merchandiser // 2 + 1}" for s in plan.stores
    )


def test_a_fork_of_the_simulation_replays_the_rest_with_its_own_luck(spec: DemoSpec) -> None:
    world = draw_world(spec)
    sim = Simulation(
        spec, world.stores, world.catalogue, world.model, world.carried, world.sales_rng
    )
    middle = spec.history_days - 28
    for t in range(middle):
        sim.step(t)
    same_luck = sim.fork(copy.deepcopy(sim.rng))
    other_luck = sim.fork(np.random.default_rng(1))
    for twin in (sim, same_luck, other_luck):
        twin.expected = np.zeros(world.carried.shape)
        for t in range(middle, spec.history_days):
            twin.step(t)
    # Stepping day by day is the plan's own simulation (the world is drawn the same way).
    whole = sim.finish()
    plan = make_plan(spec)
    assert np.array_equal(whole.qty, plan.history.qty)
    assert np.array_equal(whole.on_hand, plan.history.on_hand)
    # A fork records only its own days; with the same luck, the same sales.
    replayed = same_luck.finish()
    tail = whole.day >= middle
    assert np.array_equal(replayed.qty, whole.qty[tail])
    assert np.array_equal(replayed.sku, whole.sku[tail])
    # Other luck: other sales around the same expected demand.
    assert not np.array_equal(other_luck.finish().on_hand, whole.on_hand)
    assert sim.expected is not None and other_luck.expected is not None
    assert other_luck.expected.sum() == pytest.approx(sim.expected.sum(), rel=0.05)
