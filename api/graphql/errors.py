"""Errors as values: `userErrors` on mutation payloads, coded errors on queries, nothing leaked."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.utils.str_converters import to_camel_case, to_snake_case

from api.graphql.context import Info
from api.graphql.enums import expose
from api.web.outages import outage_of
from domain.errors import DomainError, ErrorCode

log = logging.getLogger(__name__)

expose(
    ErrorCode,
    "ErrorCode",
    "Why an input was refused.",
    {
        "INVALID": "The value is malformed or out of range.",
        "REQUIRED": "A required value is missing or empty.",
        "NOT_FOUND": "No such object, or not one the viewer may see.",
        "DUPLICATE": "The value is already taken (a code, a key, a second answer).",
        "FORBIDDEN": "The viewer may not do this here.",
        "UNAUTHENTICATED": "No valid credentials were given.",
        "THROTTLED": "Too many attempts; try again later.",
        "CONFLICT": "The object changed meanwhile or is in a state that does not allow this.",
        "INVALID_TRANSITION": "The action is not allowed from the object's current status.",
        "OVER_BUDGET": "The change would spend more than the store's budget allows.",
        "INSUFFICIENT_STOCK": "Headquarters does not have enough stock left.",
        "OVER_CAPACITY": "The store cannot display that many units.",
        "APPROVAL_REQUIRED": "The change needs headquarters' approval first.",
    },
)


@strawberry.type(description="A problem with the input of a mutation; nothing was changed.")
class UserError:
    """One refused input."""

    field: str | None = strawberry.field(
        description="Path of the input field at fault (e.g. `input.budget`), null for the whole input."
    )
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


def user_errors(error: DomainError, prefix: str = "input") -> list[UserError]:
    """The userErrors of a refused operation: the domain's snake_case paths as GraphQL argument
    paths under the input argument (`occurred_at` → `input.occurredAt`)."""
    return [
        UserError(
            field=camel_path(f"{prefix}.{e.field}" if e.field and prefix else e.field),
            code=e.code,
            message=e.message,
        )
        for e in error.errors
    ]


P = TypeVar("P")


async def mutate(
    info: Info,
    action: Callable[[], Awaitable[P]],
    on_error: Callable[[list[UserError]], P],
    prefix: str = "input",
) -> P:
    """Run a mutation's service call in the request's transaction.

    Commits on success; on a DomainError rolls back everything and returns the payload
    built by `on_error` from the userErrors (field paths already GraphQL's; for most payloads
    `on_error` is `api.graphql.payloads.refusal(ThePayload)`).
    """
    session = info.context.session
    try:
        payload = await action()
        await session.commit()
    except DomainError as error:
        await session.rollback()
        payload = on_error(user_errors(error, prefix))
    # The payload's fields load through several dataloaders at once, and a session cannot
    # provision its connection twice concurrently: take one now, before they start.
    await session.connection()
    return payload


class CodedErrors(MaskErrors):
    """Domain errors reach clients with their code and field; anything unexpected is masked."""

    def __init__(self) -> None:
        super().__init__(error_message="Unexpected error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, DomainError):
            return GraphQLError(
                message=original.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={
                    "code": original.code.value,
                    "field": camel_path(original.errors[0].field),
                },
            )
        if original is None or isinstance(original, GraphQLError):
            return error  # validation, permission and parse errors are already safe
        if (outage := outage_of(original)) is not None:
            return GraphQLError(
                message=outage.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": UNAVAILABLE},
            )
        return super().anonymise_error(error)  # logged with its traceback by LoggedSchema


#: The code of an error that tells of an outage of PostgreSQL or Redis (the operation may be
#: retried: nothing of it was written); its response is a 503 (api.graphql.view).
UNAVAILABLE = "UNAVAILABLE"


def is_unavailable(error: GraphQLError) -> bool:
    """Whether the error tells of an outage (before masking or after)."""
    if (error.extensions or {}).get("code") == UNAVAILABLE:
        return True
    original = error.original_error
    return original is not None and outage_of(original) is not None


def is_routine(error: GraphQLError) -> bool:
    """A refusal the service means (syntax, validation, permission, a domain error), as
    opposed to a fault of ours."""
    original = error.original_error
    return original is None or isinstance(original, (GraphQLError, DomainError))


def refusal_code(error: GraphQLError) -> str:
    """The code a routine refusal reaches the client with."""
    original = error.original_error
    if isinstance(original, DomainError):
        return original.code.value
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    return "GRAPHQL_VALIDATION" if error.path is None else "GRAPHQL_ERROR"


class LoggedSchema(strawberry.Schema):
    """The schema, logging routine refusals as one line at info, tracebacks only for faults."""

    async def execute(self, query: str | None, *args: Any, **kwargs: Any) -> ExecutionResult:
        # An empty document is a syntax error like any other malformed one (strawberry would
        # answer it with a bare 400 "no query"); a request with no query at all still is that.
        return await super().execute(" " if query == "" else query, *args, **kwargs)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        operation = execution_context.operation_name if execution_context else None
        outages = [error for error in errors if is_unavailable(error)]
        if outages:
            # A lost connection fails every field that needed it: one line for them all.
            first = outages[0].original_error
            log.warning(
                "graphql unavailable: %s (operation %s, %d fields failed)",
                type(first).__name__ if first is not None else UNAVAILABLE,
                operation or "-",
                len(outages),
            )
        for error in errors:
            if is_unavailable(error):
                continue
            if is_routine(error):
                log.info(
                    "graphql refused %s: %s (operation %s, path %s)",
                    refusal_code(error),
                    error.message.splitlines()[0] if error.message else "",
                    operation or "-",
                    ".".join(str(p) for p in error.path) if error.path else "-",
                )
            else:
                log.error(
                    "unexpected error in %s (operation %s)",
                    ".".join(str(p) for p in error.path) if error.path else "-",
                    operation or "-",
                    exc_info=error.original_error,
                )


# Error paths, the one convention: the domain names fields in snake_case, relative to what it
# was given (`rows[3].sku_code`, `occurred_at`); the API turns them into the GraphQL argument
# path (`input.rows[3].skuCode`) here, in one place: `user_errors` for mutations, CodedErrors
# for queries. A segment after one of KEYED_FIELDS is a key the tenant chose (a custom field's
# key, `custom_fields.shop_size` → `customFields.shop_size`) and is kept as given.
_SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(.*)$")
KEYED_FIELDS = frozenset({"custom_fields"})


def camel_path(path: str | None) -> str | None:
    """`input.rows[3].sku_code` → `input.rows[3].skuCode` (GraphQL names in error paths).

    Idempotent (a GraphQL path is returned as it is); keys under KEYED_FIELDS are kept.
    """
    if path is None:
        return None
    parts = []
    keyed = False
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if keyed or not match:
            parts.append(segment)
            keyed = False
            continue
        name, rest = match.group(1), match.group(2)
        parts.append(to_camel_case(name) + rest)
        keyed = not rest and (name in KEYED_FIELDS or to_snake_case(name) in KEYED_FIELDS)
    return ".".join(parts)
