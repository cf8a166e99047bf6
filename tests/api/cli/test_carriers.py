"""`peihuo carrier simulate` and `peihuo carrier secret` against the test database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner, Result

from api.cli import commands
from domain import clock
from domain.db import Database
from domain.settings import Settings, get_settings
from domain.shipments.carriers import webhook_secret
from domain.shipments.models import ShipmentStatus
from domain.tenancy.session import tenant_session
from tests.domain.shipments.factories import ship, shipment_row
from tests.factories import World, system

HANDED_OVER = datetime(2031, 12, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def cli_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The CLI reads its settings from the environment: point it at the test database."""
    monkeypatch.setenv("PEIHUO_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PEIHUO_REDIS_URL", settings.redis_url)
    get_settings.cache_clear()
    commands()
    yield get_settings()
    get_settings.cache_clear()


async def invoke(*args: str) -> Result:
    # The commands run their own event loop: off this one.
    return await asyncio.to_thread(CliRunner().invoke, commands(), list(args))


async def test_simulate_moves_the_tenants_shipments(
    db: Database, world: World, cli_settings: Settings
) -> None:
    with clock.frozen_clock(HANDED_OVER) as frozen:
        shipment = await ship(db, world, world.stores[0])
        frozen.advance(timedelta(days=6))
        result = await invoke("carrier", "simulate", "--tenant", world.tenant.slug)
    assert result.exit_code == 0, result.output
    assert "1 delivered" in result.output
    assert (await shipment_row(db, world, shipment.id)).status == ShipmentStatus.DELIVERED


async def test_secret_sets_the_tenants_own_secret(
    db: Database, world: World, cli_settings: Settings
) -> None:
    result = await invoke("carrier", "secret", "--tenant", world.tenant.slug, "--carrier", "sf")
    assert result.exit_code == 0, result.output
    printed = result.stdout.strip().splitlines()[-1]
    async with tenant_session(db, system(world.tenant)) as session:
        assert await webhook_secret(session, cli_settings, "sf") == printed


async def test_unknown_tenant_or_carrier_fails_clearly(
    world: World, cli_settings: Settings
) -> None:
    missing = await invoke("carrier", "simulate", "--tenant", "no-such-brand")
    assert missing.exit_code == 2 and "no tenant 'no-such-brand'" in missing.output
    wrong = await invoke("carrier", "secret", "--tenant", world.tenant.slug, "--carrier", "dhl")
    assert wrong.exit_code == 1 and "unknown carrier 'dhl'" in wrong.output
