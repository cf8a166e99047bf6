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
from functools import lru_cache
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, with_loader_criteria
from sqlalchemy.orm.util import LoaderCriteriaOption

from domain.access.stores import Criteria, store_visibility
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
    options = [_tenant_criteria(tenant_id if tenant_id is not None else -1)]
    visibility = store_visibility(session_actor(state.session)) if tenant_id is not None else None
    if visibility is not None and not state.execution_options.get("all_stores"):
        options += _visibility_criteria(visibility)
    state.statement = state.statement.options(*options)


# The options are built once per tenant (and per set of visible stores), not per statement:
# making one analyses its lambda, a tenth of a millisecond each, three times a statement.
@lru_cache(maxsize=1024)
def _tenant_criteria(tid: int) -> LoaderCriteriaOption:
    return with_loader_criteria(TenantOwned, lambda cls: cls.tenant_id == tid, include_aliases=True)


@lru_cache(maxsize=4096)
def _visibility_criteria(
    visibility: tuple[Criteria, Criteria],
) -> tuple[LoaderCriteriaOption, LoaderCriteriaOption]:
    store_criteria, scoped_criteria = visibility
    return (
        with_loader_criteria(Store, store_criteria, include_aliases=True),
        with_loader_criteria(StoreScoped, scoped_criteria, include_aliases=True),
    )


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
