"""The tenant-bound session: tenancy and store visibility are decided here, once.

Every session made by `tenant_session` carries its tenant and actor in `session.info`.
Listeners installed below then
- add a global criteria `tenant_id = :tenant` to every ORM statement on tenant-owned models,
- restrict Store and store-scoped rows to the stores the actor may see,
- stamp new tenant-owned rows with the tenant (and refuse a row of another tenant),
- set `app.tenant_id` for PostgreSQL row-level security at the start of each transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, with_loader_criteria

from domain.access.stores import store_visibility
from domain.db import Database, StoreScoped, TenantOwned
from domain.db.binding import ACTOR_KEY, TENANT_KEY, session_actor, session_tenant
from domain.db.engine import PgConnection
from domain.permissions import Actor
from domain.stores.models import Store


@asynccontextmanager
async def tenant_session(db: Database, actor: Actor) -> AsyncIterator[AsyncSession]:
    """A session bound to the actor's tenant, closed on exit (the caller commits)."""
    session = db.session(**{TENANT_KEY: actor.tenant_id, ACTOR_KEY: actor})
    try:
        yield session
    finally:
        await session.close()


def _apply_criteria(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria travels with the original statement's options
    if state.execution_options.get("all_tenants"):
        return  # platform-level maintenance only (migrations checks, demo reset)
    tenant_id = session_tenant(state.session)
    tid = tenant_id if tenant_id is not None else -1
    # Built per statement: options cached per tenant (functools.lru_cache) were seen to let a
    # statement through without the tenant's criteria on SQLite (a test found another tenant's
    # complaint), so the lambdas are made afresh each time.
    options = [
        with_loader_criteria(TenantOwned, lambda cls: cls.tenant_id == tid, include_aliases=True)
    ]
    visibility = store_visibility(session_actor(state.session)) if tenant_id is not None else None
    if visibility is not None and not state.execution_options.get("all_stores"):
        store_criteria, scoped_criteria = visibility
        options.append(with_loader_criteria(Store, store_criteria, include_aliases=True))
        options.append(with_loader_criteria(StoreScoped, scoped_criteria, include_aliases=True))
    state.statement = state.statement.options(*options)


def _stamp_tenant(session: Session, _context: Any, _instances: Any) -> None:
    tenant_id = session_tenant(session)
    for obj in session.new:
        if not isinstance(obj, TenantOwned):
            continue
        if obj.tenant_id is None:
            if tenant_id is None:
                raise PermissionError(f"{type(obj).__name__} created outside a tenant session")
            obj.tenant_id = tenant_id
        elif tenant_id is not None and obj.tenant_id != tenant_id:
            raise PermissionError(f"{type(obj).__name__} belongs to another tenant")


def _set_rls_tenant(
    session: Session, _transaction: SessionTransaction, connection: Connection
) -> None:
    if connection.dialect.name != "postgresql":
        return
    tenant_id = session_tenant(session)
    tenant = "" if tenant_id is None else str(int(tenant_id))
    driver = connection.connection.driver_connection
    if (
        isinstance(driver, PgConnection)
        and not driver.is_in_transaction()
        and connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT"
    ):
        # The driver sends BEGIN with the session's first statement: the setting goes in the
        # same round trip (an integer, or nothing: no quoting to get wrong).
        driver.run_with_next_begin(f"SELECT set_config('app.tenant_id', '{tenant}', true);")
        return
    connection.execute(
        text("SELECT set_config('app.tenant_id', :tenant, true)"), {"tenant": tenant}
    )


_installed = False


def install() -> None:
    """Install the tenancy listeners (idempotent; done on import)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "do_orm_execute", _apply_criteria)
    event.listen(Session, "before_flush", _stamp_tenant)
    event.listen(Session, "after_begin", _set_rls_tenant)
    _installed = True


install()
