"""`peihuo tenant export`: a tenant's data, all of it, in one archive (JSON lines in a zip)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from api.cli.progress import err
from api.cli.tenants import NO_TENANT, tenant_actor
from domain.db import Database
from domain.settings import get_settings

app = typer.Typer(
    help="A tenant's own data: export it, or restore it after its deletion.", no_args_is_help=True
)


async def _export(slug: str, out: Path) -> dict[str, int]:
    from rich.progress import Progress

    from domain.tenant_data.export import export_tenant

    db = Database(get_settings().database_url)
    try:
        actor = await tenant_actor(db, slug, label="cli:tenant export")
        assert actor.tenant_id is not None
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("exporting", total=None)

            def tick(done: int, total: int, name: str) -> None:
                bar.update(task, completed=done, total=total, description=name)

            manifest = await export_tenant(db, actor.tenant_id, out, actor, progress=tick)
        return manifest.rows
    finally:
        await db.dispose()


@app.command("export")
def export(
    tenant: str = typer.Argument(..., help="The tenant's slug."),
    output: Path = typer.Option(..., "-o", "--output", help="The archive to write (.zip)."),
) -> None:
    """Write every row of the tenant's data to one zip of JSON lines (a file per table, with a
    manifest); audited."""
    rows = asyncio.run(_export(tenant, output))
    err.print(f"[green]{sum(rows.values())} rows of {len(rows)} tables written to {output}[/]")


async def _restore(slug: str) -> str:
    from domain.errors import DomainError
    from domain.tenant_data.deletion import restore_tenant

    db = Database(get_settings().database_url)
    try:
        tenant = await restore_tenant(db, slug)
        return tenant.slug
    except DomainError as error:
        err.print(f"[red]{error.message}[/]")
        raise typer.Exit(NO_TENANT) from error
    finally:
        await db.dispose()


@app.command("restore")
def restore(tenant: str = typer.Argument(..., help="The tenant's slug.")) -> None:
    """Undo an HQ's deletion of its tenant within the grace period
    (PEIHUO_TENANT_PURGE_GRACE_DAYS): its members can sign in again. Audited."""
    slug = asyncio.run(_restore(tenant))
    err.print(f"[green]tenant {slug} restored[/]")
