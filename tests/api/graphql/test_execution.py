"""The executor's short path for plain scalar fields answers exactly as the standard one does:
values, nulls, errors in non-null fields, awaitable attributes, and extensions that watch every
field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension

from api.graphql.execution import PlainLeafExecutionContext


@strawberry.enum
class Colour(Enum):
    """A colour."""

    RED = "red"


class Lazy:
    """An attribute that is awaitable: only the standard path awaits it."""

    def __await__(self) -> Any:
        if False:  # pragma: no cover - a generator that returns at once
            yield
        return "awaited"


@strawberry.type
class Item:
    """A test object."""

    name: str
    price: Decimal
    colour: Colour
    note: str | None
    count: int
    later: str

    @strawberry.field
    def doubled(self) -> int:
        return self.count * 2


@dataclass
class Row:
    """What a resolver might hand the executor: any object with the attributes."""

    name: Any
    price: Any = Decimal("1.50")
    colour: Any = Colour.RED
    note: Any = None
    count: Any = 2
    later: Any = "now"


ROWS: list[Row] = []


@strawberry.type
class Query:
    """Root."""

    @strawberry.field
    def items(self) -> list[Item]:
        return ROWS  # type: ignore[return-value]


QUERY = "{ items { name price colour note count later doubled } }"


def both(rows: list[Row], extensions: list[Any] | None = None) -> tuple[Any, Any]:
    """The answer of the standard executor and of the short path, for the same rows."""
    ROWS[:] = rows
    results = []
    for context_class in (None, PlainLeafExecutionContext):
        schema = strawberry.Schema(
            query=Query, extensions=extensions or [], execution_context_class=context_class
        )
        results.append(schema.execute_sync(QUERY) if not _awaits(rows) else None)
    return results[0], results[1]


def _awaits(rows: list[Row]) -> bool:
    return any(isinstance(r.later, Lazy) for r in rows)


def test_plain_values_answer_as_the_standard_executor() -> None:
    standard, short = both([Row("a"), Row("b", note="n", count=7)])
    assert short.errors is None
    assert short.data == standard.data
    assert short.data["items"][1] == {
        "name": "b",
        "price": "1.50",
        "colour": "RED",
        "note": "n",
        "count": 7,
        "later": "now",
        "doubled": 14,
    }


def test_a_null_in_a_non_null_field_is_the_same_error() -> None:
    standard, short = both([Row("a"), Row(None)])
    assert short.data == standard.data is None
    assert [e.message for e in short.errors] == [e.message for e in standard.errors]
    assert "Cannot return null for non-nullable field Item.name" in short.errors[0].message
    assert short.errors[0].path == ["items", 1, "name"]


def test_a_value_that_does_not_coerce_is_the_same_error() -> None:
    standard, short = both([Row("a", count="many")])
    assert short.data == standard.data is None
    assert [e.message for e in short.errors] == [e.message for e in standard.errors]


async def test_an_awaitable_attribute_is_awaited() -> None:
    ROWS[:] = [Row("a", later=Lazy())]
    schema = strawberry.Schema(query=Query, execution_context_class=PlainLeafExecutionContext)
    result = await schema.execute(QUERY)
    assert result.errors is None
    assert result.data["items"][0]["later"] == "awaited"


def test_an_extension_watching_every_field_still_sees_every_field() -> None:
    seen: list[str] = []

    class Watch(SchemaExtension):
        def resolve(self, _next: Callable[..., Any], root: Any, info: Any, **kwargs: Any) -> Any:
            seen.append(info.field_name)
            return _next(root, info, **kwargs)

    ROWS[:] = [Row("a")]
    schema = strawberry.Schema(
        query=Query, extensions=[Watch], execution_context_class=PlainLeafExecutionContext
    )
    assert schema.execute_sync(QUERY).errors is None
    assert sorted(seen) == sorted(
        ["items", "name", "price", "colour", "note", "count", "later", "doubled"]
    )
