"""Service loop: notifications and their delivery log, reminder ladder, messages, complaints.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 20:07:25.716281
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GLOBAL_TABLES: tuple[str, ...] = ()
TENANT_TABLES: tuple[str, ...] = (
    "message_threads",
    "notifications",
    "complaints",
    "message_reads",
    "messages",
    "notification_deliveries",
    "proposal_reminders",
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
        "message_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "store",
                "region",
                "hq",
                name="threadlevel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_message_threads_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_message_threads_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_threads")),
        sa.UniqueConstraint("store_id", name=op.f("uq_message_threads_store_id")),
    )
    with op.batch_alter_table("message_threads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_threads_store_id"), ["store_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_message_threads_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "franchisee",
                "merchandiser",
                "regional_manager",
                "hq",
                name="audience",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recipient_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "sms",
                "chat",
                name="contactchannel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "sent",
                "failed",
                "deferred",
                "digested",
                name="notificationstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("send_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counted_on", sa.Date(), nullable=True),
        sa.Column("deferred_to", sa.Date(), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.Column(
            "contact_kind",
            sa.Enum(
                "phone",
                "visit",
                "chat",
                "email",
                "sms",
                "message",
                "reminder",
                "complaint",
                "note",
                name="contactkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digest_id"],
            ["notifications.id"],
            name=op.f("fk_notifications_digest_id_notifications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_user_id"],
            ["users.id"],
            name=op.f("fk_notifications_recipient_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_notifications_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_notifications_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("tenant_id", "key", name=op.f("uq_notifications_tenant_id_key")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notifications_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notifications_tenant_id_store_id_counted_on"),
            ["tenant_id", "store_id", "counted_on"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_tenant_id_store_id_created_at"),
            ["tenant_id", "store_id", "created_at"],
            unique=False,
        )

    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("shipment_id", sa.Integer(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "wrong_goods",
                "shortage",
                "damaged",
                "quality",
                "late_delivery",
                "pick_accuracy",
                "service",
                "other",
                name="complaintcategory",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "severity",
            sa.Enum(
                "low",
                "medium",
                "high",
                "critical",
                name="severity",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "resolved",
                "closed",
                name="complaintstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("filed_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "filed_by_role",
            sa.Enum(
                "hq_admin",
                "regional_manager",
                "merchandiser",
                "franchisee",
                "integration",
                "system",
                "platform_admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "escalation",
            sa.Enum(
                "none",
                "region",
                "hq",
                name="escalation",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["users.id"],
            name=op.f("fk_complaints_assignee_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_id"],
            ["users.id"],
            name=op.f("fk_complaints_filed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_complaints_order_id_orders"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_complaints_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_complaints_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_complaints_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaints_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaints_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_complaints_tenant_id_status_due_at"),
            ["tenant_id", "status", "due_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_complaints_tenant_id_store_id_status"),
            ["tenant_id", "store_id", "status"],
            unique=False,
        )

    op.create_table(
        "message_reads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("last_read_message_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_message_reads_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_message_reads_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["message_threads.id"],
            name=op.f("fk_message_reads_thread_id_message_threads"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_message_reads_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_reads")),
        sa.UniqueConstraint(
            "thread_id", "user_id", name=op.f("uq_message_reads_thread_id_user_id")
        ),
    )
    with op.batch_alter_table("message_reads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_reads_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_reads_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "author_role",
            sa.Enum(
                "hq_admin",
                "regional_manager",
                "merchandiser",
                "franchisee",
                "integration",
                "system",
                "platform_admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["users.id"],
            name=op.f("fk_messages_author_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_messages_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_messages_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["message_threads.id"],
            name=op.f("fk_messages_thread_id_message_threads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messages_store_id"), ["store_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_messages_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_messages_tenant_id_thread_id_id"),
            ["tenant_id", "thread_id", "id"],
            unique=False,
        )

    op.create_table(
        "notification_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "sms",
                "chat",
                name="contactchannel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recipient", sa.String(length=500), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "sent",
                "failed",
                "gave_up",
                "delayed",
                "deferred",
                "digested",
                name="deliveryoutcome",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("response_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_notification_deliveries_notification_id_notifications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_notification_deliveries_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_notification_deliveries_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_deliveries")),
    )
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_notification_id"),
            ["notification_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_store_id"), ["store_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_tenant_id_store_id_at"),
            ["tenant_id", "store_id", "at"],
            unique=False,
        )

    op.create_table(
        "proposal_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "rung",
            sa.Enum(
                "reminder",
                "merchandiser",
                "manager",
                name="rung",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_proposal_reminders_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_proposal_reminders_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_proposal_reminders_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_reminders")),
        sa.UniqueConstraint("order_id", "rung", name=op.f("uq_proposal_reminders_order_id_rung")),
    )
    with op.batch_alter_table("proposal_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_reminders_order_id"), ["order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_reminders_store_id"), ["store_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_reminders_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_reminders_tenant_id_rung_fired_at"),
            ["tenant_id", "rung", "fired_at"],
            unique=False,
        )

    _ensure_app_role()
    for table in GLOBAL_TABLES:
        _grant(table)
    for table in TENANT_TABLES:
        _enable(table)
    _grant_sequences()


def downgrade() -> None:
    for table in TENANT_TABLES:
        _disable(table)
    with op.batch_alter_table("proposal_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_reminders_tenant_id_rung_fired_at"))
        batch_op.drop_index(batch_op.f("ix_proposal_reminders_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_reminders_store_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_reminders_order_id"))

    op.drop_table("proposal_reminders")
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_tenant_id_store_id_at"))
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_store_id"))
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_notification_id"))

    op.drop_table("notification_deliveries")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_tenant_id_thread_id_id"))
        batch_op.drop_index(batch_op.f("ix_messages_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_messages_store_id"))

    op.drop_table("messages")
    with op.batch_alter_table("message_reads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_reads_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_message_reads_store_id"))

    op.drop_table("message_reads")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_tenant_id_store_id_status"))
        batch_op.drop_index(batch_op.f("ix_complaints_tenant_id_status_due_at"))
        batch_op.drop_index(batch_op.f("ix_complaints_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_complaints_store_id"))
        batch_op.drop_index(batch_op.f("ix_complaints_order_id"))

    op.drop_table("complaints")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_tenant_id_store_id_created_at"))
        batch_op.drop_index(batch_op.f("ix_notifications_tenant_id_store_id_counted_on"))
        batch_op.drop_index(batch_op.f("ix_notifications_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_notifications_store_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("message_threads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_threads_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_message_threads_store_id"))

    op.drop_table("message_threads")
