"""Policy updates: two HQ admins changing different fields at once both keep their change."""

from __future__ import annotations

import asyncio

import pytest

from domain.db import Database
from domain.settings import Settings
from domain.tenancy.models import Tenant
from domain.tenancy.service import update_policies
from domain.tenancy.session import tenant_session
from tests.conftest import is_postgres
from tests.factories import World, make_world, system


async def _change(racing: Database, world: World, section: str, values: dict[str, object]) -> None:
    async with tenant_session(racing, world.hq.actor) as session:
        await update_policies(session, world.hq.actor, {section: values})
        # Hold the transaction open a moment, so that the other update surely overlaps it.
        await asyncio.sleep(0.2)
        await session.commit()


async def test_concurrent_updates_of_different_fields_both_survive(
    db: Database, settings: Settings
) -> None:
    if not is_postgres(settings):
        pytest.skip("real concurrent writers need PostgreSQL (SQLite serialises them)")
    world = await make_world(db)
    racing = Database(settings.database_url, pool_size=2, max_overflow=0)
    try:
        await asyncio.gather(
            _change(racing, world, "allocation", {"min_style_units": 4}),
            _change(racing, world, "service", {"notifications_per_day": 9}),
        )
    finally:
        await racing.dispose()
    async with tenant_session(db, system(world.tenant)) as session:
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        assert tenant.policies.allocation.min_style_units == 4
        assert tenant.policies.service.notifications_per_day == 9
