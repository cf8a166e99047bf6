"""The `peihuo` command line: one typer app, one module per command group.

Each command's module is imported only when that command runs (or for `--help`), so that a
quick command such as `allocate` does not pay for the server's imports.
"""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="peihuo",
    help="Peihuo (配货): franchise merchandise dispatch.",
    no_args_is_help=True,
    add_completion=False,
)

# command name → (module in api.cli, attribute); a Typer attribute is a command group.
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("server", "serve"),
    "worker": ("server", "worker"),
    "scheduler": ("server", "scheduler"),
    "migrate": ("server", "migrate"),
    "demo": ("demo", "demo"),
    "import": ("data", "import_"),
    "export": ("data", "export_"),
    "columns": ("data", "columns"),
    "allocate": ("allocate", "allocate"),
    "recommend": ("recommend", "recommend"),
    "carrier": ("carriers", "app"),
    "schema": ("schema", "schema"),
    "forecast": ("forecast", "app"),
    "tenant": ("tenant", "app"),
}


@app.callback()
def _group() -> None:
    """Peihuo (配货): franchise merchandise dispatch."""


def _register(only: str | None = None) -> None:
    registered = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    for name, (module, attribute) in COMMANDS.items():
        if name in registered or (only is not None and name != only):
            continue
        target = getattr(importlib.import_module(f"api.cli.{module}"), attribute)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name)
        else:
            app.command(name)(target)


def commands() -> typer.Typer:
    """The app with every command registered (for tests)."""
    _register()
    return app


def main() -> None:
    """Entry point of the `peihuo` console script."""
    first = sys.argv[1] if len(sys.argv) > 1 else None
    _register(first if first in COMMANDS else None)
    app()
