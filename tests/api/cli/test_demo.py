"""`peihuo demo --no-serve`: migrates a fresh database, seeds once, reuses after, rebuilds on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import commands
from domain.settings import get_settings

SMALL = ["--stores", "12", "--styles", "12", "--days", "40", "--today", "2026-11-23"]


def test_demo_seeds_a_fresh_database_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("PEIHUO_DATABASE_URL", url)
    monkeypatch.delenv("PEIHUO_DATABASE_ADMIN_URL", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        first = runner.invoke(commands(), ["demo", "--no-serve", *SMALL])
        assert first.exit_code == 0, first.output
        assert (
            "built demo tenant taozi" in first.stderr and "built demo tenant beta" in first.stderr
        )
        assert "hq@taozi.example" in first.stdout and "s0012@taozi.example" in first.stdout
        assert "demo-password" in first.stdout
        again = runner.invoke(commands(), ["demo", "--no-serve"])
        assert again.exit_code == 0, again.output
        assert "demo tenant taozi already seeded (12 stores" in again.stderr
        rebuilt = runner.invoke(commands(), ["demo", "--no-serve", "--reseed"])
        assert rebuilt.exit_code == 0, rebuilt.output
        assert "built demo tenant taozi" in rebuilt.stderr and "12 stores" in rebuilt.stderr
    finally:
        get_settings.cache_clear()
