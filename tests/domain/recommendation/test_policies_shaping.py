"""Each tenant policy and passport preference changes the engine's plan the way it says."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from domain.recommendation.allocation import UNCAPPED, AllocationProblem, solve
from domain.recommendation.learning import CategoryEdits, LearnedFactors
from domain.recommendation.policies import (
    NetworkFacts,
    SkuFacts,
    StoreFacts,
    apply_policies,
    shape,
)
from domain.tenancy.policies import TenantPolicies
from tests.domain.recommendation.allocation_factories import violations


def network(
    stores: Sequence[StoreFacts],
    skus: Sequence[SkuFacts],
    *,
    mean: float | np.ndarray = 6.0,
    hq_stock: int | Sequence[int] = 1000,
    budget: float = 1e6,
    price: float | Sequence[float] = 200.0,
    cost: float = 80.0,
    pack: int | Sequence[int] = 1,
    on_hand: int = 0,
) -> tuple[AllocationProblem, NetworkFacts]:
    """Every store × every SKU, with the facts the policies read."""
    n_stores, n_skus = len(stores), len(skus)
    store, sku = (a.ravel() for a in np.indices((n_stores, n_skus)))
    problem = AllocationProblem(
        sku_ids=np.array([s.code for s in skus], dtype=object),
        unit_cost=np.full(n_skus, cost),
        retail_price=np.broadcast_to(np.asarray(price, float), (n_skus,)),
        hq_stock=np.broadcast_to(np.asarray(hq_stock), (n_skus,)),
        pack_size=np.broadcast_to(np.asarray(pack), (n_skus,)),
        store_ids=np.array([s.id for s in stores], dtype=object),
        budget=np.full(n_stores, budget),
        store=store,
        sku=sku,
        mean=np.broadcast_to(np.asarray(mean, float), (n_stores, n_skus)).ravel(),
        on_hand=np.full(store.size, on_hand),
        max_units=np.full(store.size, UNCAPPED),
    )
    return problem, NetworkFacts.build(stores, skus)


def store(store_id: int, tier: str = "B", **fields: Any) -> StoreFacts:
    """A store with no preferences and no display limit unless given."""
    return StoreFacts(
        id=store_id, tier=tier, display_capacity=fields.pop("capacity", None), **fields
    )


def skus(n_styles: int = 1, sizes: int = 1, category: str = "knit") -> list[SkuFacts]:
    """`n_styles` styles of `sizes` SKUs each, all of one category."""
    return [
        SkuFacts(code=f"P{style}-{size}", style=style, category=category)
        for style in range(n_styles)
        for size in range(sizes)
    ]


def policies(**allocation: Any) -> TenantPolicies:
    """Default policies with the given allocation settings, and no favoured uplift or tiers."""
    tiers = allocation.pop("tiers", {})
    return TenantPolicies.model_validate(
        {"tiers": {"weights": tiers}, "allocation": {"favoured_category_uplift": 0, **allocation}}
    )


def units(problem: AllocationProblem, qty: np.ndarray, store: int) -> int:
    """Units a store gets in a plan."""
    return int(qty[problem.store == store].sum())


def test_neutral_policies_leave_the_problem_as_it_was() -> None:
    problem, facts = network([store(1), store(2)], skus(2, 2))
    shaped = apply_policies(problem, facts, policies())
    assert np.array_equal(shaped.mean, problem.mean)
    assert np.array_equal(shaped.max_units, problem.max_units)
    assert not shaped.excluded.any() and shaped.n_groups == 0
    assert np.all(shaped.store_weight == 1.0)


def test_a_tier_store_gets_a_higher_share_of_scarce_stock() -> None:
    problem, facts = network([store(1, "A"), store(2, "C")], skus(), mean=20.0, hq_stock=12)
    even = solve(apply_policies(problem, facts, policies()))
    tiered = apply_policies(problem, facts, policies(tiers={"A": 2.0, "C": 0.5}))
    plan = solve(tiered)
    assert abs(units(problem, even.qty, 0) - units(problem, even.qty, 1)) <= 1
    assert units(problem, plan.qty, 0) > units(problem, plan.qty, 1)
    assert units(problem, plan.qty, 0) > units(problem, even.qty, 0)
    assert plan.qty.sum() == 12
    assert list(tiered.store_weight) == [2.0, 0.5]


def test_tier_weights_do_not_matter_when_stock_suffices() -> None:
    problem, facts = network([store(1, "A"), store(2, "C")], skus(), mean=20.0, hq_stock=1000)
    even = solve(apply_policies(problem, facts, policies()))
    tiered = solve(apply_policies(problem, facts, policies(tiers={"A": 2.0, "C": 0.5})))
    assert np.array_equal(even.qty, tiered.qty)


def test_no_style_is_sent_below_its_minimum_presentation() -> None:
    stores = [store(i) for i in range(1, 5)]
    rng = np.random.default_rng(3)
    mean = rng.uniform(0.2, 1.5, (4, 12))
    problem, facts = network(stores, skus(4, 3), mean=mean, budget=900.0, price=150.0)
    free = solve(apply_policies(problem, facts, policies()))
    shaped = apply_policies(problem, facts, policies(min_style_units=4))
    plan = solve(shaped)
    style = facts.sku_style[problem.sku]
    per_style = np.zeros((4, 4), int)
    np.add.at(per_style, (problem.store, style), plan.qty)
    before = np.zeros((4, 4), int)
    np.add.at(before, (problem.store, style), free.qty)
    assert np.any((before > 0) & (before < 4)), "the test needs styles sent below the minimum"
    assert np.all((per_style == 0) | (per_style >= 4))
    assert per_style.sum() > 0
    assert shaped.n_groups == 16 and set(shaped.group_min_units) == {4}
    assert violations(shaped, plan.qty) == []


def test_no_store_takes_more_than_the_sku_share_cap() -> None:
    mean = np.array([[40.0], [3.0], [3.0], [3.0]])
    problem, facts = network([store(i) for i in range(1, 5)], skus(), mean=mean, hq_stock=40)
    free = solve(apply_policies(problem, facts, policies()))
    plan = solve(apply_policies(problem, facts, policies(sku_share_cap=0.25)))
    assert units(problem, free.qty, 0) > 10
    assert max(units(problem, plan.qty, s) for s in range(4)) <= 10
    assert units(problem, plan.qty, 0) == 10
    assert plan.qty.sum() > free.qty[1:].sum()


def test_share_cap_rounds_to_whole_packs_and_leaves_one_pack() -> None:
    problem, facts = network([store(1)], skus(1, 3), hq_stock=[50, 3, 50], pack=[6, 6, 1])
    shaped = apply_policies(problem, facts, policies(sku_share_cap=0.3))
    # 0.3 × 50 = 15 is two packs of 6; 0.3 × 3 is no pack, yet one pack stays sendable.
    assert list(shaped.max_units) == [12, 6, 15]


def test_excluded_categories_and_skus_are_never_sent() -> None:
    catalogue = [*skus(2, 2, "knit"), SkuFacts("D-1", 9, "denim"), SkuFacts("D-2", 9, "denim")]
    stores = [store(1, excluded_categories=("denim",), excluded_skus=("P0-1",)), store(2)]
    problem, facts = network(stores, catalogue)
    plan = solve(apply_policies(problem, facts, policies()))
    sent = {
        (int(problem.store[i]), catalogue[problem.sku[i]].code) for i in np.flatnonzero(plan.qty)
    }
    assert not {code for s, code in sent if s == 0} & {"D-1", "D-2", "P0-1"}
    assert {"D-1", "D-2", "P0-1"} <= {code for s, code in sent if s == 1}


def test_skus_priced_outside_the_band_are_never_sent() -> None:
    stores = [store(1, price_min=100.0, price_max=300.0), store(2, price_max=150.0), store(3)]
    problem, facts = network(stores, skus(1, 3), price=[99.0, 200.0, 400.0])
    plan = solve(apply_policies(problem, facts, policies()))
    got = plan.qty.reshape(3, 3) > 0
    assert got.tolist() == [[False, True, False], [True, False, False], [True, True, True]]


def test_display_capacity_caps_what_a_store_holds_after_delivery() -> None:
    stores = [store(1, capacity=30), store(2)]
    problem, facts = network(stores, skus(3, 2), mean=10.0, on_hand=2)
    plan = solve(apply_policies(problem, facts, policies()))
    held = 2 * 6
    unlimited = solve(problem)
    assert units(problem, unlimited.qty, 0) + held > 30
    assert 0 < units(problem, plan.qty, 0) <= 30 - held
    assert units(problem, plan.qty, 1) == units(problem, unlimited.qty, 1)


def test_display_capacity_is_shared_in_proportion_to_demand() -> None:
    mean = np.array([[30.0, 10.0]])
    problem, facts = network([store(1, capacity=20)], skus(1, 2), mean=mean)
    shaped = apply_policies(problem, facts, policies())
    assert list(shaped.max_units) == [15, 5]


def test_display_capacity_is_left_alone_when_the_budget_cannot_fill_it() -> None:
    problem, facts = network([store(1, capacity=30)], skus(3, 2), mean=10.0, budget=800.0)
    shaped = apply_policies(problem, facts, policies())
    assert np.all(shaped.max_units == UNCAPPED)


def test_a_favoured_category_gets_more_than_before() -> None:
    catalogue = [*skus(2, 1, "knit"), SkuFacts("D-1", 9, "denim"), SkuFacts("D-2", 9, "denim")]
    stores = [store(1, favoured_categories=("denim",))]
    problem, facts = network(stores, catalogue, budget=1200.0)
    before = solve(apply_policies(problem, facts, policies()))
    shaped = apply_policies(problem, facts, policies(favoured_category_uplift=0.2))
    after = solve(shaped)
    denim = facts.sku_category[problem.sku] == facts.categories.index("denim")
    assert np.allclose(shaped.mean[denim], problem.mean[denim] * 1.2)
    assert np.array_equal(shaped.mean[~denim], problem.mean[~denim])
    assert after.qty[denim].sum() > before.qty[denim].sum()


def test_learned_factors_scale_that_store_and_category_only() -> None:
    catalogue = [*skus(1, 2, "knit"), SkuFacts("D-1", 9, "denim")]
    problem, facts = network([store(1), store(2)], catalogue)
    learned = LearnedFactors({(1, "denim"): CategoryEdits(1, "denim", offered=40, kept=28)})
    shaped = apply_policies(problem, facts, policies(), learned)
    factor = shaped.mean / problem.mean
    assert factor.tolist() == pytest.approx([1, 1, (28 + 12) / (40 + 12), 1, 1, 1])


def test_learned_factor_shrinks_towards_one_within_bounds() -> None:
    assert CategoryEdits(1, "knit", offered=2, kept=0).factor == pytest.approx(12 / 14)
    assert CategoryEdits(1, "knit", offered=40, kept=4).factor == 0.5
    assert CategoryEdits(1, "knit", offered=10, kept=10).factor == 1.0
    assert CategoryEdits(1, "knit", offered=0, kept=100).factor == 1.5
    assert CategoryEdits(1, "knit", offered=20, kept=24).factor == pytest.approx(36 / 32)


@pytest.mark.parametrize(
    ("section", "values", "field"),
    [
        ("tiers", {"weights": {"Z": 1.0}}, "weights"),
        ("tiers", {"weights": {"A": 0.0}}, "weights"),
        ("allocation", {"sku_share_cap": 1.5}, "sku_share_cap"),
        ("allocation", {"min_style_units": -1}, "min_style_units"),
        ("allocation", {"favoured_category_uplift": 2}, "favoured_category_uplift"),
    ],
)
def test_bad_policies_are_refused_naming_the_field(
    section: str, values: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        TenantPolicies.model_validate({section: values})
    assert raised.value.errors()[0]["loc"][:2] == (section, field)


def test_notes_say_what_each_policy_did_to_a_row() -> None:
    catalogue = [*skus(1, 2, "knit"), SkuFacts("D-1", 9, "denim"), SkuFacts("X-1", 8, "shoes")]
    stores = [
        store(1, favoured_categories=("knit",), excluded_skus=("D-1",), price_max=150.0),
        store(2, capacity=10),
    ]
    problem, facts = network(stores, catalogue, price=[100.0, 100.0, 100.0, 300.0], hq_stock=40)
    learned = LearnedFactors({(2, "denim"): CategoryEdits(2, "denim", offered=12, kept=0)})
    shaped = shape(
        problem, facts, policies(favoured_category_uplift=0.2, sku_share_cap=0.5), learned
    )
    reasons = shaped.notes.reasons(np.arange(problem.n_rows))
    assert reasons[:4] == [
        {"favoured_uplift": 1.2, "capped_by": "sku_share"},
        {"favoured_uplift": 1.2, "capped_by": "sku_share"},
        {"excluded_by": "sku", "capped_by": "sku_share"},
        {"excluded_by": "price_band", "capped_by": "sku_share"},
    ]
    assert reasons[6] == {"learned_factor": 0.5, "capped_by": "display_capacity"}
    assert all(r["capped_by"] == "display_capacity" for r in reasons[4:])
    assert np.allclose(shaped.problem.mean, problem.mean * shaped.notes.demand_factor)


def test_groups_are_numbered_alike_in_a_dense_or_a_sorted_key_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stores = [store(i, excluded_categories=("denim",) if i == 2 else ()) for i in range(1, 4)]
    catalogue = [*skus(3, 2, "knit"), SkuFacts("D-1", 7, "denim")]
    problem, facts = network(stores, catalogue)
    dense = apply_policies(problem, facts, policies(min_style_units=2))
    monkeypatch.setattr("domain.recommendation.policies.shaping.DENSE_GROUP_KEYS", 0)
    sorted_keys = apply_policies(problem, facts, policies(min_style_units=2))
    assert np.array_equal(dense.group, sorted_keys.group)
    assert dense.n_groups == sorted_keys.n_groups == 3 * 4 - 1
    assert dense.group[problem.n_rows // 3 + 6] == -1  # store 2's denim row is excluded
