"""Bulk mutations (stock, sales, imports): row-level errors and the commit-or-report wrapper."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.errors import UserError, camel_path, mutate
from api.graphql.relay import decode_id
from domain.bulk import UpsertCounts
from domain.bulk.rows import RowsRejected
from domain.errors import DomainError, ErrorCode

P = TypeVar("P")
MAX_ROWS = 10_000


@strawberry.type(
    name="RowError", description="A problem with one row of a bulk mutation; nothing was written."
)
class RowErrorType:
    """One refused row."""

    row: int = strawberry.field(description="Index of the row in `input.rows` (from 0).")
    field: str | None = strawberry.field(
        description="The row's field at fault (e.g. `skuCode`), null for the whole row."
    )
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.interface(description="What a bulk mutation wrote, or why it wrote nothing.")
class BulkPayload:
    """Counts on success; row errors (and the same as userErrors) on refusal."""

    count: int = strawberry.field(description="Rows written (0 when refused).")
    created: int = strawberry.field(description="Rows that did not exist before.")
    updated: int = strawberry.field(description="Rows that replaced an existing one.")
    row_errors: list[RowErrorType] = strawberry.field(
        description="Every bad row, with the field at fault."
    )
    user_errors: list[UserError] = strawberry.field(
        description="The same problems as input field paths."
    )


def row_id(value: relay.GlobalID | None, type_name: str) -> int | None:
    """The pk in a row's global id; -1 (never a row) for a bad one, so the row is "not found"."""
    if value is None:
        return None
    try:
        return decode_id(value, type_name, "id")
    except DomainError:
        return -1


async def bulk_mutate(
    info: Info,
    action: Callable[[], Awaitable[UpsertCounts]],
    build: Callable[[UpsertCounts, list[RowErrorType], list[UserError]], P],
) -> P:
    """Run a bulk service call: commit and report counts, or roll back and report every row."""
    rejected: list[RowsRejected] = []

    async def run() -> P:
        try:
            counts = await action()
        except RowsRejected as error:
            rejected.append(error)
            raise
        return build(counts, [], [])

    def failed(errors: list[UserError]) -> P:
        rows = [
            RowErrorType(row=e.row, field=camel_path(e.field), code=e.code, message=e.message)
            for e in (rejected[0].rows if rejected else [])
        ]
        return build(UpsertCounts(), rows, errors)

    return await mutate(info, run, failed)
