"""Who may reach which store is defined once (domain/access): the in-memory check, the SQL
condition and the session's global criteria are derived from it, and agree for any actor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from domain.access.reach import Reach
from domain.access.stores import store_condition
from domain.db import Database
from domain.permissions import ROLE_GRANTS, Actor, Permission, Role, can
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import World, make_store, system

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")

UNKNOWN = 10**9  # a user or region id no row has


@pytest.fixture
async def places(db: Database, world: World) -> tuple[World, list[Store]]:
    """The world's stores plus stores with nobody assigned and nobody owning them."""
    for region in world.regions:
        await make_store(db, world.tenant, region, budget=Decimal("1.00"))
    async with tenant_session(db, system(world.tenant)) as session:
        stores = list((await session.scalars(select(Store).order_by(Store.id))).all())
    return world, stores


def actors(world: World) -> st.SearchStrategy[Actor]:
    people = [world.hq, *world.managers, *world.merchandisers, *world.franchisees]
    user_ids = st.sampled_from([None, UNKNOWN, *(m.user.id for m in people)])
    region_ids = st.sampled_from([None, UNKNOWN, *(r.id for r in world.regions)])
    return st.builds(
        Actor,
        tenant_id=st.just(world.tenant.id),
        role=st.sampled_from([r for r in Role if r in ROLE_GRANTS]),
        user_id=user_ids,
        region_id=region_ids,
    )


async def test_the_three_forms_agree_for_random_actors(
    db: Database, places: tuple[World, list[Store]]
) -> None:
    world, stores = places

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        examples.append((data.draw(actors(world)), data.draw(st.sampled_from(sorted(Permission)))))

    examples: list[tuple[Actor, Permission]] = []
    check()  # hypothesis draws the actors; the database answers for each below
    assert len(examples) >= 20
    everyone = {s.id for s in stores}
    async with tenant_session(db, system(world.tenant)) as session:
        for actor, permission in examples:
            in_memory = {s.id for s in stores if can(actor, permission, s)}
            in_sql = set(
                await session.scalars(select(Store.id).where(store_condition(actor, permission)))
            )
            assert in_sql == in_memory, (actor, permission)
    for actor, _ in examples:
        async with tenant_session(db, actor) as session:
            seen = set(await session.scalars(select(Store.id)))
        unscoped = Actor(
            tenant_id=actor.tenant_id,
            role=actor.role,
            user_id=actor.user_id,
            region_id=actor.region_id,
        )
        assert seen == {s.id for s in stores if can(unscoped, Permission.STORE_READ, s)}, actor
        assert seen <= everyone


def _granted_at(role: Role, wanted: Reach) -> Permission:
    return next(p for p, r in ROLE_GRANTS[role].items() if r == wanted)


async def test_each_reach_as_its_rule_says(db: Database, places: tuple[World, list[Store]]) -> None:
    world, stores = places
    manager, merchandiser = world.managers[0], world.merchandisers[0]
    franchisee = world.franchisees[0]

    def reached(member_actor: Actor, permission: Permission) -> set[int]:
        return {s.id for s in stores if can(member_actor, permission, s)}

    assert reached(world.hq.actor, Permission.STORE_READ) == {s.id for s in stores}
    in_region = _granted_at(Role.REGIONAL_MANAGER, Reach.REGION)
    assert reached(manager.actor, in_region) == {
        s.id for s in stores if s.region_id == manager.actor.region_id
    }
    assigned = _granted_at(Role.MERCHANDISER, Reach.ASSIGNED)
    mine = {s.id for s in stores if s.merchandiser_id == merchandiser.user.id}
    assert mine and reached(merchandiser.actor, assigned) == mine
    owned = {s.id for s in stores if s.franchisee_id == franchisee.user.id}
    assert owned and reached(franchisee.actor, Permission.STORE_READ) == owned
    regionless = Actor(tenant_id=world.tenant.id, role=Role.REGIONAL_MANAGER, region_id=None)
    assert reached(regionless, in_region) == set()
