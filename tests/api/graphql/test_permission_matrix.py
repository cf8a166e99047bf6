"""Every root field against every kind of caller (the table is in permission_matrix.py).

The list of fields comes from the built schema: a field without a row fails the suite, so each
new query or mutation is added to the matrix deliberately.
"""

from __future__ import annotations

import pytest
import pytest_asyncio

from api.graphql.schema import build_schema
from domain.db import Database
from domain.settings import Settings
from tests.api.graphql.matrix_world import Setup, make_setup
from tests.api.graphql.permission_matrix import MUTATIONS, PERSONAS, QUERIES, outcome
from tests.fixtures import GraphQLClient

ROWS = {f"Query.{k}": v for k, v in QUERIES.items()} | {
    f"Mutation.{k}": v for k, v in MUTATIONS.items()
}


def test_every_root_field_has_a_row_in_the_matrix(settings: Settings) -> None:
    schema = build_schema(settings)._schema
    assert schema.query_type is not None and schema.mutation_type is not None
    fields = {f"Query.{name}" for name in schema.query_type.fields} | {
        f"Mutation.{name}" for name in schema.mutation_type.fields
    }
    assert sorted(fields - ROWS.keys()) == [], "root fields missing from the permission matrix"
    assert sorted(ROWS.keys() - fields) == [], "matrix rows of fields that no longer exist"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def setup(db: Database, settings: Settings) -> Setup:
    """One world for the module's rows (each row leaves it as the others expect)."""
    return await make_setup(db, lambda member: member.token(settings))


@pytest.mark.parametrize("name", sorted(ROWS))
async def test_each_caller_gets_what_the_matrix_says(
    name: str, setup: Setup, gql: GraphQLClient
) -> None:
    row = ROWS[name]
    field = name.split(".", 1)[1]
    got = {}
    for persona in PERSONAS:
        body = await gql(row.operation, await row.variables(setup), **setup.headers[persona])
        got[persona] = outcome(body, field)
    assert got == row.expected()
