"""One way to build a refused mutation's payload: its userErrors, every other field empty.

Every mutation payload carries `userErrors` next to the fields of what it made or changed.
When the domain refuses (a DomainError, raised by the service or by the API's own checks),
`mutate` rolls back and hands the userErrors, already in GraphQL argument paths (see
`api.graphql.errors.camel_path`), to the `on_error` builder; `refusal(SomePayload)` is that
builder for any payload type, so a mutation names its payload instead of writing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from strawberry.types.base import StrawberryList, StrawberryOptional, get_object_definition

from api.graphql.errors import UserError

P = TypeVar("P")


def _empty(payload: type[Any], values: dict[str, Any]) -> dict[str, Any]:
    """Every field but userErrors: the given value, else null (nullable) or [] (a list)."""
    definition = get_object_definition(payload, strict=True)
    empty: dict[str, Any] = {}
    for field in definition.fields:
        name = field.python_name
        if name == "user_errors":
            continue
        if name in values:
            empty[name] = values[name]
        elif isinstance(field.type, StrawberryOptional):
            empty[name] = None
        elif isinstance(field.type, StrawberryList):
            empty[name] = []
        else:
            raise TypeError(f"{payload.__name__}.{name} is not nullable: give its refused value")
    unknown = set(values) - set(empty)
    if unknown:
        raise TypeError(f"{payload.__name__} has no field {', '.join(sorted(unknown))}")
    return empty


def refused(payload: type[P], errors: list[UserError], **values: Any) -> P:
    """The payload of a refused mutation: `errors` as userErrors, nothing else (see `refusal`)."""
    fields = _empty(payload, values)
    fields["user_errors"] = errors
    return payload(**fields)


def refusal(payload: type[P], **values: Any) -> Callable[[list[UserError]], P]:
    """The `on_error` of `mutate` for a payload type.

    The refused payload has the userErrors and every other field null (or an empty list);
    a field that is not nullable (a count) needs its refused value in `values`.
    """
    _empty(payload, values)  # a payload that cannot be refused fails here, not on a refusal

    def build(errors: list[UserError]) -> P:
        return refused(payload, errors, **values)

    return build
