"""`peihuo carrier simulate` and `peihuo carrier secret`: the simulated carrier, carriers' secrets."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from api.cli.tenants import tenant_actor
from domain.db import Database
from domain.errors import DomainError
from domain.settings import Settings, get_settings
from domain.shipments.carriers import set_webhook_secret
from domain.shipments.simulator import SimulationReport, simulate
from domain.tenancy.session import tenant_session

app = typer.Typer(help="Carriers: the simulated carrier and webhook secrets.", no_args_is_help=True)
err = Console(stderr=True)


async def _simulate(settings: Settings, slug: str) -> SimulationReport:
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
                report = await simulate(session, settings, advance)
                await session.commit()
        return report
    finally:
        await db.dispose()


@app.command("simulate")
def simulate_command(
    tenant: str = typer.Option(..., "--tenant", help="Slug of the tenant whose shipments move."),
) -> None:
    """Post every due event of the tenant's simulated shipments (as of now), signed, once."""
    try:
        report = asyncio.run(_simulate(get_settings(), tenant))
    except DomainError as error:
        err.print(f"[red]{error.message}[/]")
        raise typer.Exit(1) from None
    outcomes = ", ".join(f"{n} {k}" for k, n in sorted(report.outcomes.items())) or "none"
    err.print(
        f"[green]{report.shipments} shipments on the road; {report.posted} events posted "
        f"({outcomes}); {report.delivered} delivered[/]"
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
