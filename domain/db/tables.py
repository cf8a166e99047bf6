"""The tables of tenant data, as the tenant export and the tenant purge walk them."""

from __future__ import annotations

from sqlalchemy import Table

from domain.db.base import Base


def tenant_tables() -> list[Table]:
    """Every table of tenant data (a `tenant_id` column), parents before children."""
    return [table for table in Base.metadata.sorted_tables if "tenant_id" in table.c]
