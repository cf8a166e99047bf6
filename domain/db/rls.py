"""Row-level security for tenant-owned tables, shared by every migration that creates one."""

from __future__ import annotations

from alembic import op

from domain.settings import get_settings

POLICY = "tenant_isolation"
CURRENT_TENANT = "NULLIF(current_setting('app.tenant_id', true), '')::integer"


def is_postgres() -> bool:
    """Whether the migration runs on PostgreSQL (SQLite has no roles or RLS)."""
    return op.get_bind().dialect.name == "postgresql"


def app_role() -> str:
    """The role the application connects as."""
    return get_settings().database_app_role


def ensure_app_role() -> None:
    """Create the application's login role if it does not exist (needs CREATEROLE)."""
    if not is_postgres():
        return
    role = app_role()
    op.execute(
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE {role} LOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- another database's migration made it at the same moment
        END $$"""
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {role}")


def grant(table: str) -> None:
    """Let the application role read and write a table it does not own."""
    if is_postgres():
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {app_role()}")


def grant_sequences() -> None:
    """Let the application role use every sequence (serial ids)."""
    if is_postgres():
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_role()}")


def enable(table: str) -> None:
    """FORCE'd row-level security on a tenant-owned table, keyed on `app.tenant_id`."""
    if not is_postgres():
        return
    grant(table)
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY {POLICY} ON {table} "
        f"USING (tenant_id = {CURRENT_TENANT}) WITH CHECK (tenant_id = {CURRENT_TENANT})"
    )


def disable(table: str) -> None:
    """Undo `enable` (for downgrades)."""
    if not is_postgres():
        return
    op.execute(f"DROP POLICY IF EXISTS {POLICY} ON {table}")
    op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
