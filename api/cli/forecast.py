"""`peihuo forecast`: expected demand per store × SKU, and `peihuo forecast backtest`, which
scores the forecast against the baselines on the last weeks of a tenant's sales.

The forecast's modules are imported when a command runs, so that other commands do not load them.
"""

from __future__ import annotations

import asyncio
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from api.cli.progress import BarProgress, err

if TYPE_CHECKING:
    from domain.recommendation.forecast import Forecast, History
    from domain.recommendation.forecast.backtest import Score

out = Console()
app = typer.Typer(
    help="Expected demand per store × SKU over a horizon, and its backtest.",
    no_args_is_help=False,
)
SHOWN_ROWS = 25


async def _history(
    slug: str, end: date, days: int, progress: BarProgress
) -> tuple[History, list[str], list[str]]:
    """The tenant's active stores' sales history, with the codes of its stores and SKUs."""
    from api.cli.tenants import tenant_actor
    from domain.db import Database
    from domain.recommendation.forecast import load_history
    from domain.recommendation.forecast.service import codes
    from domain.settings import get_settings
    from domain.tenancy.session import tenant_session

    db = Database(get_settings().database_url)
    try:
        actor = await tenant_actor(db, slug, "cli:forecast")
        progress.phase(f"{slug}: loading {days} days of sales", None)
        async with tenant_session(db, actor) as session:
            history = await load_history(session, store_ids=None, end=end, days=days)
            return history, *await codes(session, history)
    finally:
        await db.dispose()


def _end(day: datetime | None) -> date:
    from domain.recommendation.forecast.service import today

    return day.date() if day else today()


def _write_csv(
    path: Path, result: Forecast, stores: list[str], skus: list[str], rows: list[int]
) -> int:
    from domain.imports.tabular import TableWriter

    columns = ["store_code", "sku_code", "expected_units", "start", "horizon_days"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        # Through the one writer of files the service hands out: codes are never formulas.
        writer = TableWriter(None, columns, stdout=handle)
        for s in rows:
            writer.write(
                [stores[s], skus[k], f"{units:.3f}", result.start, result.horizon_days]
                for k in range(result.sku_ids.size)
                if (units := float(result.mean[s, k])) >= 0.0005
            )
        return writer.close()


def _store_table(result: Forecast, stores: list[str]) -> Table:
    totals = result.mean.sum(axis=1)
    table = Table(
        title=f"Expected units, {result.horizon_days} days from {result.start} "
        f"(top {SHOWN_ROWS} of {len(stores)} stores)",
        title_justify="left",
    )
    table.add_column("store")
    table.add_column("expected units", justify="right")
    table.add_column("SKUs ≥ 1 unit", justify="right")
    for s in sorted(range(len(stores)), key=lambda i: -totals[i])[:SHOWN_ROWS]:
        table.add_row(stores[s], f"{totals[s]:,.1f}", str(int((result.mean[s] >= 1).sum())))
    table.add_row("all stores", f"{totals.sum():,.1f}", "", style="bold")
    return table


def _sku_table(result: Forecast, store: str, index: int, skus: list[str]) -> Table:
    row = result.mean[index]
    table = Table(
        title=f"Store {store}: expected units, {result.horizon_days} days from {result.start} "
        f"(top {SHOWN_ROWS} of {len(skus)} SKUs)",
        title_justify="left",
    )
    table.add_column("SKU")
    table.add_column("expected units", justify="right")
    for k in sorted(range(len(skus)), key=lambda i: -row[i])[:SHOWN_ROWS]:
        table.add_row(skus[k], f"{row[k]:.2f}")
    table.add_row("all SKUs", f"{row.sum():,.1f}", style="bold")
    return table


@app.callback(invoke_without_command=True)
def forecast(
    ctx: typer.Context,
    tenant: str | None = typer.Option(None, "--tenant", help="The tenant's slug."),
    horizon_days: int = typer.Option(28, "--horizon-days", min=1, max=182, help="Days ahead."),
    store: str | None = typer.Option(None, "--store", help="Show one store's SKUs (its code)."),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FORECAST.csv", help="Write every store × SKU here."
    ),
    end: datetime | None = typer.Option(
        None, formats=["%Y-%m-%d"], help="First day of the horizon (default today)."
    ),
) -> None:
    """Forecast expected units per store × SKU over the horizon (a summary, or -o CSV)."""
    if ctx.invoked_subcommand is not None:
        return
    if tenant is None:
        err.print("[red]--tenant is required[/]")
        raise typer.Exit(2)
    from domain.recommendation.forecast import forecast as run_forecast
    from domain.recommendation.forecast.history import HISTORY_DAYS

    started = time.perf_counter()
    with BarProgress() as progress:
        history, stores, skus = asyncio.run(_history(tenant, _end(end), HISTORY_DAYS, progress))
        rows = list(range(len(stores)))
        if store is not None:
            if store not in stores:
                err.print(f"[red]store: no active store {store!r} in tenant {tenant!r}[/]")
                raise typer.Exit(2)
            rows = [stores.index(store)]
        progress.phase(
            f"forecasting {history.store_ids.size} stores × {history.sku_ids.size} SKUs", 1
        )
        result = run_forecast(history, horizon_days=horizon_days)
    if output is not None:
        written = _write_csv(output, result, stores, skus, rows)
        err.print(f"wrote {written:,} store × SKU rows to {output}")
    elif store is not None:
        out.print(_sku_table(result, store, rows[0], skus))
    else:
        out.print(_store_table(result, stores))
    err.print(f"done in {time.perf_counter() - started:.1f} s")


def _scores_table(scores: list[Score], weeks: int, cutoff: date) -> Table:
    from domain.recommendation.forecast.backtest import BASELINES

    table = Table(
        title=f"Backtest: the {weeks} weeks from {cutoff}, forecast from the days before",
        title_justify="left",
    )
    for name in ("level", "method", "WAPE", "bias", "WAPE vs best baseline"):  # of BASELINES
        table.add_column(name, justify="left" if name in ("level", "method") else "right")
    for level in dict.fromkeys(s.level for s in scores):
        rows = [s for s in scores if s.level == level]
        best = min(s.wape for s in rows if s.method in BASELINES)
        for s in rows:
            change = f"{100 * (s.wape / best - 1):+.1f}%" if best > 0 else ""
            table.add_row(level, s.method, f"{s.wape:.3f}", f"{s.bias:+.3f}", change)
        table.add_section()
    return table


@app.command("backtest")
def backtest(
    tenant: str = typer.Option(..., "--tenant", help="The tenant's slug."),
    weeks: int = typer.Option(4, "--weeks", min=1, max=26, help="Weeks held out."),
    end: datetime | None = typer.Option(
        None,
        formats=["%Y-%m-%d"],
        help="The day after the last day of sales (default today).",
    ),
) -> None:
    """Hold out the last weeks of sales; report WAPE and bias of the forecast and the baselines."""
    from domain.recommendation.forecast.backtest import BASELINES
    from domain.recommendation.forecast.backtest import backtest as run_backtest
    from domain.recommendation.forecast.history import HISTORY_DAYS

    started = time.perf_counter()
    last = _end(end)
    with BarProgress() as progress:
        history, _, _ = asyncio.run(_history(tenant, last, HISTORY_DAYS + weeks * 7, progress))
        loaded = time.perf_counter()
        progress.phase("scoring", 5)
        scores = run_backtest(
            history, weeks=weeks, progress=lambda name: progress.advance(1) if name else None
        )
    cutoff = last - timedelta(days=weeks * 7)
    out.print(_scores_table(scores, weeks, cutoff))
    level = scores[0].level
    at_level = {s.method: s.wape for s in scores if s.level == level}
    best_name = min((b for b in BASELINES if b in at_level), key=lambda name: at_level[name])
    best = at_level[best_name]
    for name in ("forecast", "forecast, median"):
        out.print(
            f"{name}: WAPE {at_level[name]:.3f} at {level}, "
            f"{100 * (1 - at_level[name] / best):.1f}% lower than the best baseline "
            f"({best_name}, {best:.3f})"
        )
    own = at_level["moving average (8 weeks), median"]
    out.print(
        f"like for like, the forecast's median is {100 * (1 - at_level['forecast, median'] / own):.1f}% "
        f"lower than the moving average's median ({own:.3f})"
    )
    err.print(
        f"{history.row_qty.size:,} sales rows, {history.store_ids.size} stores × "
        f"{history.sku_ids.size} SKUs; loaded in {loaded - started:.1f} s, "
        f"scored in {time.perf_counter() - loaded:.1f} s"
    )
