"""`peihuo serve`, `peihuo worker`, `peihuo scheduler` and `peihuo migrate`."""

from __future__ import annotations

import os

import typer
from rich.console import Console

from domain.observability.multiproc import ensure_multiprocess_dir
from domain.settings import DefaultSecretError, Settings, get_settings

err = Console(stderr=True)


def checked_settings() -> Settings:
    """The settings, or exit naming each built-in secret left in place outside the demo."""
    settings = get_settings()
    try:
        settings.refuse_default_secrets()
    except DefaultSecretError as error:
        err.print(f"[red]{error}[/]", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    return settings


def serve(
    host: str | None = typer.Option(None, help="Address to bind (default: PEIHUO_HOST)."),
    port: int | None = typer.Option(None, help="Port (default: PEIHUO_PORT, 8000)."),
    migrate: bool = typer.Option(True, help="Apply pending migrations first."),
    workers: int = typer.Option(
        1, "--workers", min=1, help="API processes (uvicorn's supervisor replaces any that dies)."
    ),
) -> None:
    """Serve the API (and, on the embedded setup, the job worker in-process)."""
    import uvicorn

    from domain import migrations

    settings = checked_settings()
    if workers > 1:
        ensure_multiprocess_dir()  # before prometheus-client is imported: metrics of N processes
    from domain.observability.logs import configure_logging

    configure_logging(settings.log_level, settings.log_format)
    if migrate:
        migrations.upgrade()  # once, before any API process starts
    host, port = host or settings.host, port or settings.port
    # Where it listens is where links point (unless PEIHUO_PUBLIC_URL says otherwise), here
    # and in the API processes it starts.
    os.environ["PEIHUO_HOST"], os.environ["PEIHUO_PORT"] = host, str(port)
    settings = settings.model_copy(update={"host": host, "port": port})
    if workers == 1:
        from api.app import create_app, freeze_heap

        app = create_app(settings, start_worker=settings.worker_in_process)
        freeze_heap()
        # The app reads forwarded headers itself, from PEIHUO_TRUSTED_PROXIES only.
        uvicorn.run(
            app, host=host, port=port, log_config=None, log_level="warning", proxy_headers=False
        )
        return
    # Several processes: each builds the app from the environment (without a worker); the
    # embedded job worker, when wanted, stays one, in this supervising process.
    from domain.jobs import runner
    from domain.jobs.worker import InProcessWorker

    embedded = InProcessWorker(settings) if settings.worker_in_process else None
    if embedded is not None:
        runner.configure(settings)
        embedded.start()
    try:
        uvicorn.run(
            "api.app:serve_app",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_config=None,
            log_level="warning",
            proxy_headers=False,
        )
    finally:
        if embedded is not None:
            embedded.stop()


def worker(
    burst: bool = typer.Option(False, help="Run the jobs waiting now, then exit."),
    processes: int = typer.Option(
        1, "--processes", min=1, help="Worker processes in a pool (a dead one is replaced)."
    ),
    beat: bool = typer.Option(
        True,
        help="Run a scheduler clock beside the workers (one beat runs however many start; "
        "--no-beat where `peihuo scheduler` runs apart).",
    ),
    metrics_port: int | None = typer.Option(
        None,
        help="Serve the workers' Prometheus metrics on this port (all addresses; with "
        "PEIHUO_METRICS_TOKEN set, to scrapers that send it as a bearer token, else to "
        "loopback clients only).",
    ),
) -> None:
    """Run the background workers (and the scheduler beat) against PEIHUO_REDIS_URL; with
    --metrics-port, their metrics at http://0.0.0.0:PORT/metrics."""
    settings = checked_settings()
    if not settings.is_embedded_redis:
        # rq forks a work horse per job: their metrics are kept in files (before
        # prometheus-client is imported), read by the exposition below.
        ensure_multiprocess_dir()
    from domain.jobs.worker import run_worker
    from domain.observability.logs import configure_logging

    configure_logging(settings.log_level, settings.log_format)
    if metrics_port is not None:
        from domain.observability.multiproc import start_exposition

        start_exposition(metrics_port, settings.metrics_token)
    if settings.is_embedded_redis and not burst:
        err.print(
            "[yellow]PEIHUO_REDIS_URL is the embedded stand-in: `peihuo serve` already runs the worker.[/]"
        )
    if settings.is_embedded_redis and processes != 1:
        err.print("[red]the embedded Redis lives in one process: --processes needs a real Redis[/]")
        raise typer.Exit(2)
    run_worker(settings, burst=burst, processes=processes, beat=beat)


def scheduler() -> None:
    """Run the scheduler beat alone: outbox relay, due retries, periodic jobs (one beat at a
    time across every worker and scheduler: more than one is a standby)."""
    from domain.jobs.beat import run_clock
    from domain.observability.logs import configure_logging

    settings = checked_settings()
    if settings.is_embedded_redis:
        err.print("[red]the scheduler needs a real Redis (PEIHUO_REDIS_URL)[/]")
        raise typer.Exit(2)
    configure_logging(settings.log_level, settings.log_format)
    run_clock(settings)


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
