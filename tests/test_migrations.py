"""Migrations: they build exactly the schema the models describe, and go down and up again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

import domain.models  # noqa: F401 - every table in the metadata
from domain import migrations
from domain.db import Base, Database
from domain.settings import Settings
from tests.backends import PG_HOST, PG_PORT
from tests.conftest import _recreate_pg_database, is_postgres


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_models_agree_with_migrations(admin_db: Database) -> None:
    async with admin_db.engine.connect() as connection:
        differences = await connection.run_sync(_differences)
    assert differences == []


@pytest.fixture
def scratch_url(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """An empty database of the test's backend, dropped afterwards."""
    if not is_postgres(settings):
        yield f"sqlite+aiosqlite:///{tmp_path / 'scratch.db'}"
        return
    name = f"peihuo_scratch_{uuid.uuid4().hex[:10]}"
    _recreate_pg_database(name)
    yield f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    _recreate_pg_database(name, create=False)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


async def test_downgrade_to_base_and_upgrade_again(scratch_url: str) -> None:
    database = Database(scratch_url)
    try:
        await _run(migrations.upgrade, scratch_url)
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
        await _run(migrations.downgrade, scratch_url)
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await _run(migrations.upgrade, scratch_url)
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await database.dispose()


async def test_old_delivery_records_lose_the_replies_they_kept(scratch_url: str) -> None:
    """0014 rewrites delivery errors written before the outbound guard to fixed text."""
    from sqlalchemy import text

    from domain import clock

    await _run(lambda url: migrations.upgrade(url, "0012"), scratch_url)
    database = Database(scratch_url)
    old = {
        1: "http 500: <html>internal admin page: secret=hunter2</html>",
        2: "http: ConnectError: [Errno 111] Connection refused to 10.0.0.7",
        3: "smtp: (550, b'5.1.1 mailbox of ceo@corp unknown')",
        4: "SMTP failed (ConnectionRefusedError)",
        5: "no sms address for the recipient",
    }
    try:
        async with database.engine.begin() as connection:
            # The rows alone, without the notifications and stores they belong to.
            if scratch_url.startswith("postgresql"):
                await connection.execute(text("SET session_replication_role = replica"))
            else:
                await connection.execute(text("PRAGMA foreign_keys = OFF"))
            for row_id, error in old.items():
                await connection.execute(
                    text(
                        "INSERT INTO notification_deliveries (id, tenant_id, store_id, "
                        "notification_id, attempt, channel, outcome, error, at) "
                        "VALUES (:id, 1, 1, 1, 1, 'chat', 'failed', :error, :at)"
                    ),
                    {"id": row_id, "error": error, "at": clock.now()},
                )
        await _run(migrations.upgrade, scratch_url)
        async with database.engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT id, error FROM notification_deliveries ORDER BY id")
            )
            assert {row_id: error for row_id, error in rows} == {
                1: "HTTP 500",
                2: "HTTP exchange failed",
                3: "SMTP failed",
                4: "SMTP failed (ConnectionRefusedError)",
                5: "no sms address for the recipient",
            }
    finally:
        await database.dispose()


async def _run(step: Any, url: str) -> None:
    # alembic's env.py runs its own event loop; keep it off the test's loop.
    import asyncio

    await asyncio.to_thread(step, url)


VERSIONS = Path(__file__).resolve().parent.parent / "migrations" / "versions"


@pytest.mark.parametrize("path", sorted(VERSIONS.glob("*.py")), ids=lambda p: p.name)
def test_migrations_import_no_live_code(path: Path) -> None:
    """Each version carries the SQL it ran: editing today's code never changes an old one."""
    import ast

    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            imported.add(".")
    assert not imported & {"domain", "api", "tests", "."}, sorted(imported)
