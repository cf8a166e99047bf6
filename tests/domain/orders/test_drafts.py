"""Drafts in batches (`create_drafts`, how a recommendation run writes its proposals)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.orders.models import Order, OrderStatus
from domain.orders.service import DraftLine, DraftRequest, create_drafts
from domain.tenancy.session import tenant_session
from tests.factories import World, system


def _lines(world: World, *picks: tuple[int, int]) -> list[DraftLine]:
    return [DraftLine(world.skus[i].id, qty, {"mean": 2.0}) for i, qty in picks]


async def _orders(db: Database, world: World) -> int:
    async with tenant_session(db, system(world.tenant)) as session:
        return int(await session.scalar(select(func.count(Order.id))) or 0)


async def test_a_batch_makes_one_draft_per_store_in_the_order_asked(
    db: Database, world: World
) -> None:
    stores = world.stores[:3]
    requests = [
        DraftRequest(stores[2].id, _lines(world, (0, 2))),
        DraftRequest(stores[0].id, _lines(world, (0, 1), (1, 3)), holdout=True),
        DraftRequest(stores[1].id, _lines(world, (1, 4))),
    ]
    async with tenant_session(db, system(world.tenant)) as session:
        made = await create_drafts(session, system(world.tenant), requests)
        await session.commit()
        assert [o.store_id for o in made] == [stores[2].id, stores[0].id, stores[1].id]
        assert all(o.status == OrderStatus.DRAFT for o in made)
        assert [o.holdout for o in made] == [False, True, False]
        assert [o.total_units for o in made] == [2, 4, 4]
        assert len({o.number for o in made}) == 3
        assert [o.merchandiser_id for o in made] == [stores[2].merchandiser_id] + [
            s.merchandiser_id for s in stores[:2]
        ]
    assert await _orders(db, world) == 3


async def test_one_bad_line_refuses_the_whole_batch_naming_its_draft_and_line(
    db: Database, world: World
) -> None:
    requests = [
        DraftRequest(world.stores[0].id, _lines(world, (0, 2))),
        DraftRequest(world.stores[1].id, _lines(world, (0, 1), (1, -3))),
    ]
    async with tenant_session(db, system(world.tenant)) as session:
        with pytest.raises(DomainError) as refused:
            await create_drafts(session, system(world.tenant), requests)
        await session.rollback()
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("drafts.1.lines.1.qty", "quantity cannot be negative")
    ]
    assert await _orders(db, world) == 0


async def test_a_store_listed_twice_is_refused(db: Database, world: World) -> None:
    store = world.stores[0]
    requests = [
        DraftRequest(store.id, _lines(world, (0, 2))),
        DraftRequest(store.id, _lines(world, (1, 2))),
    ]
    async with tenant_session(db, system(world.tenant)) as session:
        with pytest.raises(DomainError) as refused:
            await create_drafts(session, system(world.tenant), requests)
        await session.rollback()
    assert [(e.field, e.code) for e in refused.value.errors] == [("drafts", ErrorCode.DUPLICATE)]
    assert await _orders(db, world) == 0


async def test_a_batch_is_written_in_one_insert_per_table_on_every_database(
    db: Database, world: World
) -> None:
    """Orders, lines and their audit entries go in one statement per table, SQLite included
    (its insert sentinels: without them SQLite inserts row by row, one statement a line)."""
    requests = [
        DraftRequest(store.id, _lines(world, (0, 1), (1, 2), (2, 3))) for store in world.stores[:4]
    ]
    inserts: list[str] = []

    def count(*args: Any) -> None:
        statement = str(args[2])
        if statement.startswith("INSERT INTO"):
            inserts.append(statement.split()[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with tenant_session(db, system(world.tenant)) as session:
            made = await create_drafts(session, system(world.tenant), requests)
            await session.commit()
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert sum(len(o.lines) for o in made) == 12
    assert sorted(inserts) == ["audit_log", "order_lines", "orders"]
