"""Let the application's role read alembic_version, so /readyz can tell the schema is migrated.

The role is named the way the settings name it (PEIHUO_DATABASE_APP_ROLE, `peihuo_app` when
unset), read here rather than imported so that this file never changes with the code.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 15:30:00
"""

import os
from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = os.environ.get("PEIHUO_DATABASE_APP_ROLE", "peihuo_app")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT ON alembic_version TO {APP_ROLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"REVOKE SELECT ON alembic_version FROM {APP_ROLE}")
