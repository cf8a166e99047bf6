"""Changing lines: the franchisee's adjustments and the merchandiser's edits, within the limits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.orders.models import LineSource, Order, OrderLine, OrderStatus
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import (
    adjust,
    cast,
    edit,
    order_in,
    set_stock,
    stock_store,
)
from tests.factories import World, system
from tests.factories_service import update_store

S = OrderStatus


async def _lines(db: Database, world: World, order: Order) -> dict[int, OrderLine]:
    async with tenant_session(db, system(world.tenant)) as session:
        rows = await session.scalars(select(OrderLine).where(OrderLine.order_id == order.id))
        return {line.sku_id: line for line in rows}


async def _reload(db: Database, world: World, order: Order) -> Order:
    async with tenant_session(db, system(world.tenant)) as session:
        again = await session.get(Order, order.id)
        assert again is not None
        return again


async def test_franchisee_cuts_raises_and_adds_lines_and_the_cut_stays_visible(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b, c = world.skus[:3]
    order = await order_in(db, world, store, S.PROPOSED, [(a, 4), (b, 2)])
    adjusted = await adjust(db, people.franchisee, order, {a: 0, b: 5, c: 3})

    assert adjusted.status == S.VIEWED  # adjusting means the franchisee has seen it
    lines = await _lines(db, world, order)
    got = {
        sku: (line.recommended_qty, line.proposed_qty, line.qty, line.source, line.changed_by)
        for sku, line in lines.items()
    }
    assert got == {
        a.id: (4, 4, 0, LineSource.ENGINE, LineSource.FRANCHISEE),
        b.id: (2, 2, 5, LineSource.ENGINE, LineSource.FRANCHISEE),
        c.id: (0, None, 3, LineSource.FRANCHISEE, None),
    }
    assert (adjusted.total_units, adjusted.total_cost) == (8, Decimal("720.00"))
    assert adjusted.total_retail == Decimal("1592.00")
    async with tenant_session(db, system(world.tenant)) as session:
        entry = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "order.adjust", AuditEntry.entity_id == str(order.id)
            )
        )
    assert entry is not None and entry.actor_user_id == people.franchisee.user_id
    assert entry.after is not None
    assert {(c["sku"], c["from"], c["to"]) for c in entry.after["lines"]} == {
        (a.code, 4, 0),
        (b.code, 2, 5),
        (c.code, 0, 3),
    }


async def test_franchisee_cannot_go_over_budget_but_may_always_cut(
    db: Database, world: World
) -> None:
    store = await update_store(db, world, world.stores[0], budget=Decimal("1000.00"))
    people = cast(world, store)
    a, b = world.skus[:2]
    order = await order_in(db, world, store, S.PROPOSED, [(a, 4), (b, 2)])  # 540 of 1000
    with pytest.raises(DomainError) as refused:
        await adjust(db, people.franchisee, order, {a: 10})
    [error] = refused.value.errors
    assert (error.code, error.field) == (ErrorCode.OVER_BUDGET, "lines")
    assert error.message == "the order would cost 1080.00, over the budget of 1000.00 (460.00 left)"
    assert (await _reload(db, world, order)).total_cost == Decimal("540.00")

    await adjust(db, people.franchisee, order, {a: 9})  # exactly 990
    assert (await _reload(db, world, order)).total_cost == Decimal("990.00")


async def test_adjustments_are_limited_by_hq_stock_cuts_are_not(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    order = await order_in(db, world, store, S.PROPOSED, [(a, 4), (b, 2)])
    await set_stock(db, world, a, 5)
    await set_stock(db, world, b, 0)
    with pytest.raises(DomainError) as refused:
        await adjust(db, people.franchisee, order, {b: 1, a: 6})
    assert {(e.code, e.field, e.message) for e in refused.value.errors} == {
        (
            ErrorCode.INSUFFICIENT_STOCK,
            "lines.1.qty",
            f"SKU {a.code}: 6 wanted, only 5 available at HQ",
        ),
    }
    await adjust(db, people.franchisee, order, {a: 5, b: 1})  # b: a cut, though none is left
    lines = await _lines(db, world, order)
    assert (lines[a.id].qty, lines[b.id].qty) == (5, 1)


async def test_adjustments_respect_the_display_capacity(db: Database, world: World) -> None:
    store = await update_store(db, world, world.stores[0], display_capacity=50)
    people = cast(world, store)
    a, b = world.skus[:2]
    await stock_store(db, world, store, world.skus[5], 40)
    order = await order_in(db, world, store, S.PROPOSED, [(a, 4), (b, 2)])
    with pytest.raises(DomainError) as refused:
        await adjust(db, people.franchisee, order, {a: 9})
    [error] = refused.value.errors
    assert (error.code, error.field) == (ErrorCode.OVER_CAPACITY, "lines")
    assert (
        error.message
        == "the store holds 40 units and displays at most 50: this order can bring 10, not 11"
    )
    await adjust(db, people.franchisee, order, {a: 8})
    assert (await _reload(db, world, order)).total_units == 10


async def test_bad_lines_are_refused_each_with_its_field(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b = world.skus[:2]
    order = await order_in(db, world, store, S.PROPOSED, [(a, 4), (b, 2)])
    with pytest.raises(DomainError) as refused:
        await adjust(db, people.franchisee, order, {a: -1, b: 100_001})
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("lines.0.qty", ErrorCode.INVALID),
        ("lines.1.qty", ErrorCode.INVALID),
    }


async def test_packs_are_whole(db: Database, world: World) -> None:
    from domain.catalogue.models import Sku

    store = world.stores[0]
    people = cast(world, store)
    a = world.skus[0]
    async with tenant_session(db, system(world.tenant)) as session:
        sku = await session.get(Sku, a.id)
        assert sku is not None
        sku.pack_size = 3
        await session.commit()
    order = await order_in(db, world, store, S.PROPOSED, [(a, 3)])
    with pytest.raises(DomainError) as refused:
        await adjust(db, people.franchisee, order, {a: 4})
    assert refused.value.message == f"SKU {a.code} ships in packs of 3"


async def test_who_may_change_lines_and_when(db: Database, world: World) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a = world.skus[0]
    draft = await order_in(db, world, store, S.DRAFT)
    with pytest.raises(DomainError) as hidden:
        await adjust(db, people.franchisee, draft, {a: 1})
    assert hidden.value.code == ErrorCode.NOT_FOUND
    proposal = await order_in(db, world, store, S.PROPOSED)
    with pytest.raises(DomainError) as not_theirs:
        await adjust(db, people.merchandiser, proposal, {a: 1})
    assert not_theirs.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as sent:
        await edit(db, people.merchandiser, proposal, {a: 1})
    assert sent.value.code == ErrorCode.INVALID_TRANSITION
    assert sent.value.message.endswith("is proposed: only drafts can be edited")
    confirmed = await order_in(db, world, store, S.CONFIRMED)
    with pytest.raises(DomainError) as late:
        await adjust(db, people.franchisee, confirmed, {a: 1})
    assert late.value.code == ErrorCode.INVALID_TRANSITION


async def test_merchandiser_edits_a_draft_with_the_same_stock_checks(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    people = cast(world, store)
    a, b, c = world.skus[:3]
    draft = await order_in(db, world, store, S.DRAFT, [(a, 4), (b, 2)])
    await set_stock(db, world, c, 2)
    with pytest.raises(DomainError) as refused:
        await edit(db, people.merchandiser, draft, {c: 3})
    assert refused.value.code == ErrorCode.INSUFFICIENT_STOCK
    edited = await edit(db, people.merchandiser, draft, {a: 6, c: 2})
    assert edited.approval is None
    lines = await _lines(db, world, draft)
    assert (lines[a.id].changed_by, lines[c.id].source) == (
        LineSource.MERCHANDISER,
        LineSource.MERCHANDISER,
    )
    assert edited.order.total_units == 10
