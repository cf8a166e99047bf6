"""The tenant a command acts for, found by its slug: one lookup and one error for every command."""

from __future__ import annotations

import typer

from api.cli.progress import err
from domain.db import Database
from domain.permissions import Actor
from domain.tenancy.service import tenant_by_slug

#: Exit status of a command given a tenant that does not exist (a usage error, as typer's own).
NO_TENANT = 2


async def tenant_actor(db: Database, slug: str, label: str) -> Actor:
    """The system actor of tenant `slug` (case and surrounding spaces ignored), labelled `label`
    in the audit log; prints "no tenant 'slug'" and exits with `NO_TENANT` when there is none."""
    tenant = await tenant_by_slug(db, slug)
    if tenant is None:
        err.print(f"[red]no tenant {slug!r}[/]")
        raise typer.Exit(NO_TENANT)
    return Actor.system(tenant.id, label=label)
