"""`peihuo recommend` against the test database: a region's run, its drafts and its summary."""

from __future__ import annotations

from sqlalchemy import func, select

from domain.db import Database
from domain.jobs.models import OutboxMessage
from domain.orders.models import Order
from domain.recommendation.runs.models import RecommendationRun, RunStatus
from domain.tenancy.session import tenant_session
from tests.api.cli.conftest import Invoke
from tests.domain.recommendation.runs.factories import give_history
from tests.factories import World, system


async def test_recommend_runs_a_region_and_writes_its_drafts(
    db: Database, world: World, peihuo: Invoke
) -> None:
    await give_history(db, world)
    region = world.regions[0]
    result = await peihuo(
        "recommend", "--tenant", world.tenant.slug, "--region", region.code,
        "--horizon-days", "21", "--key", "cli-r1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "proposals for 4 stores" in result.output
    async with tenant_session(db, system(world.tenant)) as session:
        run = await session.scalar(
            select(RecommendationRun).where(RecommendationRun.key == "cli-r1")
        )
        assert run is not None and run.status == RunStatus.SUCCEEDED
        assert run.horizon_days == 21 and run.requested_region_ids == [region.id]
        stores = set(await session.scalars(select(Order.store_id).where(Order.run_id == run.id)))
        jobs = await session.scalar(
            select(func.count()).where(OutboxMessage.key.like(f"recommendation-run:{run.id}:%"))
        )
    assert stores == {s.id for s in world.stores if s.region_id == region.id}
    assert jobs == 0  # ran here: no worker runs it again


async def test_recommend_names_what_it_cannot_find(world: World, peihuo: Invoke) -> None:
    result = await peihuo("recommend", "--tenant", "no-such-brand")
    assert result.exit_code == 2 and "no tenant 'no-such-brand'" in result.output
    result = await peihuo("recommend", "--tenant", world.tenant.slug, "--region", "R9")
    assert result.exit_code == 1 and "no region 'R9'" in result.output
