"""A tenant's data, all of it, in one archive: what a SaaS owes a customer who asks for it
(data protection law: PIPL in China, GDPR elsewhere).

The archive is a zip of JSON lines: `tenant.jsonl` (the tenant's row), `users.jsonl` (the
people with a membership in it), one `<table>.jsonl` for every tenant table (a row a line,
every column, in id order; a table with no rows gives an empty file) and `manifest.json`
(when, which tables, how many rows each). Password hashes and other stored secrets are left
out (columns named `*hash*` or `*secret*`): they are of no use outside Peihuo and must not
travel. It is read in the tenant's own session (its criteria and, on PostgreSQL, row-level
security), so nothing of another tenant can get in, and the export is audited.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import select

import domain.models  # noqa: F401  (every model's table in the metadata)
from domain import clock
from domain.audit.recorder import record
from domain.db import Database
from domain.db.tables import tenant_tables
from domain.identity.models import Membership, User
from domain.permissions import Actor
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

#: Called after each table: (tables done, tables in all, the table's name).
Progress = Callable[[int, int, str], None]
FORMAT = "peihuo-tenant-export/1"


def _kept(name: str) -> bool:
    return "hash" not in name and "secret" not in name


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _line(row: dict[str, Any]) -> bytes:
    return (
        json.dumps(
            {key: _value(value) for key, value in row.items() if _kept(key)},
            ensure_ascii=False,
            default=str,
        ).encode()
        + b"\n"
    )


@dataclass
class Manifest:
    """What an archive holds."""

    tenant: str
    exported_at: str
    rows: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "tenant": self.tenant,
            "exported_at": self.exported_at,
            "tables": self.rows,
        }
        return json.dumps(body, indent=1, ensure_ascii=False).encode()


async def export_tenant(
    db: Database, tenant_id: int, out: Path, actor: Actor | None = None,
    progress: Progress | None = None,
) -> Manifest:  # fmt: skip
    """Write tenant `tenant_id`'s data to the zip `out`; its manifest. Audited as `actor`."""
    actor = actor or Actor.system(tenant_id, label="export")
    tables = tenant_tables()
    total = len(tables) + 2
    async with tenant_session(db, actor) as session:
        tenant = await session.get(Tenant, tenant_id)
        if tenant is None:
            raise LookupError(f"no tenant {tenant_id}")
        manifest = Manifest(tenant=tenant.slug, exported_at=clock.now().isoformat())
        partial = out.with_name(out.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            tenant_row = (await session.execute(select(Tenant.__table__).where(
                Tenant.__table__.c.id == tenant_id))).mappings().one()  # fmt: skip
            archive.writestr("tenant.jsonl", _line(dict(tenant_row)))
            manifest.rows["tenant"] = 1
            _tick(progress, 1, total, "tenant")
            members = select(Membership.user_id).where(Membership.tenant_id == tenant_id)
            users = User.__table__
            with archive.open("users.jsonl", "w") as file:
                count = 0
                result = await session.stream(
                    select(users).where(users.c.id.in_(members)).order_by(users.c.id)
                )
                async for row in result.mappings():
                    file.write(_line(dict(row)))
                    count += 1
            manifest.rows["users"] = count
            _tick(progress, 2, total, "users")
            for index, table in enumerate(tables, start=3):
                count = 0
                order = [column for column in table.primary_key.columns]
                with archive.open(f"{table.name}.jsonl", "w") as file:
                    result = await session.stream(
                        select(table).where(table.c.tenant_id == tenant_id).order_by(*order)
                    )
                    async for row in result.mappings():
                        file.write(_line(dict(row)))
                        count += 1
                manifest.rows[table.name] = count
                _tick(progress, index, total, table.name)
            archive.writestr("manifest.json", manifest.as_json())
        partial.replace(out)
        await record(session, "tenant.export", "Tenant", tenant_id, after={"rows": manifest.rows})
        await session.commit()
    return manifest


def _tick(progress: Progress | None, done: int, total: int, name: str) -> None:
    if progress is not None:
        progress(done, total, name)
