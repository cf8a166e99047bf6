"""`peihuo tenant export`: one zip of JSON lines with every tenant table, only this tenant's
rows, no password hashes, a manifest that counts them; audited."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.db import Database
from domain.tenancy.session import tenant_session
from domain.tenant_data.export import tenant_tables
from tests.api.cli.conftest import Invoke
from tests.factories import World, make_world, system


async def test_a_tenant_exports_all_its_data_and_nothing_else(
    peihuo: Invoke, db: Database, world: World, tmp_path: Path
) -> None:
    other = await make_world(db)  # another tenant's rows must not get in
    out = tmp_path / "export.zip"
    result = await peihuo("tenant", "export", world.tenant.slug, "-o", str(out))
    assert result.exit_code == 0, result.output

    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        lines = {
            name.removesuffix(".jsonl"): [
                json.loads(line) for line in archive.read(name).decode().splitlines()
            ]
            for name in names
            if name.endswith(".jsonl")
        }
    tables = {table.name for table in tenant_tables()}
    assert {f"{name}.jsonl" for name in tables} | {"tenant.jsonl", "users.jsonl"} <= names
    assert manifest["tenant"] == world.tenant.slug
    assert manifest["tables"] == {name: len(rows) for name, rows in lines.items()}
    assert lines["tenant"] == [lines["tenant"][0]] and lines["tenant"][0]["id"] == world.tenant.id
    for name in tables:
        assert all(row["tenant_id"] == world.tenant.id for row in lines[name]), name
    assert {row["id"] for row in lines["stores"]} == {store.id for store in world.stores}
    assert len(lines["skus"]) == len(world.skus) > 0
    people = {world.hq.email, *(m.email for m in world.merchandisers + world.franchisees)}
    emails = {row["email"] for row in lines["users"]}
    assert people <= emails
    assert not emails & {other.hq.email, *(m.email for m in other.franchisees)}
    assert all("password_hash" not in row for row in lines["users"])

    async with tenant_session(db, system(world.tenant)) as session:
        audited = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "tenant.export")
        )
    assert audited is not None


async def test_an_unknown_tenant_is_refused(peihuo: Invoke, tmp_path: Path) -> None:
    result = await peihuo("tenant", "export", "no-such-tenant", "-o", str(tmp_path / "x.zip"))
    assert result.exit_code == 2 and "no tenant 'no-such-tenant'" in result.output
    assert not (tmp_path / "x.zip").exists()
