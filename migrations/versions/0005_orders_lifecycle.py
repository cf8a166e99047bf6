"""Orders lifecycle: over-budget approvals, stock reservations per order line, proposed qty.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-23 08:53:48.113812
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES: tuple[str, ...] = ("order_approvals", "stock_reservations")


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
        "order_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "refused",
                "withdrawn",
                name="approvalstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("budget", sa.Numeric(14, 2), nullable=False),
        sa.Column("limit_amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_order_approvals_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_order_approvals_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_order_approvals_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_order_approvals_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_order_approvals_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_approvals")),
    )
    with op.batch_alter_table("order_approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_approvals_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_approvals_store_id"), ["store_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_order_approvals_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_order_approvals_tenant_id_status_requested_at"),
            ["tenant_id", "status", "requested_at"],
            unique=False,
        )
        batch_op.create_index(
            "uq_order_approvals_pending",
            ["order_id"],
            unique=True,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )

    op.create_table(
        "stock_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("consumed", sa.Integer(), nullable=False),
        sa.Column("released", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "consumed >= 0 AND released >= 0 AND consumed + released <= qty",
            name=op.f("ck_stock_reservations_within_qty"),
        ),
        sa.CheckConstraint("qty > 0", name=op.f("ck_stock_reservations_qty_positive")),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_stock_reservations_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_lines.id"],
            name=op.f("fk_stock_reservations_order_line_id_order_lines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"],
            ["skus.id"],
            name=op.f("fk_stock_reservations_sku_id_skus"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_stock_reservations_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stock_reservations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_stock_reservations_warehouse_id_warehouses"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_reservations")),
        sa.UniqueConstraint(
            "order_line_id",
            "warehouse_id",
            name=op.f("uq_stock_reservations_order_line_id_warehouse_id"),
        ),
    )
    with op.batch_alter_table("stock_reservations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_reservations_order_id"), ["order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stock_reservations_order_line_id"), ["order_line_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stock_reservations_store_id"), ["store_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stock_reservations_tenant_id"), ["tenant_id"], unique=False
        )

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_qty", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "changed_by",
                sa.Enum(
                    "engine",
                    "merchandiser",
                    "franchisee",
                    name="changed_by",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )

    _ensure_app_role()
    for table in TENANT_TABLES:
        _enable(table)
    _grant_sequences()


def downgrade() -> None:
    for table in TENANT_TABLES:
        _disable(table)
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        # SQLite's table copy would keep the enum's CHECK on the dropped column otherwise.
        batch_op.drop_constraint(batch_op.f("ck_order_lines_changed_by"), type_="check")
        batch_op.drop_column("changed_by")
        batch_op.drop_column("proposed_qty")

    with op.batch_alter_table("stock_reservations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_reservations_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservations_store_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservations_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservations_order_id"))

    op.drop_table("stock_reservations")
    with op.batch_alter_table("order_approvals", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_order_approvals_pending",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index(batch_op.f("ix_order_approvals_tenant_id_status_requested_at"))
        batch_op.drop_index(batch_op.f("ix_order_approvals_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_order_approvals_store_id"))
        batch_op.drop_index(batch_op.f("ix_order_approvals_order_id"))

    op.drop_table("order_approvals")
