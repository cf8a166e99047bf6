"""The GraphQL schema: committed as schema.graphql (so a change is deliberate) and fully described."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
)

from api.graphql.schema import build_schema
from domain.settings import PROJECT_ROOT

SNAPSHOT = PROJECT_ROOT / "schema.graphql"
BUILTIN = {"String", "Int", "Float", "Boolean", "ID"}


def test_schema_graphql_is_up_to_date() -> None:
    current = build_schema().as_str().strip()
    committed = SNAPSHOT.read_text(encoding="utf-8").strip() if SNAPSHOT.exists() else ""
    assert current == committed, (
        "the GraphQL schema differs from schema.graphql: review the change, then `make schema`"
    )


def _named_types() -> list[GraphQLNamedType]:
    schema = build_schema()._schema
    return [
        t
        for name, t in schema.type_map.items()
        if not name.startswith("__") and name not in BUILTIN
    ]


def test_every_type_field_argument_and_value_has_a_description() -> None:
    missing: list[str] = []
    for named in _named_types():
        if not named.description:
            missing.append(named.name)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                if not field.description:
                    missing.append(f"{named.name}.{field_name}")
                missing += [
                    f"{named.name}.{field_name}({arg})"
                    for arg, spec in field.args.items()
                    if not spec.description
                ]
        elif isinstance(named, GraphQLInputObjectType):
            missing += [
                f"{named.name}.{f}" for f, spec in named.fields.items() if not spec.description
            ]
        elif isinstance(named, GraphQLEnumType):
            missing += [
                f"{named.name}.{v}" for v, spec in named.values.items() if not spec.description
            ]
    assert missing == []
