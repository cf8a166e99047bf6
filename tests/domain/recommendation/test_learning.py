"""Learning from edits: what a franchisee keeps cutting, the engine picks less of next time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal

import numpy as np
import pytest

from domain import clock
from domain.catalogue.models import Sku
from domain.clock import frozen_clock
from domain.db import Database
from domain.orders.models import OrderStatus
from domain.recommendation.allocation import UNCAPPED, AllocationProblem, solve
from domain.recommendation.learning import CAP, learned_factors
from domain.recommendation.policies import shape_with_notes
from domain.stores.models import Store, Tier
from domain.tenancy.policies import TenantPolicies
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import adjust, cast, order_in
from tests.domain.recommendation.policy_factories import confirmed_with_cuts
from tests.factories import World, make_skus, system


def problem_for(
    stores: Sequence[Store], skus: Sequence[Sku], budget: float, prices: Sequence[float] = ()
) -> AllocationProblem:
    """Every store × SKU with the same demand: only the policies tell them apart."""
    store, sku = (a.ravel() for a in np.indices((len(stores), len(skus))))
    return AllocationProblem(
        sku_ids=np.array([s.code for s in skus], dtype=object),
        unit_cost=np.full(len(skus), 90.0),
        retail_price=np.asarray(prices) if prices else np.full(len(skus), 199.0),
        hq_stock=np.full(len(skus), 1000),
        pack_size=np.ones(len(skus), np.int64),
        store_ids=np.array([s.code for s in stores], dtype=object),
        budget=np.full(len(stores), budget),
        store=store,
        sku=sku,
        mean=np.full(store.size, 5.0),
        on_hand=np.zeros(store.size, np.int64),
        max_units=np.full(store.size, UNCAPPED),
    )


async def test_a_category_the_store_keeps_cutting_gets_less_next_time(
    db: Database, world: World
) -> None:
    _, denim = await make_skus(db, world.tenant, n_styles=1, category="denim")
    knit = world.skus[:3]
    store, other = world.stores[0], world.stores[1]
    offer = {**{s: 4 for s in knit}, **{s: 4 for s in denim}}
    for _ in range(3):
        await confirmed_with_cuts(db, world, store, offer, {s: 0 for s in denim[:2]})

    stores, skus = [store, other], [*knit, *denim]
    problem = problem_for(stores, skus, budget=1800.0)
    async with tenant_session(db, system(world.tenant)) as session:
        learned = await learned_factors(session, [store.id, other.id])
        learning = (
            await shape_with_notes(
                session, problem, stores=stores, skus=skus, policies=TenantPolicies()
            )
        ).problem
        blind = (
            await shape_with_notes(
                session,
                problem,
                stores=stores,
                skus=skus,
                policies=TenantPolicies.model_validate({"allocation": {"learn_from_edits": False}}),
            )
        ).problem

    cut = learned.edits[(store.id, "denim")]
    assert (cut.offered, cut.kept) == (36, 12)
    assert learned.factor(store.id, "denim") == pytest.approx((12 + 12) / (36 + 12))
    assert learned.factor(store.id, "knitwear") == 1.0
    assert learned.factor(other.id, "denim") == 1.0

    is_denim = np.isin(problem.sku, [3, 4, 5])
    mine = problem.store == 0
    before, after = solve(blind), solve(learning)
    assert after.qty[mine & is_denim].sum() < before.qty[mine & is_denim].sum()
    assert after.qty[mine & ~is_denim].sum() >= before.qty[mine & ~is_denim].sum()
    assert np.array_equal(after.qty[~mine], before.qty[~mine])


async def test_added_lines_raise_the_factor_and_unconfirmed_proposals_teach_nothing(
    db: Database, world: World
) -> None:
    a, b, c = world.skus[:3]
    store = world.stores[0]
    await confirmed_with_cuts(db, world, store, {a: 2}, {a: 2, b: 10, c: 10})
    rejected = await order_in(db, world, store, OrderStatus.PROPOSED, [(a, 8)])
    await adjust(db, cast(world, store).franchisee, rejected, {a: 0})
    async with tenant_session(db, system(world.tenant)) as session:
        learned = await learned_factors(session, [store.id])
    edits = learned.edits[(store.id, "knitwear")]
    assert (edits.offered, edits.kept) == (2, 22)
    assert learned.factor(store.id, "knitwear") == CAP  # (22 + 12) / (2 + 12), capped


async def test_passport_and_tier_shape_the_problem_from_the_database(
    db: Database, world: World
) -> None:
    _, denim = await make_skus(db, world.tenant, n_styles=1, category="denim", price=Decimal("99"))
    store, other = world.stores[0], world.stores[1]
    async with tenant_session(db, system(world.tenant)) as session:
        mine = await session.get(Store, store.id)
        assert mine is not None
        mine.excluded_categories = ["denim"]
        mine.excluded_skus = [world.skus[0].code]
        mine.tier = Tier.A
        theirs = await session.get(Store, other.id)
        assert theirs is not None
        theirs.price_min = Decimal("150")
        theirs.favoured_categories = ["knitwear"]
        await session.commit()
        stores = [mine, theirs]
        skus = [*world.skus[:3], *denim]
        problem = problem_for(stores, skus, budget=5000.0, prices=[199.0] * 3 + [99.0] * 3)
        shaped = (
            await shape_with_notes(
                session,
                problem,
                stores=stores,
                skus=skus,
                policies=TenantPolicies.model_validate(
                    {"allocation": {"min_style_units": 2, "sku_share_cap": 0.5}}
                ),
            )
        ).problem
    excluded = shaped.excluded.reshape(2, 6)
    assert excluded.tolist() == [[True, False, False, True, True, True], [False] * 3 + [True] * 3]
    assert list(shaped.store_weight) == [1.3, 1.0]
    assert shaped.mean.reshape(2, 6)[1].tolist() == pytest.approx([5.5] * 3 + [5.0] * 3)
    assert np.all(shaped.max_units == 500)
    assert shaped.n_groups == 2  # one style open per store: world's first style
    plan = solve(shaped)
    assert plan.qty[shaped.excluded].sum() == 0


async def test_recent_cuts_count_more_than_old_ones_and_very_old_ones_not_at_all(
    db: Database, world: World
) -> None:
    _, denim = await make_skus(db, world.tenant, n_styles=1, category="denim")
    recent, old, ancient = world.stores[:3]
    now = clock.now()
    for store, days in ((recent, 10), (old, 200), (ancient, 400)):
        with frozen_clock(now - timedelta(days=days)):
            await confirmed_with_cuts(db, world, store, {denim[0]: 12}, {denim[0]: 0})
    async with tenant_session(db, system(world.tenant)) as session:
        learned = await learned_factors(session, [recent.id, old.id, ancient.id], now=now)
    assert learned.factor(recent.id, "denim") == pytest.approx(12 / 24)
    assert learned.factor(old.id, "denim") == pytest.approx(12 / 15)  # 12 units weigh 0.25
    assert learned.factor(ancient.id, "denim") == 1.0
