"""After a bulk load, `refresh_statistics` gives the planner every table's size."""

from __future__ import annotations

from sqlalchemy import text

from domain.db import Database
from domain.db.engine import refresh_statistics
from domain.settings import Settings
from tests.factories import make_world


async def test_every_table_has_statistics_after_a_refresh(db: Database, settings: Settings) -> None:
    await make_world(db)
    await refresh_statistics(settings.migration_url)
    async with db.session() as session:
        if db.dialect == "postgresql":
            # reltuples is -1 for a table never analyzed (nor vacuumed).
            never = await session.scalars(
                text(
                    "SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace"
                    " WHERE n.nspname = current_schema() AND relkind = 'r' AND reltuples < 0"
                )
            )
            assert list(never) == []
            stores = await session.scalar(
                text("SELECT reltuples FROM pg_class WHERE relname = 'stores'")
            )
            assert stores is not None and stores > 0
        else:
            analyzed = await session.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1"))
            assert "stores" in set(analyzed)
