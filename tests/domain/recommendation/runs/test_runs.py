"""Recommendation runs end to end on the database: drafts, reasons, stock, keys, supersession."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.orders.models import OrderStatus
from domain.orders.states import Action
from domain.recommendation.runs.models import RecommendationRun, RunPhase, RunStatus
from domain.recommendation.runs.service import RunRequest
from domain.settings import Settings
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import act, cast, edit, order_in
from tests.domain.recommendation.runs.factories import (
    ask,
    free_stock,
    give_history,
    proposed_units,
    run_now,
    run_orders,
    set_policy,
    store_drafts,
)
from tests.factories import World, system
from tests.factories_service import run_jobs


@pytest.fixture
async def stocked(db: Database, world: World) -> World:
    """The world with 12 weeks of sales and one unit of each SKU in every store."""
    await give_history(db, world)
    return world


async def test_a_run_writes_one_draft_per_store_with_a_reason_on_every_line(
    db: Database, stocked: World, settings: Settings
) -> None:
    world = stocked
    run = await ask(db, world.hq.actor)
    assert run.status == RunStatus.QUEUED and run.stores_total == len(world.stores)
    await run_jobs(settings)
    async with tenant_session(db, system(world.tenant)) as session:
        done = await session.get(RecommendationRun, run.id)
    assert done is not None
    assert done.status == RunStatus.SUCCEEDED, done.error
    assert done.phase == RunPhase.DONE
    assert done.stores_done == done.stores_total == len(world.stores)
    assert set(done.timings) >= {"load", "forecast", "allocate", "persist"}
    orders = await run_orders(db, world, run.id)
    assert sorted(o.store_id for o in orders) == sorted(s.id for s in world.stores)
    assert done.orders_written == len(orders)
    assert done.units == sum(o.total_units for o in orders) > 0
    for order in orders:
        assert order.status == OrderStatus.DRAFT
        assert order.total_cost <= order.budget
        for line in order.lines:
            assert line.qty == line.recommended_qty > 0
            reason = line.reason
            assert reason["mean"] > 0
            assert reason["on_hand"] >= 1  # the store's own unit
            assert reason["bound"] in {"demand", "budget", "hq_stock", "display_capacity"}
            assert reason["marginal_value"] is not None and reason["marginal_value"] > 0
            assert reason["kind"] == "demand"  # pack 1, no presentation minimum: demand alone
            assert reason["sold_days"] == 28 and reason["sold_recent"] > 0
            assert f"Sold {reason['sold_recent']} in the last 28 days" in reason["note"]


async def test_hq_stock_is_shared_across_every_store_and_nothing_is_reserved(
    db: Database, stocked: World
) -> None:
    world = stocked
    before = await free_stock(db, world)
    run = await ask(db, world.hq.actor)
    await run_now(db, world, run.id)
    units = await proposed_units(db, world, run.id)
    assert await free_stock(db, world) == before  # drafts reserve nothing
    for sku_id, sent in units.items():
        assert sent <= before[sku_id]
    # 8 stores selling 0.3-1 a day each want far more than HQ's 100 units: the stock binds,
    # and it is spread over the stores rather than given to the first ones.
    assert any(units[k] == before[k] for k in units)
    orders = await run_orders(db, world, run.id)
    skus_per_store = [len([line for line in o.lines if line.qty > 0]) for o in orders]
    assert min(skus_per_store) >= 3


async def test_stock_promised_to_confirmed_orders_is_not_offered_again(
    db: Database, stocked: World
) -> None:
    world = stocked
    sku = world.skus[0]
    store = world.stores[0]
    confirmed = await order_in(db, world, store, OrderStatus.CONFIRMED, [(sku, 95)])
    assert confirmed.status == OrderStatus.CONFIRMED
    assert (await free_stock(db, world))[sku.id] == 5
    run = await ask(db, world.hq.actor)
    await run_now(db, world, run.id)
    units = await proposed_units(db, world, run.id)
    assert units.get(sku.id, 0) <= 5
    # The 95 units on their way to store 0 count as its stock: it gets none of that SKU.
    orders = {o.store_id: o for o in await run_orders(db, world, run.id)}
    assert all(line.sku_id != sku.id or line.qty == 0 for line in orders[store.id].lines)


async def test_the_same_key_again_replaces_the_drafts_and_keeps_one_per_store(
    db: Database, stocked: World
) -> None:
    world = stocked
    request = RunRequest(key="weekly-48", horizon_days=21)
    first = await ask(db, world.hq.actor, request)
    await run_now(db, world, first.id)
    before = {o.store_id: o.number for o in await run_orders(db, world, first.id)}
    again = await ask(db, world.hq.actor, request)
    assert again.id == first.id and again.status == RunStatus.QUEUED and again.requests == 2
    await run_now(db, world, first.id)
    after = await run_orders(db, world, first.id)
    assert sorted(o.store_id for o in after) == sorted(before)
    assert all(before[o.store_id] != o.number for o in after)  # replaced, not duplicated
    assert await store_drafts(db, world, list(before)) == dict.fromkeys(before, 1)
    with pytest.raises(DomainError) as refused:
        await ask(db, world.hq.actor, RunRequest(key="weekly-48", horizon_days=28))
    assert refused.value.code == ErrorCode.CONFLICT and refused.value.errors[0].field == "key"


async def test_an_edited_or_sent_proposal_survives_a_rerun_and_untouched_drafts_are_superseded(
    db: Database, stocked: World
) -> None:
    world = stocked
    first = await ask(db, world.hq.actor, RunRequest(key="k1"))
    await run_now(db, world, first.id)
    orders = await run_orders(db, world, first.id)
    edited_order, sent_order = orders[0], orders[1]
    people = cast(world, next(s for s in world.stores if s.id == edited_order.store_id))
    line = edited_order.lines[0]
    sku = next(k for k in world.skus if k.id == line.sku_id)
    await edit(db, people.merchandiser, edited_order, {sku: max(line.qty - 1, 0)})
    sender = cast(world, next(s for s in world.stores if s.id == sent_order.store_id))
    await act(db, sender.merchandiser, sent_order, Action.SEND)

    await ask(db, world.hq.actor, RunRequest(key="k1"))  # same key: the same run again
    await run_now(db, world, first.id)
    again = {o.store_id: o for o in await run_orders(db, world, first.id)}
    assert again[edited_order.store_id].id == edited_order.id
    assert again[sent_order.store_id].status == OrderStatus.PROPOSED
    async with tenant_session(db, system(world.tenant)) as session:
        run = await session.get(RecommendationRun, first.id)
    assert run is not None and run.orders_kept == 2

    second = await ask(db, world.hq.actor, RunRequest(key="k2"))  # a new run
    await run_now(db, world, second.id)
    drafts = await store_drafts(db, world, [s.id for s in world.stores])
    # Untouched drafts of k1 gave way to k2's; the edited one stays beside k2's new draft.
    assert drafts[edited_order.store_id] == 2
    assert all(n == 1 for s, n in drafts.items() if s != edited_order.store_id)


async def test_holdout_stores_get_the_proportional_baseline(db: Database, stocked: World) -> None:
    world = stocked
    await set_policy(db, world, holdout_fraction=0.25)
    run = await run_now(db, world, (await ask(db, world.hq.actor, RunRequest(key="ab"))).id)
    assert run.holdout_stores == 2
    orders = await run_orders(db, world, run.id)
    held = [o for o in orders if o.holdout]
    assert len(held) == 2
    assert all(line.reason["holdout"] for o in held for line in o.lines)
    # The same key draws the same control group on a rerun.
    await ask(db, world.hq.actor, RunRequest(key="ab"))
    await run_now(db, world, run.id)
    assert {o.store_id for o in await run_orders(db, world, run.id) if o.holdout} == {
        o.store_id for o in held
    }


async def test_a_line_says_what_the_policies_did_to_it(db: Database, stocked: World) -> None:
    world = stocked
    await set_policy(db, world, sku_share_cap=0.2)
    run = await run_now(db, world, (await ask(db, world.hq.actor, RunRequest(key="capped"))).id)
    lines = [line for o in await run_orders(db, world, run.id) for line in o.lines]
    assert lines
    capped = [line for line in lines if line.reason.get("policies", {}).get("capped_by")]
    assert capped and {line.reason["policies"]["capped_by"] for line in capped} <= {
        "sku_share",
        "display_capacity",
    }
    assert any(line.reason["policies"]["capped_by"] == "sku_share" for line in capped)


async def test_who_may_run_what(db: Database, stocked: World) -> None:
    world = stocked
    r1, r2 = world.regions
    manager = next(m for m in world.managers if m.actor.region_id == r1.id)
    merchandiser = world.merchandisers[0]
    own = [s for s in world.stores if s.merchandiser_id == merchandiser.user.id]
    run = await ask(db, manager.actor)  # no scope: the manager's region
    assert run.requested_region_ids == [r1.id] and run.region_id == r1.id
    assert run.stores_total == len([s for s in world.stores if s.region_id == r1.id])
    with pytest.raises(DomainError) as refused:
        await ask(db, manager.actor, RunRequest(region_ids=[r2.id]))
    assert refused.value.code == ErrorCode.FORBIDDEN
    mine = await ask(db, merchandiser.actor)  # no scope: the merchandiser's own stores
    assert mine.requested_store_ids == sorted(s.id for s in own)
    with pytest.raises(DomainError) as refused:
        await ask(db, merchandiser.actor, RunRequest(region_ids=[r1.id]))
    assert refused.value.code == ErrorCode.FORBIDDEN
    other = next(s for s in world.stores if s.region_id == r1.id and s not in own)
    with pytest.raises(DomainError) as refused:
        await ask(db, merchandiser.actor, RunRequest(store_ids=[other.id]))
    assert refused.value.code == ErrorCode.FORBIDDEN
    far = next(s for s in world.stores if s.region_id == r2.id)
    with pytest.raises(DomainError) as refused:
        await ask(db, merchandiser.actor, RunRequest(store_ids=[far.id]))
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert refused.value.errors[0].field == "store_ids.0"
    with pytest.raises(DomainError) as refused:
        await ask(db, world.hq.actor, RunRequest(horizon_days=3, key="bad key!"))
    assert {e.field for e in refused.value.errors} == {"horizon_days", "key"}


async def test_a_failed_attempt_is_recorded_and_the_retry_finishes_the_run(
    db: Database,
    stocked: World,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The embedded variant of the killed worker: the job dies after its first batch of stores
    (its drafts committed), rq retries it, and every store ends with exactly one draft."""
    from domain.recommendation.runs import execute

    world = stocked
    real = execute.write_batch
    calls = {"n": 0, "run": -1}

    async def dies_on_second_batch(*args: object, **kwargs: object) -> object:
        calls["n"] += args[2] == calls["run"]  # (session, actor, run_id, batch)
        if args[2] == calls["run"] and calls["n"] == 2:
            raise ConnectionError("worker lost its database")
        return await real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(execute, "write_batch", dies_on_second_batch)
    settings = settings.model_copy(update={"recommendation_batch_stores": 3})
    run = await ask(db, world.hq.actor, RunRequest(key="retry-me"))
    calls["run"] = run.id
    await run_jobs(settings)
    async with tenant_session(db, system(world.tenant)) as session:
        state = await session.get(RecommendationRun, run.id)
        assert state is not None
        if state.status == RunStatus.FAILED:  # the retry is still waiting for its delay
            await _fire_retries(settings)
        failures = list(
            await session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == "recommendation_run.fail",
                    AuditEntry.entity_id == str(run.id),
                )
            )
        )
    assert len(failures) == 1
    assert "worker lost its database" in failures[0].after["error"]
    assert failures[0].after["stores_done"] == 3  # the first batch was in, with its drafts
    async with tenant_session(db, system(world.tenant)) as session:
        done = await session.get(RecommendationRun, run.id)
    assert done is not None and done.status == RunStatus.SUCCEEDED and done.attempts == 2
    assert done.error is None
    orders = await run_orders(db, world, run.id)
    assert sorted(o.store_id for o in orders) == sorted(s.id for s in world.stores)
    assert await store_drafts(db, world, [s.id for s in world.stores]) == {
        s.id: 1 for s in world.stores
    }


async def _fire_retries(settings: Settings) -> None:
    """Move the scheduled retries to their queues now (what rq's scheduler does when they are
    due), then run them."""
    from rq.registry import ScheduledJobRegistry

    from domain.jobs.queue import QUEUES, queue, redis_connection

    connection = redis_connection(settings)
    for name in QUEUES:
        target = queue(settings, name, connection)
        registry = ScheduledJobRegistry(queue=target)
        for job_id in registry.get_job_ids():
            job = target.fetch_job(job_id)
            registry.remove(job_id)
            if job is not None:
                target.enqueue_job(job)
    await run_jobs(settings)
