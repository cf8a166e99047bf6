"""`peihuo demo --no-serve`: migrates a fresh database, seeds once, reuses after, rebuilds on demand;
`peihuo demo` serves it with its mail catcher, the demo's SMTP setting pointing there."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.cli import commands, server
from domain.demo.mailcatcher import MailCatcher
from domain.notifications.channels import Outgoing, send_email
from domain.settings import Settings, get_settings
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
        assert "/demo/mailbox" in served["output"]
        rebuilt = runner.invoke(commands(), ["demo", "--no-serve", "--reseed"])
        assert rebuilt.exit_code == 0, rebuilt.output
        assert "built demo tenant taozi" in rebuilt.stderr and "12 stores" in rebuilt.stderr
    finally:
        get_settings.cache_clear()


def serve_once(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`peihuo demo` up to serving: an e-mail sent on the settings it serves with is caught."""
    seen: dict[str, Any] = {}

    def serve_app(
        settings: Settings, host: Any, port: Any, workers: int, catcher: MailCatcher
    ) -> None:
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

    monkeypatch.setattr(server, "serve_app", serve_app)
    # The demo points these at its catcher: monkeypatch puts them back after.
    monkeypatch.setenv("PEIHUO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PEIHUO_SMTP_PORT", "8025")
    result = runner.invoke(commands(), ["demo"])
    assert result.exit_code == 0, result.output
    seen["output"] = result.stdout
    return seen
