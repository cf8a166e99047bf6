"""Membership in a batch of values (a dataloader's keys): `column IN (...)`, written so that the
statement's text does not depend on how many values there are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute


def one_of(
    session: AsyncSession,
    column: ColumnElement[Any] | InstrumentedAttribute[Any],
    values: Iterable[Any],
) -> ColumnElement[bool]:
    """`column` is one of `values`. On PostgreSQL `column = ANY($1)`, one array parameter:
    `IN (...)` renders a parameter per value at every execution (a page's few hundred SKU ids
    cost more than a millisecond of CPU time), and each new count is a new statement for the
    driver to prepare. Elsewhere (SQLite) an `IN` list."""
    values = list(values)
    bind = session.bind
    if bind is not None and bind.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)
