"""One tenant never sees another's data: the ORM criteria first, PostgreSQL row-level security second."""

from __future__ import annotations

import pytest
from asyncpg.connection import LoggedQuery
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from domain.db import Database, TenantOwned
from domain.db.base import Base
from domain.regions.models import Region
from domain.settings import Settings
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.conftest import is_postgres
from tests.factories import World, make_world, system

TENANT_TABLES = sorted(
    mapper.class_.__tablename__
    for mapper in Base.registry.mappers
    if issubclass(mapper.class_, TenantOwned)
)


async def test_a_tenant_session_sees_only_its_own_rows(world: World, db: Database) -> None:
    other = await make_world(db)
    async with tenant_session(db, system(world.tenant)) as session:
        codes = set(await session.scalars(select(Store.code)))
        assert codes == {s.code for s in world.stores}
        assert await session.get(Store, other.stores[0].id) is None
        joined = await session.scalar(
            select(func.count()).select_from(Store).join(Region, Region.id == Store.region_id)
        )
        assert joined == len(world.stores)


async def test_a_row_stamped_with_another_tenant_is_refused(world: World, db: Database) -> None:
    other = await make_world(db)
    async with tenant_session(db, system(world.tenant)) as session:
        session.add(Region(code="RX", name="Stolen", tenant_id=other.tenant.id))
        with pytest.raises(PermissionError):
            await session.flush()


def _require_postgres(settings: Settings) -> None:
    if not is_postgres(settings):
        pytest.skip("row-level security is PostgreSQL's")


async def test_every_tenant_owned_table_has_forced_row_level_security(
    settings: Settings, admin_db: Database
) -> None:
    _require_postgres(settings)
    async with admin_db.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
                "pg_get_userbyid(c.relowner), "
                "(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) "
                "FROM pg_class c WHERE c.relname = ANY(:names) AND c.relkind = 'r'"
            ),
            {"names": TENANT_TABLES},
        )
        found = {
            name: (rls, forced, owner, policies) for name, rls, forced, owner, policies in rows
        }
    assert set(found) == set(TENANT_TABLES)
    for name, (rls, forced, owner, policies) in found.items():
        assert rls and forced and policies == 1, name
        assert owner != settings.database_app_role, name


async def test_raw_sql_under_another_tenants_setting_returns_no_row(
    world: World, settings: Settings, db: Database
) -> None:
    _require_postgres(settings)
    other = await make_world(db)
    store_id = world.stores[0].id
    async with db.engine.connect() as connection:
        query = text("SELECT id FROM stores WHERE id = :id")
        await connection.execute(
            text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(other.tenant.id)}
        )
        assert (await connection.execute(query, {"id": store_id})).all() == []
        assert (
            await connection.execute(
                text("SELECT count(*) FROM audit_log WHERE tenant_id = :t"), {"t": world.tenant.id}
            )
        ).scalar() == 0
        await connection.execute(text("SELECT set_config('app.tenant_id', '', false)"))
        assert (await connection.execute(query, {"id": store_id})).all() == []
        await connection.execute(
            text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(world.tenant.id)}
        )
        assert (await connection.execute(query, {"id": store_id})).scalar() == store_id
        await connection.rollback()


async def test_raw_sql_cannot_write_into_another_tenant(
    world: World, settings: Settings, db: Database
) -> None:
    _require_postgres(settings)
    other = await make_world(db)
    async with db.engine.connect() as connection:
        await connection.execute(
            text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(world.tenant.id)}
        )
        with pytest.raises(DBAPIError, match="row-level security"):
            await connection.execute(
                text(
                    "INSERT INTO regions (tenant_id, code, name, created_at, updated_at) "
                    "VALUES (:t, 'RX', 'Stolen', now(), now())"
                ),
                {"t": other.tenant.id},
            )
        await connection.rollback()
        await connection.execute(
            text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(world.tenant.id)}
        )
        changed = await connection.execute(
            text("UPDATE stores SET name = 'taken' WHERE tenant_id = :t"), {"t": other.tenant.id}
        )
        assert changed.rowcount == 0
        await connection.rollback()


async def test_the_tenant_setting_goes_with_the_transactions_begin(
    world: World, settings: Settings
) -> None:
    _require_postgres(settings)
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    sent: list[str] = []

    def log(record: LoggedQuery) -> None:
        sent.append(record.query)

    try:
        async with tenant_session(database, system(world.tenant)) as session:
            connection = await session.connection()
            driver = (await connection.get_raw_connection()).driver_connection
            assert driver is not None
            driver.add_query_logger(log)
            setting = await session.scalar(text("SELECT current_setting('app.tenant_id', true)"))
            codes = set(await session.scalars(text("SELECT code FROM stores")))
            driver.remove_query_logger(log)
    finally:
        await database.dispose()
    assert setting == str(world.tenant.id)
    assert codes == {s.code for s in world.stores}  # row-level security saw the tenant
    # One round trip begins the transaction and sets the tenant (the statements themselves
    # go as prepared statements, which the logger does not see).
    assert len(sent) == 1 and sent[0].startswith("BEGIN"), sent
    assert f"set_config('app.tenant_id', '{world.tenant.id}', true)" in sent[0]


async def test_a_tenant_setting_never_sent_does_not_reach_the_connections_next_use(
    world: World, settings: Settings
) -> None:
    _require_postgres(settings)
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    try:
        async with tenant_session(database, system(world.tenant)) as session:
            await session.connection()  # the setting waits for a statement that never comes
        async with database.engine.connect() as connection:  # the same pooled connection
            setting = await connection.scalar(text("SELECT current_setting('app.tenant_id', true)"))
            rows = (await connection.execute(text("SELECT id FROM stores"))).all()
    finally:
        await database.dispose()
    assert setting in (None, "")
    assert rows == []
