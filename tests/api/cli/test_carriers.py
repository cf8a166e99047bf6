"""`peihuo carrier simulate` and `peihuo carrier secret` against the test database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner, Result

from api.cli import commands
from api.cli.carriers import parse_until
from domain import clock
from domain.db import Database
from domain.settings import Settings, get_settings
from domain.shipments.carriers import webhook_secret
from domain.shipments.models import ShipmentStatus
from domain.tenancy.session import tenant_session
from tests.domain.shipments.factories import events_of, ship, shipment_row
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


@pytest.fixture
def calm(cli_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """No delays on the road (a delay costs a day)."""
    monkeypatch.setenv("PEIHUO_CARRIER_SIMULATOR_EXCEPTION_RATE", "0")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


async def test_until_plays_now_the_events_due_by_then(
    db: Database, world: World, calm: Settings
) -> None:
    with clock.frozen_clock(HANDED_OVER) as frozen:
        shipment = await ship(db, world, world.stores[0])
        frozen.advance(timedelta(minutes=5))
        nothing_yet = await invoke("carrier", "simulate", "--tenant", world.tenant.slug)
        soon = await invoke(
            "carrier", "simulate", "--tenant", world.tenant.slug, "--until", "in 12 hours"
        )
        on_the_road = await shipment_row(db, world, shipment.id)
        later = await invoke(
            "carrier", "simulate", "--tenant", world.tenant.slug, "--until", "in 5 days"
        )
        now = clock.now()
    assert nothing_yet.exit_code == 0 and "0 events posted" in nothing_yet.output
    assert soon.exit_code == 0, soon.output
    assert "2 events posted" in soon.output and "2 of them ahead of time" in soon.output
    assert on_the_road.status == ShipmentStatus.IN_TRANSIT
    assert later.exit_code == 0 and "1 delivered" in later.output, later.output
    history = await events_of(db, world, shipment)
    assert [e.status for e in history][-1] == ShipmentStatus.DELIVERED
    # A carrier cannot report the future: the hurried journey happened now, in its order.
    assert all(e.occurred_at <= now for e in history)
    assert [e.occurred_at for e in history] == sorted(e.occurred_at for e in history)
    delivered = await shipment_row(db, world, shipment.id)
    assert delivered.status == ShipmentStatus.DELIVERED and delivered.delivered_at == now


async def test_fast_delivers_everything_now(
    db: Database, world: World, cli_settings: Settings
) -> None:
    with clock.frozen_clock(HANDED_OVER):
        shipments = [await ship(db, world, store) for store in world.stores[:2]]
        result = await invoke("carrier", "simulate", "--tenant", world.tenant.slug, "--fast")
        again = await invoke("carrier", "simulate", "--tenant", world.tenant.slug, "--fast")
    assert result.exit_code == 0 and "2 delivered" in result.output, result.output
    for shipment in shipments:
        assert (await shipment_row(db, world, shipment.id)).status == ShipmentStatus.DELIVERED
    assert "0 events posted" in again.output


async def test_a_bad_until_is_refused_naming_it(world: World, cli_settings: Settings) -> None:
    bad = await invoke("carrier", "simulate", "--tenant", world.tenant.slug, "--until", "soonish")
    assert bad.exit_code == 1 and "'soonish' is not a time" in bad.output
    both = await invoke(
        "carrier", "simulate", "--tenant", world.tenant.slug, "--until", "in 1 day", "--fast"
    )
    assert both.exit_code == 1 and "not both" in both.output


def test_until_reads_words_dates_and_times() -> None:
    now = datetime(2031, 12, 1, 2, 0, tzinfo=UTC)
    assert parse_until("in 3 days", now) == now + timedelta(days=3)
    assert parse_until("in 1 hour", now) == now + timedelta(hours=1)
    assert parse_until(" In 2  Weeks ", now) == now + timedelta(weeks=2)
    assert parse_until("now", now) == now
    assert parse_until("2031-12-03T18:00+08:00", now) == datetime(2031, 12, 3, 10, tzinfo=UTC)
    assert parse_until("2031-12-03", now) == datetime(2031, 12, 3, 23, 59, 59, 999999, tzinfo=UTC)
