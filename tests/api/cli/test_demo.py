"""`peihuo demo --no-serve`: migrates a fresh database, seeds once, reuses after, rebuilds on demand;
`peihuo demo` serves it with its mail catcher, the demo's SMTP setting pointing there."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.app import create_app
from api.cli import commands, server
from domain.demo.mailcatcher import running
from domain.notifications.channels import Outgoing, send_email
from domain.settings import get_settings
from domain.stores.models import ContactChannel

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
        served = serve_once(runner, monkeypatch)
        assert served["sent"] and served["caught"] == ["Reminder"], served
        assert served["mailbox"] and served["stopped"], served
        assert "/demo/mailbox" in served["output"]
        rebuilt = runner.invoke(commands(), ["demo", "--no-serve", "--reseed"])
        assert rebuilt.exit_code == 0, rebuilt.output
        assert "built demo tenant taozi" in rebuilt.stderr and "12 stores" in rebuilt.stderr
    finally:
        get_settings.cache_clear()


def serve_once(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`peihuo demo` up to serving: the app it serves has the mailbox, and an e-mail sent on the
    settings it serves with reaches the demo's catcher."""
    seen: dict[str, Any] = {}

    def serve(host: Any, port: Any, migrate: bool, workers: int) -> None:
        settings = get_settings()
        catcher = running()
        assert catcher is not None
        outgoing = Outgoing(
            1,
            "reminder.unviewed",
            ContactChannel.EMAIL,
            "s0001@taozi.example",
            "Reminder",
            "body",
            "en",
            "S0001",
            "Store",
            None,
        )
        seen["sent"] = asyncio.run(send_email(settings, outgoing)).ok
        seen["caught"] = [m.subject for m in catcher.messages()]
        paths = {getattr(route, "path", "") for route in create_app(settings).routes}
        seen["mailbox"] = "/demo/mailbox" in paths

    monkeypatch.setattr(server, "serve", serve)
    # The demo points these at its catcher: monkeypatch puts them back after.
    monkeypatch.setenv("PEIHUO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PEIHUO_SMTP_PORT", "8025")
    result = runner.invoke(commands(), ["demo"])
    assert result.exit_code == 0, result.output
    seen["output"] = result.stdout
    seen["stopped"] = running() is None
    return seen
