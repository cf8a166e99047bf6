"""Schema migrations as a service: upgrade, downgrade and inspect, for the CLI and the tests."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from domain.settings import PROJECT_ROOT, get_settings


def alembic_config(url: str | None = None) -> Config:
    """An alembic configuration pointing at our migrations and at `url` (the admin URL)."""
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["url"] = url or get_settings().migration_url
    return config


def upgrade(url: str | None = None, revision: str = "heads") -> None:
    """Bring the database at `url` up to `revision`."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Take the database at `url` down to `revision`."""
    command.downgrade(alembic_config(url), revision)
