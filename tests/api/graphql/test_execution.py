"""The executor's short paths for plain scalar fields and objects made of them answer exactly
as the standard one does: values, nulls, errors in non-null fields, awaitable attributes, objects
of the wrong type, and extensions that watch every field."""

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
class Tag:
    """A nested plain object."""

    code: str
    colour: Colour | None


@strawberry.type
class Item:
    """A test object."""

    tag: Tag
    maybe_tag: Tag | None
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
    tag: Any = None
    maybe_tag: Any = None
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


QUERY = """{ items { name price colour note count later doubled
  tag { code colour } maybeTag { code } } }"""
PLAIN = "{ items { name price colour note count later tag { code colour } maybeTag { code } } }"


def both(rows: list[Row], query: str = QUERY) -> tuple[Any, Any]:
    """The answer of the standard executor and of the short paths, for the same rows."""
    ROWS[:] = rows
    results = []
    for context_class in (None, PlainLeafExecutionContext):
        schema = strawberry.Schema(query=Query, execution_context_class=context_class)
        results.append(schema.execute_sync(query))
    return results[0], results[1]


def tagged(name: Any, **kwargs: Any) -> Row:
    return Row(name, tag=Tag(code=f"T-{name}", colour=Colour.RED), **kwargs)


def test_plain_values_answer_as_the_standard_executor() -> None:
    for query in (QUERY, PLAIN):
        rows = [tagged("a"), tagged("b", note="n", count=7, maybe_tag=Tag(code="m", colour=None))]
        standard, short = both(rows, query)
        assert short.errors is None
        assert short.data == standard.data
    assert short.data["items"][1] == {
        "name": "b",
        "price": "1.50",
        "colour": "RED",
        "note": "n",
        "count": 7,
        "later": "now",
        "tag": {"code": "T-b", "colour": "RED"},
        "maybeTag": {"code": "m"},
    }


def test_a_null_in_a_non_null_field_is_the_same_error() -> None:
    for query in (QUERY, PLAIN):
        standard, short = both([tagged("a"), tagged(None)], query)
        assert short.data == standard.data is None
        assert [e.message for e in short.errors] == [e.message for e in standard.errors]
        assert "Cannot return null for non-nullable field Item.name" in short.errors[0].message
        assert short.errors[0].path == ["items", 1, "name"]
    standard, short = both([tagged("a"), Row("b")], PLAIN)  # no tag
    assert [(e.message, e.path) for e in short.errors] == [
        (e.message, e.path) for e in standard.errors
    ]
    assert short.errors[0].path == ["items", 1, "tag"]


def test_a_value_that_does_not_coerce_is_the_same_error() -> None:
    bad_tag = Tag(code="x", colour="not a colour")  # type: ignore[arg-type]
    for rows in ([tagged("a", count="many")], [Row("a", tag=bad_tag)]):
        standard, short = both(rows, PLAIN)
        assert short.data == standard.data
        assert short.errors and [(e.message, e.path) for e in short.errors] == [
            (e.message, e.path) for e in standard.errors
        ]


def test_an_object_of_another_type_is_the_same_error() -> None:
    standard, short = both([Row("a", tag=Row("not a tag"))], PLAIN)
    assert short.data == standard.data is None
    assert [(e.message, e.path) for e in short.errors] == [
        (e.message, e.path) for e in standard.errors
    ]


async def test_an_awaitable_attribute_is_awaited() -> None:
    ROWS[:] = [tagged("a", later=Lazy())]
    schema = strawberry.Schema(query=Query, execution_context_class=PlainLeafExecutionContext)
    for query in (QUERY, PLAIN):
        result = await schema.execute(query)
        assert result.errors is None
        assert result.data["items"][0]["later"] == "awaited"


def test_an_extension_watching_every_field_still_sees_every_field() -> None:
    seen: list[str] = []

    class Watch(SchemaExtension):
        def resolve(self, _next: Callable[..., Any], root: Any, info: Any, **kwargs: Any) -> Any:
            seen.append(info.field_name)
            return _next(root, info, **kwargs)

    ROWS[:] = [tagged("a")]
    schema = strawberry.Schema(
        query=Query, extensions=[Watch], execution_context_class=PlainLeafExecutionContext
    )
    assert schema.execute_sync(PLAIN).errors is None
    fields = ["items", "name", "price", "colour", "note", "count", "later", "tag", "code"]
    assert sorted(seen) == sorted([*fields, "colour", "maybeTag"])


@strawberry.interface
class Named:
    """An interface: types implementing one get strawberry's `is_type_of` check."""

    name: str


@strawberry.type
class Person(Named):
    """Checked by `is_type_of` on the standard path; its own instances skip it on the short one."""

    age: int


@strawberry.type
class Robot(Named):
    """Another type of the same interface."""

    age: int


PEOPLE: list[Any] = []


@strawberry.type
class PeopleQuery:
    """Root."""

    @strawberry.field
    def people(self) -> list[Person]:
        return PEOPLE


def test_an_object_checked_by_its_type_answers_as_the_standard_executor() -> None:
    cast_away = strawberry.cast(Robot, Person(name="cast", age=3))  # its own class, cast away
    for people in (
        [Person(name="a", age=1), Person(name="b", age=2)],
        [Person(name="a", age=1), Robot(name="r", age=9)],
        [Person(name="a", age=1), cast_away],
    ):
        PEOPLE[:] = people
        results = [
            strawberry.Schema(query=PeopleQuery, execution_context_class=context).execute_sync(
                "{ people { name age } }"
            )
            for context in (None, PlainLeafExecutionContext)
        ]
        standard, short = results
        assert short.data == standard.data
        assert [(e.message, e.path) for e in short.errors or []] == [
            (e.message, e.path) for e in standard.errors or []
        ]
    assert standard.errors and "Expected value of type" in standard.errors[0].message
