"""After a bulk load, `refresh_statistics` gives PostgreSQL's planner every table's size, and
leaves SQLite without statistics (stale ones make SQLite 3.40 answer some index ranges wrongly)."""

from __future__ import annotations

from sqlalchemy import text

from domain.db import Database
from domain.db.engine import refresh_statistics
from domain.settings import Settings
from tests.factories import make_world


async def test_postgresql_has_statistics_after_a_refresh_and_sqlite_none(
    db: Database, settings: Settings
) -> None:
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
            stat_tables = await session.scalars(
                text("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")
            )
            assert list(stat_tables) == []
