"""`one_of`: membership in a batch of values, the same rows as `IN`, and on PostgreSQL the same
statement whatever the number of values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from domain.db import Database
from domain.db.lists import one_of
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system


async def test_one_of_selects_what_in_selects_and_its_text_does_not_grow(
    world: World, db: Database
) -> None:
    ids = [s.id for s in world.stores]
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        async with tenant_session(db, system(world.tenant)) as session:
            for count in (1, 2, len(ids)):
                wanted = [*ids[:count], -1]  # and one that matches nothing
                found = set(
                    await session.scalars(select(Store.id).where(one_of(session, Store.id, wanted)))
                )
                assert found == set(ids[:count])
            assert (
                set(await session.scalars(select(Store.id).where(one_of(session, Store.id, []))))
                == set()
            )
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
    texts = [s for s in seen if "FROM stores" in s]
    assert len(texts) == 4
    if db.dialect == "postgresql":
        # One array parameter: the same statement for one value, two, or all of them.
        assert len(set(texts)) == 1 and "= ANY (" in texts[0], texts
