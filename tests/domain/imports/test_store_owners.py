"""The store import and export keep to the same rules as the API: only HQ and the region's manager
give a store its owner, only to people they already see; the owner's login (their e-mail) is
exported only where the store's personal data is."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.bulk.rows import RowsRejected
from domain.db import Database
from domain.errors import ErrorCode
from domain.imports.service import export, import_file
from domain.imports.tabular import read_table, write_table
from domain.permissions import Actor
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import Member, World, system

COLUMNS = ["code", "franchisee_login"]


async def run_import(db: Database, actor: Actor, path: Path) -> None:
    async with tenant_session(db, actor) as session:
        await import_file(session, actor, "stores", path, True)
        await session.commit()


def owner(world: World, store: Store) -> Member:
    return next(f for f in world.franchisees if f.user.id == store.franchisee_id)


async def owner_id(db: Database, world: World, store: Store) -> int | None:
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Store, store.id)
        assert row is not None
        return row.franchisee_id


async def test_a_merchandiser_cannot_import_a_new_owner(
    db: Database, world: World, tmp_path: Path
) -> None:
    store, other = world.stores[0], world.stores[1]
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    path = tmp_path / "stores.csv"
    write_table(path, COLUMNS, [[store.code, owner(world, other).email]])
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, merchandiser.actor, path)
    assert [(e.field, e.code) for e in caught.value.rows] == [("code", ErrorCode.FORBIDDEN)]
    assert await owner_id(db, world, store) == store.franchisee_id


async def test_a_manager_imports_owners_only_among_people_they_see(
    db: Database, world: World, tmp_path: Path
) -> None:
    region_one = [s for s in world.stores if s.region_id == world.regions[0].id]
    elsewhere = next(s for s in world.stores if s.region_id == world.regions[1].id)
    store = region_one[0]
    path = tmp_path / "stores.csv"
    write_table(path, COLUMNS, [[store.code, owner(world, elsewhere).email]])
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, world.managers[0].actor, path)
    # the same answer as for an e-mail nobody has
    assert [(e.field, e.code, e.message) for e in caught.value.rows] == [
        (
            "franchisee_login",
            ErrorCode.NOT_FOUND,
            f"no member with e-mail {owner(world, elsewhere).email}",
        )
    ]
    newcomer = owner(world, region_one[1])
    write_table(path, COLUMNS, [[store.code, newcomer.email]])
    await run_import(db, world.managers[0].actor, path)
    assert await owner_id(db, world, store) == newcomer.user.id
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Store, store.id)
        assert row is not None and row.franchisee_email == newcomer.email


async def test_the_export_hides_owners_logins_where_personal_data_is_hidden(
    db: Database, world: World, tmp_path: Path
) -> None:
    store = world.stores[0]
    colleague = next(
        m
        for m in world.merchandisers
        if m.actor.region_id == store.region_id and m.user.id != store.merchandiser_id
    )
    served = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    for member, expected in ((colleague, None), (served, owner(world, store).email)):
        path = tmp_path / f"export-{member.user.id}.csv"
        async with tenant_session(db, member.actor) as session:
            await export(session, member.actor, "stores", path)
        table = read_table(path)
        header = table.columns
        row = next(cells for _, cells in table.rows if cells[header.index("code")] == store.code)
        assert (row[header.index("franchisee_login")] or None) == expected, member.email
