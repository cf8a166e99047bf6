"""`peihuo schema`: print the GraphQL schema in SDL (what `schema.graphql` holds)."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print the GraphQL schema (SDL); `make schema` writes it to schema.graphql."""
    from api.graphql.schema import build_schema

    typer.echo(build_schema().as_str())
