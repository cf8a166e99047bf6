"""Bulk mutations: row-level errors, camelCase error paths, and the commit-or-report wrapper."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from strawberry import relay
from strawberry.utils.str_converters import to_camel_case

from api.graphql.context import Info
from api.graphql.errors import UserError, mutate
from api.graphql.relay import decode_id
from domain.catalogue.service import UpsertCounts
from domain.errors import DomainError, ErrorCode
from domain.imports.rows import RowsRejected

P = TypeVar("P")
MAX_ROWS = 10_000
_SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(.*)$")


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


def camel_path(path: str | None) -> str | None:
    """`input.rows[3].sku_code` → `input.rows[3].skuCode` (GraphQL names in error paths)."""
    if path is None:
        return None
    parts = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        parts.append(to_camel_case(match.group(1)) + match.group(2) if match else segment)
    return ".".join(parts)


def camel_errors(errors: list[UserError]) -> list[UserError]:
    """userErrors with camelCase field paths."""
    return [UserError(field=camel_path(e.field), code=e.code, message=e.message) for e in errors]


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
        return build(UpsertCounts(), rows, camel_errors(errors))

    return await mutate(info, run, failed)
