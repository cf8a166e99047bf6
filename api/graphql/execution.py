"""graphql-core's executor with a short path for the fields most of a large page is made of, and
`Later`, a field value loaded only if the field is resolved.

A page of orders with their lines is thousands of fields, nearly all a scalar or an enum read
straight off an attribute (a strawberry field with no resolver, no arguments, no permission
class or other field extension). The standard path builds a resolve-info object, calls
strawberry's wrapper and walks the completion steps for each of them: several microseconds a
field, most of the request's CPU time. Here such a field is read and coerced directly; and an
object whose selected fields are all such fields (or such objects: a line's `sku { code }`) is
completed in one step, its fields straight into the result.

Anything unusual falls back to the standard path, which then does exactly what it always did
(so errors, nulls in non-null fields and awaitable values are reported as before): a value of a
type not in `_PLAIN` (an awaitable, an exception, a custom object), a null in a non-null field,
a coercion that fails or gives nothing, an object its type does not accept, a deferred
fragment, or a schema extension with a `resolve` hook (its middleware must see every field).
"""

from __future__ import annotations

import builtins
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
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

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


def _basic_object(field_def: Any) -> tuple[str, GraphQLObjectType, bool] | None:
    """(attribute, object type, non-null) of a field that reads an object off an attribute."""
    resolve = field_def.resolve
    strawberry_field = field_def.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if (
        not getattr(resolve, "_is_default", False)
        or strawberry_field is None
        or field_def.args
        or strawberry_field.extensions
    ):
        return None
    type_, non_null = field_def.type, False
    if isinstance(type_, GraphQLNonNull):
        type_, non_null = type_.of_type, True
    if not isinstance(type_, GraphQLObjectType):
        return None
    return strawberry_field.python_name, type_, non_null


class _Plain(NamedTuple):
    """An object completed in one step: its type's check, then each selected field in order:
    (response name, attribute, leaf type or None, non-null, the object's own plan or None).
    An instance of `origin`, the type's own class (not cast to another type), needs no check."""

    type: GraphQLObjectType
    fields: tuple[tuple[str, str, GraphQLLeafType | None, bool, _Plain | None], ...]
    origin: builtins.type | None


def _origin(object_type: GraphQLObjectType) -> type | None:
    """The strawberry class of `object_type`, when its instances keep a `__dict__` (where a
    cast would be noted)."""
    definition = object_type.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    origin = getattr(definition, "origin", None)
    return origin if isinstance(origin, type) and not hasattr(origin, "__slots__") else None


_SLOW: Any = object()
"""What `_complete` gives when the standard path must complete the object instead."""


def _complete(plan: _Plain, result: Any, info: Any) -> Any:
    is_type_of = plan.type.is_type_of
    if (
        is_type_of is not None
        # strawberry's check answers True for its own class's instances that are not cast.
        and (type(result) is not plan.origin or TYPE_CAST_ATTRIBUTE in result.__dict__)
        and is_type_of(result, info) is not True
    ):
        return _SLOW  # not of the type, or a check that must be awaited: the standard path says
    completed: dict[str, Any] = {}
    for name, attribute, leaf, non_null, inner in plan.fields:
        try:
            value = getattr(result, attribute)
        except Exception:  # the standard path reports it
            return _SLOW
        if value is None:
            if non_null:
                return _SLOW
            completed[name] = None
        elif inner is not None:
            value = _complete(inner, value, info)
            if value is _SLOW:
                return _SLOW
            completed[name] = value
        elif type(value) in _PLAIN or isinstance(value, Enum):
            try:
                coerced = leaf.coerce_output_value(value)  # type: ignore[union-attr]
            except Exception:  # the standard path reports it
                return _SLOW
            if coerced is None or coerced is Undefined:
                return _SLOW
            completed[name] = coerced
        else:
            return _SLOW
    return completed


class PlainLeafExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, reading plain scalar and enum fields (and objects made
    only of them) directly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        # A schema extension's `resolve` hook runs as middleware around every field.
        self._short = manager is None or not manager.middlewares
        # Per selection (kept alive with it, as graphql-core's own memo does): its plan or None.
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[Any, _Plain | None]] = {}

    def _plan(self, return_type: GraphQLObjectType, field_details_list: Any) -> _Plain | None:
        key = (return_type, id(field_details_list))
        memo = self._plans.get(key)
        if memo is not None:
            return memo[1]
        plan = self._make_plan(return_type, field_details_list)
        self._plans[key] = (field_details_list, plan)
        return plan

    def _make_plan(self, return_type: GraphQLObjectType, field_details_list: Any) -> _Plain | None:
        grouped, defer_usages, _ = self.collect_subfields(return_type, field_details_list)
        if defer_usages:
            return None
        fields: list[tuple[str, str, GraphQLLeafType | None, bool, _Plain | None]] = []
        for name, details in grouped.items():
            node = details[0].node
            field_def = self.schema.get_field(return_type, node.name.value)
            if field_def is None or node.arguments:
                return None
            leaf = _leaf(field_def)
            if leaf is not None:
                fields.append((name, leaf.attribute, leaf.type, leaf.non_null, None))
                continue
            child = _basic_object(field_def)
            inner = self._plan(child[1], details) if child is not None else None
            if child is None or inner is None:
                return None
            fields.append((name, child[0], None, child[2], inner))
        return _Plain(return_type, tuple(fields), _origin(return_type))

    def complete_list_value(
        self,
        return_type: Any,
        field_details_list: Any,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        # A list (not a stream: no directive) of plain objects: each completed in one step.
        if (
            self._short
            and position_context is None
            and type(result) in (list, tuple)
            and not any(details.node.directives for details in field_details_list)
        ):
            item_type, non_null = return_type.of_type, False
            if isinstance(item_type, GraphQLNonNull):
                item_type, non_null = item_type.of_type, True
            if isinstance(item_type, GraphQLObjectType):
                plan = self._plan(item_type, field_details_list)
                if plan is not None:
                    completed: list[Any] = []
                    for item in result:
                        if item is None:
                            if non_null:
                                break
                            completed.append(None)
                            continue
                        value = _complete(plan, item, info)
                        if value is _SLOW:
                            break
                        completed.append(value)
                    else:
                        return completed
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: Any,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        if self._short and position_context is None:
            plan = self._plan(return_type, field_details_list)
            if plan is not None:
                completed = _complete(plan, result, info)
                if completed is not _SLOW:
                    return completed
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

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
