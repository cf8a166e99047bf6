"""Alembic environment: runs migrations on the admin URL (the tables' owner), async engines."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

import sqlalchemy as sa
from alembic import context
from sqlalchemy.engine import Connection

import domain.models  # noqa: F401 - registers every table
from domain.db import Base, Money, UtcDateTime
from domain.db.engine import make_engine
from domain.settings import get_settings

config = context.config
target_metadata = Base.metadata
# The versions never import the code (they stay as they ran); the one setting they need is here.
config.attributes.setdefault("app_role", get_settings().database_app_role)


def _url() -> str:
    return str(config.attributes.get("url") or get_settings().migration_url)


def _render_item(kind: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """Render our column types as plain SQLAlchemy types, so migrations import only `sa`."""
    if kind != "type":
        return False
    if isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    if isinstance(item, Money):
        return "sa.Numeric(14, 2)"
    if isinstance(item, sa.JSON):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = make_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


def run_offline() -> None:
    """Emit SQL instead of running it (`alembic upgrade head --sql`)."""
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
    else:
        asyncio.run(_run_async())
