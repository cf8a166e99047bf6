"""`peihuo carrier simulate` and `peihuo carrier secret`: the simulated carrier, carriers' secrets."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from api.cli.tenants import tenant_actor
from domain import clock
from domain.db import Database
from domain.errors import DomainError, Invalid
from domain.settings import Settings, get_settings
from domain.shipments.carriers import set_webhook_secret
from domain.shipments.simulator import SimulationReport, simulate
from domain.tenancy.session import tenant_session

app = typer.Typer(help="Carriers: the simulated carrier and webhook secrets.", no_args_is_help=True)
err = Console(stderr=True)


UNITS = {"minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
_IN = re.compile(r"^in\s+(\d+)\s*(minute|hour|day|week)s?$")
# --fast: every event of every journey (journeys take days, not years).
FAST = timedelta(days=366)


def parse_until(text: str, now: datetime) -> datetime:
    """`--until`: `now`, `in N minutes|hours|days|weeks`, or an ISO 8601 date or time (UTC
    unless it says otherwise; a date means its end)."""
    words = " ".join(text.lower().split())
    if words == "now":
        return now
    if match := _IN.match(words):
        return now + timedelta(seconds=int(match[1]) * UNITS[match[2]])
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(
            "--until",
            f"{text!r} is not a time: say 'in 3 days', 'in 12 hours', 'now' or an ISO date "
            "such as 2026-12-10 or 2026-12-10T18:00+08:00",
        ) from None
    if len(text.strip()) == 10:  # a date: the events due by its end
        moment += timedelta(days=1) - timedelta(microseconds=1)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _simulate(
    settings: Settings, slug: str, until: datetime | None = None
) -> SimulationReport:
    db = Database(settings.database_url)
    try:
        actor = await tenant_actor(db, slug, "cli:carrier simulate")
        with Progress(
            TextColumn("simulated carrier"), BarColumn(), MofNCompleteColumn(), console=err
        ) as progress:
            task = progress.add_task("shipments", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            async with tenant_session(db, actor) as session:
                report = await simulate(session, settings, advance, until)
                await session.commit()
        return report
    finally:
        await db.dispose()


@app.command("simulate")
def simulate_command(
    tenant: str = typer.Option(..., "--tenant", help="Slug of the tenant whose shipments move."),
    until: str | None = typer.Option(
        None,
        "--until",
        help="Hurry the carrier: play now the events due by then ('in 3 days', 'in 12 hours', "
        "an ISO date or time).",
    ),
    fast: bool = typer.Option(
        False, "--fast", help="Hurry the carrier all the way: every shipment is delivered now."
    ),
) -> None:
    """Post every due event of the tenant's simulated shipments (as of now, or --until), signed,
    once."""
    try:
        now = clock.now()
        if fast and until is not None:
            raise Invalid("--fast", "give --until or --fast, not both")
        moment = now + FAST if fast else parse_until(until, now) if until else None
        report = asyncio.run(_simulate(get_settings(), tenant, moment))
    except DomainError as error:
        err.print(f"[red]{error.message}[/]")
        raise typer.Exit(1) from None
    outcomes = ", ".join(f"{n} {k}" for k, n in sorted(report.outcomes.items())) or "none"
    hurried = f", {report.hurried} of them ahead of time" if report.hurried else ""
    err.print(
        f"[green]{report.shipments} shipments on the road; {report.posted} events posted "
        f"({outcomes}{hurried}); {report.delivered} delivered[/]"
    )


async def _set_secret(settings: Settings, slug: str, carrier: str, secret: str | None) -> str:
    db = Database(settings.database_url)
    try:
        actor = await tenant_actor(db, slug, "cli:carrier secret")
        async with tenant_session(db, actor) as session:
            value = await set_webhook_secret(session, actor, carrier, secret)
            await session.commit()
            return value
    finally:
        await db.dispose()


@app.command("secret")
def secret_command(
    tenant: str = typer.Option(..., "--tenant", help="Tenant slug."),
    carrier: str = typer.Option(..., "--carrier", help="Carrier code, e.g. sf."),
    secret: str | None = typer.Option(
        None, "--secret", help="The secret from the carrier's console (default: generate one)."
    ),
) -> None:
    """Set the tenant's webhook secret for a carrier and print it (give it to the carrier)."""
    try:
        value = asyncio.run(_set_secret(get_settings(), tenant, carrier, secret))
    except DomainError as error:
        err.print(f"[red]{error.message}[/]")
        raise typer.Exit(1) from None
    typer.echo(value)
