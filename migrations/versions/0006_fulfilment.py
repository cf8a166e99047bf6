"""Fulfilment: pick lists, shipments and their tracking events, carrier accounts, surveys.

Also gives `complaints.shipment_id` its foreign key, now that shipments exist.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 08:52:35.992376
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES: tuple[str, ...] = (
    "carrier_accounts",
    "pick_lists",
    "shipments",
    "pick_list_lines",
    "surveys",
    "tracking_events",
)


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
        "carrier_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=32), nullable=False),
        sa.Column("webhook_secret", sa.String(length=200), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_carrier_accounts_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier_accounts")),
        sa.UniqueConstraint(
            "tenant_id", "carrier", name=op.f("uq_carrier_accounts_tenant_id_carrier")
        ),
    )
    with op.batch_alter_table("carrier_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_carrier_accounts_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "pick_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "picking",
                "shipped",
                "cancelled",
                name="pickliststatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("total_units", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_pick_lists_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"],
            ["users.id"],
            name=op.f("fk_pick_lists_started_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_pick_lists_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_pick_lists_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_lists")),
        sa.UniqueConstraint("order_id", name=op.f("uq_pick_lists_order_id")),
    )
    with op.batch_alter_table("pick_lists", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pick_lists_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pick_lists_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pick_lists_tenant_id_status_created_at"),
            ["tenant_id", "status", "created_at"],
            unique=False,
        )

    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=32), nullable=False),
        sa.Column("tracking_number", sa.String(length=40), nullable=False),
        sa.Column("parcels", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "created",
                "picked_up",
                "in_transit",
                "out_for_delivery",
                "delivered",
                "exception",
                name="shipmentstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("estimated_delivery", sa.Date(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_event_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("exception_reason", sa.Text(), nullable=True),
        sa.Column("signed_by", sa.String(length=200), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("photo_ref", sa.String(length=500), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("parcels > 0", name=op.f("ck_shipments_parcels_positive")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_shipments_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_shipments_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_shipments_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_shipments_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipments")),
        sa.UniqueConstraint("order_id", name=op.f("uq_shipments_order_id")),
        sa.UniqueConstraint(
            "tenant_id",
            "carrier",
            "tracking_number",
            name=op.f("uq_shipments_tenant_id_carrier_tracking_number"),
        ),
    )
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipments_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_shipments_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_shipments_tenant_id_status_shipped_at"),
            ["tenant_id", "status", "shipped_at"],
            unique=False,
        )

    op.create_table(
        "pick_list_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pick_list_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("qty > 0", name=op.f("ck_pick_list_lines_qty_positive")),
        sa.ForeignKeyConstraint(
            ["pick_list_id"],
            ["pick_lists.id"],
            name=op.f("fk_pick_list_lines_pick_list_id_pick_lists"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"],
            ["skus.id"],
            name=op.f("fk_pick_list_lines_sku_id_skus"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_pick_list_lines_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_list_lines")),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_pick_list_lines_warehouse_id_warehouses"),
            ondelete="RESTRICT",
        ),
        sa.UniqueConstraint(
            "pick_list_id",
            "sku_id",
            "warehouse_id",
            name=op.f("uq_pick_list_lines_pick_list_id_sku_id_warehouse_id"),
        ),
    )
    with op.batch_alter_table("pick_list_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pick_list_lines_pick_list_id"), ["pick_list_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pick_list_lines_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("overall", sa.SmallInteger(), nullable=True),
        sa.Column("pick_accuracy", sa.SmallInteger(), nullable=True),
        sa.Column("timeliness", sa.SmallInteger(), nullable=True),
        sa.Column("goods_quality", sa.SmallInteger(), nullable=True),
        sa.Column("value_for_money", sa.SmallInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "answered_at IS NULL OR (overall IS NOT NULL AND pick_accuracy IS NOT NULL AND timeliness IS NOT NULL AND goods_quality IS NOT NULL AND value_for_money IS NOT NULL)",
            name=op.f("ck_surveys_answer_complete"),
        ),
        sa.CheckConstraint(
            "goods_quality IS NULL OR (goods_quality >= 1 AND goods_quality <= 5)",
            name=op.f("ck_surveys_goods_quality_range"),
        ),
        sa.CheckConstraint(
            "overall IS NULL OR (overall >= 1 AND overall <= 5)",
            name=op.f("ck_surveys_overall_range"),
        ),
        sa.CheckConstraint(
            "pick_accuracy IS NULL OR (pick_accuracy >= 1 AND pick_accuracy <= 5)",
            name=op.f("ck_surveys_pick_accuracy_range"),
        ),
        sa.CheckConstraint(
            "timeliness IS NULL OR (timeliness >= 1 AND timeliness <= 5)",
            name=op.f("ck_surveys_timeliness_range"),
        ),
        sa.CheckConstraint(
            "value_for_money IS NULL OR (value_for_money >= 1 AND value_for_money <= 5)",
            name=op.f("ck_surveys_value_for_money_range"),
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_surveys_answered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_surveys_order_id_orders"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipments.id"],
            name=op.f("fk_surveys_shipment_id_shipments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_surveys_store_id_stores"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_surveys_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
        sa.UniqueConstraint("order_id", name=op.f("uq_surveys_order_id")),
    )
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_surveys_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_surveys_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_surveys_tenant_id_store_id_answered_at"),
            ["tenant_id", "store_id", "answered_at"],
            unique=False,
        )

    op.create_table(
        "tracking_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=100), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "created",
                "picked_up",
                "in_transit",
                "out_for_delivery",
                "delivered",
                "exception",
                name="shipmentstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("estimated_delivery", sa.Date(), nullable=True),
        sa.Column("signed_by", sa.String(length=200), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("photo_ref", sa.String(length=500), nullable=True),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "carrier",
                "simulator",
                "staff",
                name="eventsource",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_tracking_events_recorded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipments.id"],
            name=op.f("fk_tracking_events_shipment_id_shipments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_tracking_events_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_tracking_events_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_events")),
        sa.UniqueConstraint(
            "tenant_id",
            "carrier",
            "event_id",
            name=op.f("uq_tracking_events_tenant_id_carrier_event_id"),
        ),
    )
    with op.batch_alter_table("tracking_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracking_events_shipment_id_occurred_at"),
            ["shipment_id", "occurred_at"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_tracking_events_store_id"), ["store_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tracking_events_tenant_id"), ["tenant_id"], unique=False
        )

    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaints_shipment_id"), ["shipment_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_complaints_shipment_id_shipments"),
            "shipments",
            ["shipment_id"],
            ["id"],
            ondelete="SET NULL",
        )

    _ensure_app_role()
    for table in TENANT_TABLES:
        _enable(table)
    _grant_sequences()


def downgrade() -> None:
    for table in TENANT_TABLES:
        _disable(table)
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_complaints_shipment_id_shipments"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_complaints_shipment_id"))

    with op.batch_alter_table("tracking_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tracking_events_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_tracking_events_store_id"))
        batch_op.drop_index(batch_op.f("ix_tracking_events_shipment_id_occurred_at"))

    op.drop_table("tracking_events")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_surveys_tenant_id_store_id_answered_at"))
        batch_op.drop_index(batch_op.f("ix_surveys_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_surveys_store_id"))

    op.drop_table("surveys")
    with op.batch_alter_table("pick_list_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_list_lines_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_pick_list_lines_pick_list_id"))

    op.drop_table("pick_list_lines")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_tenant_id_status_shipped_at"))
        batch_op.drop_index(batch_op.f("ix_shipments_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_shipments_store_id"))

    op.drop_table("shipments")
    with op.batch_alter_table("pick_lists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_lists_tenant_id_status_created_at"))
        batch_op.drop_index(batch_op.f("ix_pick_lists_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_pick_lists_store_id"))

    op.drop_table("pick_lists")
    with op.batch_alter_table("carrier_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carrier_accounts_tenant_id"))

    op.drop_table("carrier_accounts")
