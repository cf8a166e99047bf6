"""Dead outbox rows: a row the relay cannot hand on (a job name no longer registered, say after
a deploy renamed it) is set aside with its error instead of failing every beat.

The outbox is platform-level (no row-level security), so no grants or policies change.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dead_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("dead_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("dead_error")
        batch_op.drop_column("dead_at")
