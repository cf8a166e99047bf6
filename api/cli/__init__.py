"""The `peihuo` command line: one typer app, one module per command group."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="peihuo",
    help="Peihuo (配货): franchise merchandise dispatch.",
    no_args_is_help=True,
    add_completion=False,
)


def _register() -> None:
    # Imported here so that `peihuo --help` stays fast and modules stay independent.
    from api.cli import allocate, server

    app.command("serve")(server.serve)
    app.command("worker")(server.worker)
    app.command("migrate")(server.migrate)
    app.command("allocate")(allocate.allocate)


def main() -> None:
    """Entry point of the `peihuo` console script."""
    _register()
    app()
