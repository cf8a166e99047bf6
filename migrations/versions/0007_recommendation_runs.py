"""Recommendation runs: one row per keyed run of the engine (scope, progress, timings, counts).

Orders already carry `run_id` (foundation); the run table is tenant-owned with FORCE'd
row-level security like every other.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 16:32:28.927487
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES: tuple[str, ...] = ("recommendation_runs",)


# Row-level security exactly as this revision ran it, written out here so that editing today's
# code never changes an old migration. env.py hands the application role in
# config.attributes["app_role"] (the PEIHUO_DATABASE_APP_ROLE setting).
_POLICY = "tenant_isolation"
_CURRENT_TENANT = "NULLIF(current_setting('app.tenant_id', true), '')::integer"


def _is_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _app_role() -> str:
    role = context.config.attributes.get("app_role") or os.environ.get(
        "PEIHUO_DATABASE_APP_ROLE", "peihuo_app"
    )
    if not str(role).replace("_", "").isalnum():
        raise ValueError(f"the app role {role!r} is not a plain SQL identifier")
    return str(role)


def _ensure_app_role() -> None:
    if not _is_postgres():
        return
    role = _app_role()
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


def _grant(table: str) -> None:
    if _is_postgres():
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {_app_role()}")


def _grant_sequences() -> None:
    if _is_postgres():
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_app_role()}")


def _enable(table: str) -> None:
    if not _is_postgres():
        return
    _grant(table)
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY {_POLICY} ON {table} "
        f"USING (tenant_id = {_CURRENT_TENANT}) WITH CHECK (tenant_id = {_CURRENT_TENANT})"
    )


def _disable(table: str) -> None:
    if not _is_postgres():
        return
    op.execute(f"DROP POLICY IF EXISTS {_POLICY} ON {table}")
    op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


def upgrade() -> None:
    op.create_table(
        "recommendation_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "succeeded",
                "failed",
                name="runstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "trigger",
            sa.Enum(
                "manual",
                "store",
                "nightly",
                name="runtrigger",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "phase",
            sa.Enum(
                "waiting",
                "load",
                "forecast",
                "allocate",
                "persist",
                "done",
                name="runphase",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column(
            "requested_region_ids",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "requested_store_ids",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("tenant_wide", sa.Boolean(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("stores_total", sa.Integer(), nullable=False),
        sa.Column("stores_done", sa.Integer(), nullable=False),
        sa.Column("holdout_stores", sa.Integer(), nullable=False),
        sa.Column("orders_written", sa.Integer(), nullable=False),
        sa.Column("orders_kept", sa.Integer(), nullable=False),
        sa.Column("lines_written", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("total_cost", sa.Numeric(14, 2), nullable=False),
        sa.Column("expected_margin", sa.Numeric(14, 2), nullable=False),
        sa.Column(
            "timings", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column(
            "details", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_recommendation_runs_region_id_regions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_recommendation_runs_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_recommendation_runs_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_runs")),
        sa.UniqueConstraint("tenant_id", "key", name=op.f("uq_recommendation_runs_tenant_id_key")),
    )
    with op.batch_alter_table("recommendation_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_runs_region_id"), ["region_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recommendation_runs_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recommendation_runs_tenant_id_created_at"),
            ["tenant_id", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_recommendation_runs_tenant_id_status"),
            ["tenant_id", "status"],
            unique=False,
        )

    _ensure_app_role()
    for table in TENANT_TABLES:
        _enable(table)
    _grant_sequences()


def downgrade() -> None:
    for table in TENANT_TABLES:
        _disable(table)
    with op.batch_alter_table("recommendation_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_runs_tenant_id_status"))
        batch_op.drop_index(batch_op.f("ix_recommendation_runs_tenant_id_created_at"))
        batch_op.drop_index(batch_op.f("ix_recommendation_runs_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_recommendation_runs_region_id"))

    op.drop_table("recommendation_runs")
