"""graphql-core's executor with a short path for the fields most of a large page is made of, and
`Later`, a field value loaded only if the field is resolved.

A page of orders with their lines is thousands of fields, nearly all a scalar or an enum read
straight off an attribute (a strawberry field with no resolver, no arguments, no permission
class or other field extension). The standard path builds a resolve-info object, calls
strawberry's wrapper and walks the completion steps for each of them: several microseconds a
field, most of the request's CPU time. Here such a field is read and coerced directly.

Anything unusual falls back to the standard path, which then does exactly what it always did
(so errors, nulls in non-null fields and awaitable values are reported as before): a value of a
type not in `_PLAIN` (an awaitable, an exception, a custom object), a null in a non-null field,
a coercion that fails or gives nothing, or a schema extension with a `resolve` hook (its
middleware must see every field).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, NamedTuple, TypeVar
from uuid import UUID

from graphql import (
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    is_leaf_type,
)
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

T = TypeVar("T")

# Types whose values a leaf coerces without side effects (enums are checked by isinstance).
_PLAIN: frozenset[type] = frozenset({str, int, float, bool, Decimal, datetime, date, time, UUID})


class _Leaf(NamedTuple):
    """How to read a plain leaf field: its Python attribute, its type, whether it is non-null."""

    attribute: str
    type: GraphQLLeafType
    non_null: bool


_leaves: dict[Callable[..., Any], _Leaf | None] = {}
"""Per field resolver (strawberry makes one per field): its short path, or None for none.
Bounded by the number of fields of the schemas the process builds."""


def _leaf(field_def: Any) -> _Leaf | None:
    resolve = field_def.resolve
    try:
        return _leaves[resolve]
    except KeyError:
        pass
    except TypeError:  # an unhashable resolver: never the short path
        return None
    plan = None
    strawberry_field = field_def.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    # `_is_default` marks strawberry's resolver of a basic field: an attribute, nothing more.
    if (
        getattr(resolve, "_is_default", False)
        and strawberry_field is not None
        and not field_def.args
        and not strawberry_field.extensions
    ):
        type_, non_null = field_def.type, False
        if isinstance(type_, GraphQLNonNull):
            type_, non_null = type_.of_type, True
        if is_leaf_type(type_):
            plan = _Leaf(strawberry_field.python_name, type_, non_null)
    if resolve is not None:
        _leaves[resolve] = plan
    return plan


class PlainLeafExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, reading plain scalar and enum fields directly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        # A schema extension's `resolve` hook runs as middleware around every field.
        self._short = manager is None or not manager.middlewares

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Path,
        position_context: Any,
    ) -> Any:
        if self._short:
            node = field_details_list[0].node
            field_def = self.schema.get_field(parent_type, node.name.value)
            leaf = _leaf(field_def) if field_def is not None else None
            if leaf is not None and not node.arguments:
                try:
                    value = getattr(source, leaf.attribute)
                except Exception:  # the standard path reports it
                    value = Undefined
                if value is None:
                    if not leaf.non_null:
                        return None
                elif type(value) in _PLAIN or isinstance(value, Enum):
                    try:
                        coerced = leaf.type.coerce_output_value(value)
                    except Exception:  # the standard path reports it
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )


class Later(Generic[T]):
    """A field's value, loaded only if the field is resolved: an awaitable that starts its
    work when awaited (a coroutine made for a field nobody selects would never be awaited)."""

    __slots__ = ("_load",)

    def __init__(self, load: Callable[[], Awaitable[T]]) -> None:
        self._load = load

    def __await__(self) -> Generator[Any, None, T]:
        return self._load().__await__()
