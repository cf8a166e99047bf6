"""Delivery records keep a status code and fixed text, never what a server replied.

Before the outbound guard, a failed notification delivery stored up to 200 characters of the
webhook's reply (`http 500: <reply>`), the exception text of a failed exchange
(`http: ConnectError: ...`) or the SMTP server's words (`smtp: ...`), and a franchisee could
read them back. New rows hold fixed text; this rewrites the old ones the same way. The
replies are gone on purpose, so the downgrade leaves the rows as they are.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-07 19:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REWRITES: tuple[tuple[str, str], ...] = (
    # `http 503: <reply>` -> `HTTP 503` (the code is the three characters after "http ").
    ("'HTTP ' || substr(error, 6, 3)", "error LIKE 'http ___:%'"),
    ("'HTTP exchange failed'", "error LIKE 'http: %'"),
    ("'SMTP failed'", "error LIKE 'smtp: %'"),
)


def upgrade() -> None:
    postgres = op.get_context().dialect.name == "postgresql"
    if postgres:  # the owner reads every tenant's rows only while RLS is not forced on it
        op.execute("ALTER TABLE notification_deliveries NO FORCE ROW LEVEL SECURITY")
    for value, condition in REWRITES:
        op.execute(f"UPDATE notification_deliveries SET error = {value} WHERE {condition}")
    if postgres:
        op.execute("ALTER TABLE notification_deliveries FORCE ROW LEVEL SECURITY")


def downgrade() -> None:
    """Nothing to undo: the replies were dropped on purpose."""
