"""Insert sentinels on the tables written in bulk: orders, order lines, the audit log.

A nullable integer `_sentinel` that SQLAlchemy fills with each row's place in a multi-row
INSERT and reads back with the new ids, so SQLite (which can't promise RETURNING's order)
inserts a recommendation run's thousands of lines a batch per statement, not one per row.
PostgreSQL adds a nullable column without a default instantly (no rewrite of the table).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES: tuple[str, ...] = ("orders", "order_lines", "audit_log")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("_sentinel", sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("_sentinel")
