"""Running `peihuo` commands in-process against the test database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from api.cli import commands
from domain.settings import Settings, get_settings

Invoke = Callable[..., Any]


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Settings], None]]:
    """Point the commands' settings (read from PEIHUO_* variables) at a database."""

    def use(settings: Settings) -> None:
        monkeypatch.setenv("PEIHUO_DATABASE_URL", settings.database_url)
        monkeypatch.setenv("PEIHUO_DATABASE_ADMIN_URL", settings.migration_url)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


@pytest.fixture
def peihuo(settings: Settings, cli_env: Callable[[Settings], None]) -> Invoke:
    """Run a command in a thread (the commands run their own event loop); returns its result."""
    cli_env(settings)
    runner = CliRunner()

    async def invoke(*args: str) -> Result:
        return await asyncio.to_thread(runner.invoke, commands(), list(args))

    return invoke
