"""Complaint photos: one row per re-encoded image attached to a complaint (the file is in the
file store under `storage_key`). Tenant-owned, with FORCE'd row-level security.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 16:00:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES: tuple[str, ...] = ("complaint_photos",)
_CURRENT_TENANT = "NULLIF(current_setting('app.tenant_id', true), '')::integer"


def _app_role() -> str:
    # env.py hands the role in config.attributes; before it did, the settings' variable said.
    role = context.config.attributes.get("app_role") or os.environ.get(
        "PEIHUO_DATABASE_APP_ROLE", "peihuo_app"
    )
    if not str(role).replace("_", "").isalnum():
        raise ValueError(f"the app role {role!r} is not a plain SQL identifier")
    return str(role)


def _secure_tables() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    role = _app_role()
    for table in TENANT_TABLES:
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            f"USING (tenant_id = {_CURRENT_TENANT}) WITH CHECK (tenant_id = {_CURRENT_TENANT})"
        )
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")


def _unsecure_tables() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in TENANT_TABLES:
        op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


def upgrade() -> None:
    op.create_table(
        "complaint_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_photos_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_complaint_photos_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_complaint_photos_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_complaint_photos_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_photos")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_complaint_photos_storage_key")),
    )
    with op.batch_alter_table("complaint_photos", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_photos_complaint_id"), ["complaint_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_complaint_photos_store_id"), ["store_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_complaint_photos_tenant_id"), ["tenant_id"], unique=False
        )
    _secure_tables()


def downgrade() -> None:
    _unsecure_tables()
    with op.batch_alter_table("complaint_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_photos_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_photos_store_id"))
        batch_op.drop_index(batch_op.f("ix_complaint_photos_complaint_id"))
    op.drop_table("complaint_photos")
