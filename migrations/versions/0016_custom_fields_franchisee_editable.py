"""Custom fields HQ lets franchisees fill: a flag on each definition (false for existing ones).

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-07 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("custom_field_definitions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "franchisee_editable", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("custom_field_definitions", schema=None) as batch_op:
        batch_op.drop_column("franchisee_editable")
