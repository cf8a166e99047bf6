"""`peihuo serve`, `peihuo worker` and `peihuo migrate`."""

from __future__ import annotations

import typer
from rich.console import Console

from domain.settings import get_settings

err = Console(stderr=True)


def serve(
    host: str | None = typer.Option(None, help="Address to bind (default: PEIHUO_HOST)."),
    port: int | None = typer.Option(None, help="Port (default: PEIHUO_PORT, 8000)."),
    migrate: bool = typer.Option(True, help="Apply pending migrations first."),
) -> None:
    """Serve the API (and, on the embedded setup, the job worker in-process)."""
    import uvicorn

    from domain import migrations

    settings = get_settings()
    if migrate:
        migrations.upgrade()
    from api.app import create_app

    app = create_app(settings, start_worker=settings.worker_in_process)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level="warning")


def worker(
    burst: bool = typer.Option(False, help="Run the jobs waiting now, then exit."),
) -> None:
    """Run the background worker (outbox relay, scheduler, jobs) against PEIHUO_REDIS_URL."""
    from domain.jobs.worker import run_worker

    settings = get_settings()
    if settings.is_embedded_redis and not burst:
        err.print(
            "[yellow]PEIHUO_REDIS_URL is the embedded stand-in: `peihuo serve` already runs the worker.[/]"
        )
    run_worker(settings, burst=burst)


def migrate(
    revision: str = typer.Argument("heads", help="Target revision."),
    down: bool = typer.Option(False, "--down", help="Downgrade to the revision instead."),
) -> None:
    """Apply (or with --down, undo) schema migrations on PEIHUO_DATABASE_ADMIN_URL."""
    from domain import migrations

    if down:
        migrations.downgrade(revision=revision)
    else:
        migrations.upgrade(revision=revision)
    err.print(f"[green]database at {revision if not down else 'revision ' + revision}[/]")
