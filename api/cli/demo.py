"""`peihuo demo`: migrate, seed the demo tenants (once), print the logins, serve.

The demo's modules are imported when the command runs, so that other commands do not load them.
"""

from __future__ import annotations

import asyncio
import os
from datetime import date, datetime
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from api.cli import server
from api.cli.progress import BarProgress, err
from domain.demo.spec import HISTORY_DAYS, PASSWORD, DemoSpec, beta, taozi
from domain.errors import DomainError
from domain.settings import Settings, get_settings

if TYPE_CHECKING:
    from domain.demo.seed import SeedReport

out = Console()


def _main_spec(
    found: dict[str, object] | None, today: date | None, size: tuple[int | None, ...]
) -> DemoSpec:
    """The main tenant's spec: what was asked, else what was seeded before, else the full demo."""
    from domain.demo.seed import demo_today

    stores, styles, days = size
    previous = found or {}
    day = today or (date.fromisoformat(str(previous["today"])) if found else demo_today())
    spec = taozi(day)
    return spec.with_size(
        stores or int(str(previous.get("stores", spec.stores))),
        styles or int(str(previous.get("styles", spec.styles))),
        days or int(str(previous.get("history_days", HISTORY_DAYS))),
    )


async def seed_demo(
    settings: Settings, reseed: bool, today: date | None, size: tuple[int | None, ...]
) -> list[SeedReport]:
    """Seed both demo tenants (each only if not seeded yet, or rebuilt with `reseed`)."""
    from domain.db import Database
    from domain.db.engine import refresh_statistics
    from domain.demo.seed import seed, seeded_spec

    db = Database(settings.database_url)
    try:
        main = _main_spec(await seeded_spec(db, "taozi"), today, size)
        with BarProgress() as progress:
            first = await seed(db, main, reseed, progress)
            second = await seed(db, beta(main.today), reseed, progress)
        if first.built or second.built:
            await refresh_statistics(settings.migration_url)
        return [first, second]
    finally:
        await db.dispose()


def _report(reports: list[SeedReport]) -> None:
    for r in reports:
        spec = r.spec
        if r.built:
            c = r.counts
            err.print(
                f"[green]built demo tenant {r.slug}[/] in {r.seconds:.1f} s: {c['stores']} stores, "
                f"{c['products']} styles, {c['skus']} SKUs, {c['sales_rows']:,} sales rows "
                f"({c['stock_out_rows']:,} stock-out days) ending the day before {spec['today']}",
                soft_wrap=True,
            )
        else:
            err.print(
                f"[cyan]demo tenant {r.slug} already seeded[/] ({spec['stores']} stores, "
                f"history to the day before {spec['today']}); --reseed rebuilds it",
                soft_wrap=True,
            )


def _logins(stores: int, url: str) -> None:
    table = Table(title=f"Demo logins (password: {PASSWORD})", title_justify="left")
    table.add_column("tenant")
    table.add_column("who")
    table.add_column("e-mail")
    table.add_row("taozi", "HQ admin", "hq@taozi.example")
    table.add_row("taozi", "regional managers (Region 1–3)", "r1@taozi.example … r3@taozi.example")
    table.add_row("taozi", "merchandisers (two per region)", "m1@taozi.example … m6@taozi.example")
    table.add_row(
        "taozi", "franchisees (one per store)", f"s0001@taozi.example … s{stores:04d}@taozi.example"
    )
    table.add_row("beta", "HQ admin of the second tenant", "hq@beta.example")
    out.print(table)
    out.print(
        f"Log in: curl -s {url}/auth/login -H 'content-type: application/json' "
        f'-d \'{{"tenant": "taozi", "email": "hq@taozi.example", "password": "{PASSWORD}"}}\'',
        soft_wrap=True,
    )


def demo(
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the API after seeding."),
    reseed: bool = typer.Option(
        False, "--reseed", help="Delete the demo tenants' data and build them again."
    ),
    today: datetime | None = typer.Option(
        None,
        formats=["%Y-%m-%d"],
        help="The demo's today: sales history ends the day before. Default: the day the demo "
        "was first seeded (so a reseed rebuilds the same rows), or today's date.",
    ),
    stores: int | None = typer.Option(None, min=3, max=3000, help="Stores (default 300)."),
    styles: int | None = typer.Option(None, min=12, max=2000, help="Styles (default 150)."),
    days: int | None = typer.Option(
        None, min=28, max=1100, help=f"Days of sales history (default {HISTORY_DAYS})."
    ),
    host: str | None = typer.Option(None, help="Address to bind (default: PEIHUO_HOST)."),
    port: int | None = typer.Option(None, help="Port (default: PEIHUO_PORT, 8000)."),
) -> None:
    """Set up the demo (migrate, seed tenants taozi and beta once) and serve it."""
    from domain import migrations

    settings = get_settings()
    migrations.upgrade()
    day = today.date() if today else None
    try:
        reports = asyncio.run(seed_demo(settings, reseed, day, (stores, styles, days)))
    except DomainError as error:
        err.print(f"[red]{error.message}[/]", soft_wrap=True)
        raise typer.Exit(1) from None
    _report(reports)
    url = f"http://{host or settings.host}:{port or settings.port}"
    _logins(int(str(reports[0].spec["stores"])), url)
    if not serve:
        return
    from domain.demo.mailcatcher import catcher_for

    # The demo's e-mails go to a catcher in this process (the app shows it at /demo/mailbox).
    catcher = catcher_for(settings)
    catcher.start()
    os.environ["PEIHUO_SMTP_HOST"], os.environ["PEIHUO_SMTP_PORT"] = catcher.host, str(catcher.port)
    get_settings.cache_clear()  # serve reads them
    if not settings.worker_in_process:
        err.print(
            "[yellow]Jobs run in a separate `peihuo worker` (PEIHUO_REDIS_URL is set): start it "
            f"with PEIHUO_SMTP_HOST={catcher.host} PEIHUO_SMTP_PORT={catcher.port} for its "
            "e-mails to reach the demo mailbox.[/]"
        )
    out.print(f"Serving {url}/graphql (GraphQL console) until stopped (Ctrl+C).")
    out.print(
        f"Demo mailbox: {url}/demo/mailbox (staff sign in; the e-mails the demo sends, caught "
        f"by an SMTP server on {catcher.host}:{catcher.port})."
    )
    try:
        server.serve(host=host, port=port, migrate=False, workers=1)
    finally:
        catcher.stop()
