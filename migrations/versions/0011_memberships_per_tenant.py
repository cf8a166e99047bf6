"""What a tenant knows of a person is per membership, and people who already have a login join
by invitation.

- `memberships.name` and `memberships.phone`: the person as this tenant knows them, copied from
  `users` for every existing membership (users keep theirs as the login's own, shown to nobody
  else).
- `invitations`: global like `users` (the invitee reads theirs from any tenant they are signed in
  to); every read names its tenant or its invitee explicitly. The app role may read and write it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 18:30:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GLOBAL_TABLES: tuple[str, ...] = ("invitations",)


def _app_role() -> str:
    role = context.config.attributes.get("app_role") or os.environ.get(
        "PEIHUO_DATABASE_APP_ROLE", "peihuo_app"
    )
    if not str(role).replace("_", "").isalnum():
        raise ValueError(f"the app role {role!r} is not a plain SQL identifier")
    return str(role)


def _postgres() -> bool:
    return op.get_context().dialect.name == "postgresql"


def _copy_people_to_memberships() -> None:
    # memberships has FORCE'd row-level security: the owner lifts it for the copy (a superuser
    # would not need to), in the same transaction, and puts it back.
    if _postgres():
        op.execute("ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY")
    op.execute(
        "UPDATE memberships SET "
        "name = (SELECT users.name FROM users WHERE users.id = memberships.user_id), "
        "phone = (SELECT users.phone FROM users WHERE users.id = memberships.user_id)"
    )
    if _postgres():
        op.execute("ALTER TABLE memberships FORCE ROW LEVEL SECURITY")


def upgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("phone", sa.String(length=40), nullable=True))
    _copy_people_to_memberships()
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.alter_column("name", existing_type=sa.String(length=200), nullable=False)

    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column(
            "role",
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
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column(
            "store_ids", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="invitationstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_invitations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invitations_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_invitations_region_id_regions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invitations_user_id_status"), ["user_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_invitations_tenant_id_status"), ["tenant_id", "status"], unique=False
        )
    if _postgres():
        role = _app_role()
        for table in GLOBAL_TABLES:
            op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}")
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")


def downgrade() -> None:
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitations_tenant_id_status"))
        batch_op.drop_index(batch_op.f("ix_invitations_user_id_status"))
    op.drop_table("invitations")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("name")
