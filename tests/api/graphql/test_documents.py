"""Malformed, oversized and hostile GraphQL documents: a GraphQL error, never a server error;
introspection for signed-in callers; routine refusals logged as one line."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from api.app import create_app
from api.graphql import schema as schema_module
from api.graphql.limits import DocumentLimits
from domain.db import Database
from domain.settings import Settings
from tests.factories import World
from tests.fixtures import GraphQLClient

MALFORMED = [
    "{ me { } }",
    "{ }",
    "query { me { role } } fragment F on Viewer { }",
    '{ me(x: "abc) }',
    '{ me(x: """abc) }',
    "{ me",
    "}",
    "{" * 5000,
    "{" + "me{" * 3000 + "id" + "}" * 3000 + "}",
    "query Q($a: ) { me { role } }",
    "{ me { ...Missing } }",
    "{ ...F } fragment F on Query { ...F }",
    "query { me { role } } query { me { role } }",
    "\x00",
    "#",
    "   ",
    "",
]


def _unexpected(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors", []) if e["message"] == "Unexpected error."]


@pytest.mark.parametrize("document", MALFORMED)
async def test_a_malformed_document_gets_a_graphql_error(
    client: httpx.AsyncClient, world: World, settings: Settings, document: str
) -> None:
    for headers in ({}, {"Authorization": f"Bearer {world.hq.token(settings)}"}):
        response = await client.post("/graphql", json={"query": document}, headers=headers)
        assert response.status_code in (200, 400), response.text
        body = response.json()  # a GraphQL answer, JSON, whatever the status
        assert body.get("errors"), body
        assert body.get("data") is None
        assert not _unexpected(body), body
        messages = " ".join(e["message"] for e in body["errors"])
        assert "max()" not in messages and "recursion" not in messages, messages


async def test_an_empty_selection_is_a_syntax_error(
    gql: GraphQLClient, world: World, settings: Settings
) -> None:
    answer = await gql("{ me { } }", token=world.hq.token(settings))
    assert answer["errors"][0]["message"].startswith("Syntax Error")


async def test_the_token_limit_counts_comments_and_the_size_limit_whitespace(
    gql: GraphQLClient, world: World, settings: Settings
) -> None:
    token = world.hq.token(settings)
    comments = "{ me { role } }\n" + "#c\n" * settings.graphql_max_tokens
    answer = await gql(comments, token=token)
    assert "more than" in answer["errors"][0]["message"], answer
    spaces = "{ me { role } }" + " " * settings.graphql_max_document_chars
    answer = await gql(spaces, token=token)
    assert "characters" in answer["errors"][0]["message"], answer
    # Within both, the same document is answered.
    fine = await gql("{ me { role } }  # a comment", token=token)
    assert "errors" not in fine, fine


async def test_fragments_that_double_up_are_measured_in_linear_time(
    gql: GraphQLClient, world: World, settings: Settings
) -> None:
    """Each fragment spreads the next twice: 2^30 aliases, counted without expanding them."""
    count = 30
    document = "query { ...F0 }\n" + "\n".join(
        f"fragment F{i} on Query {{ a{i}: __typename ...F{i + 1} ...F{i + 1} }}"
        for i in range(count)
    )
    document += f"\nfragment F{count} on Query {{ __typename }}"
    started = time.monotonic()
    answer = await gql(document, token=world.hq.token(settings))
    assert time.monotonic() - started < 2.0
    assert "aliases found" in answer["errors"][0]["message"], answer
    # A long chain of fragments does not exhaust the stack.
    chain = "query { ...F0 }\n" + "\n".join(
        f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(600)
    )
    chain += "\nfragment F600 on Query { __typename }"
    answer = await gql(chain, token=world.hq.token(settings))
    assert answer["errors"] and not _unexpected(answer), answer


async def test_depth_is_limited_through_fragments_too(
    gql: GraphQLClient, world: World, settings: Settings
) -> None:
    depth = settings.graphql_max_depth + 1
    inner = "id"
    for _ in range(depth):
        inner = f"stores(first: 1) {{ edges {{ node {{ {inner} }} }} }}"
    answer = await gql(
        f"query Deep {{ ...F }} fragment F on Query {{ {inner} }}", token=world.hq.token(settings)
    )
    assert "exceeds maximum operation depth" in answer["errors"][0]["message"], answer


def test_the_limit_rules_are_built_once_per_schema(settings: Settings) -> None:
    first = schema_module.build_schema(settings)
    second = schema_module.build_schema(settings)
    assert first is second
    (limits,) = [
        e for e in first.extensions if isinstance(e, type) and issubclass(e, DocumentLimits)
    ]
    rules = limits.rules
    assert limits().rules is rules and limits().rules is rules


async def test_introspection_needs_a_signed_in_caller(
    gql: GraphQLClient, world: World, settings: Settings
) -> None:
    query = "{ __schema { queryType { name } } }"
    anonymous = await gql(query)
    assert anonymous.get("data") is None
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "errors" in await gql('{ __type(name: "Store") { name } }')
    # __typename is not introspection of the schema.
    assert (await gql("{ __typename }"))["data"] == {"__typename": "Query"}
    signed_in = await gql(query, token=world.franchisees[0].token(settings))
    assert signed_in["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_a_setting_opens_introspection_to_everyone(settings: Settings, db: Database) -> None:
    app = create_app(settings.model_copy(update={"graphql_public_introspection": True}), db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://peihuo.test"
    ) as http:
        answer = await GraphQLClient(http, settings)("{ __schema { queryType { name } } }")
    assert answer["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_routine_refusals_are_one_line_at_info_and_faults_keep_their_traceback(
    gql: GraphQLClient, world: World, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    franchisee = world.franchisees[0].token(settings)
    caplog.set_level(logging.INFO)
    await gql("{ me { } }")  # syntax
    await gql("{ stores(first: 1) { totalCount } }")  # unauthenticated
    await gql("{ nope }", token=franchisee)  # validation
    await gql(
        'mutation { regionCreate(input: {code: "X", name: "X", provinces: []}) '
        "{ userErrors { code } } }",
        token=franchisee,
    )  # forbidden
    refusals = [r for r in caplog.records if r.name == "api.graphql.errors"]
    assert len(refusals) >= 4, [r.getMessage() for r in refusals]
    for record in refusals:
        assert record.levelno == logging.INFO, record.getMessage()
        assert record.exc_info is None and "\n" not in record.getMessage()
    codes = " ".join(r.getMessage() for r in refusals)
    assert "UNAUTHENTICATED" in codes and "FORBIDDEN" in codes
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_unexpected_error_is_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from graphql import GraphQLError

    from api.graphql.errors import LoggedSchema

    schema = schema_module.build_schema()
    assert isinstance(schema, LoggedSchema)
    caplog.set_level(logging.INFO)
    try:
        raise RuntimeError("boom")
    except RuntimeError as fault:
        error = GraphQLError("boom", original_error=fault, path=["me"])
    schema.process_errors([error])
    (record,) = [r for r in caplog.records if r.name == "api.graphql.errors"]
    assert record.levelno == logging.ERROR and record.exc_info is not None


_GRAPHQL_PIECES = st.sampled_from(
    [
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        ":",
        "$",
        "!",
        "...",
        "@",
        "=",
        "|",
        "&",
        "#",
        "\n",
        '"',
        '"""',
        "\\",
        "query",
        "mutation",
        "fragment",
        "on",
        "me",
        "stores",
        "first",
        "edges",
        "node",
        "id",
        "email",
        "__typename",
        "__schema",
        "F",
        "1",
        "1.5e3",
        "true",
        "null",
        ",",
        " ",
        "\u0000",
        "\ufeff",
        "é",
    ]
)


class SyncClient:
    """Posts to an app of its own on an event loop of its own (hypothesis runs sync tests)."""

    def __init__(self, settings: Settings) -> None:
        self.loop = asyncio.new_event_loop()
        self.db = Database(settings.database_url)
        transport = httpx.ASGITransport(app=create_app(settings, self.db))
        self.http = httpx.AsyncClient(transport=transport, base_url="http://peihuo.test")

    def post(self, body: dict[str, Any]) -> httpx.Response:
        return self.loop.run_until_complete(self.http.post("/graphql", json=body))

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.loop.run_until_complete(self.db.dispose())
        self.loop.close()


@pytest.fixture(scope="module")
def sync_client(settings: Settings) -> Iterator[SyncClient]:
    client = SyncClient(settings)
    yield client
    client.close()


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.sampled_from(
        [
            "{ me { role } }",
            "query Q($n: Int) { stores(first: $n) { edges { node { id name } } } }",
            "{ ...F } fragment F on Query { me { role } }",
        ]
    ),
    cuts=st.lists(
        st.tuples(st.integers(0, 80), st.integers(0, 6), st.lists(_GRAPHQL_PIECES, max_size=4)),
        max_size=4,
    ),
)
def test_mangled_documents_never_get_a_server_error(
    sync_client: SyncClient, base: str, cuts: list[tuple[int, int, list[str]]]
) -> None:
    document = base
    for at, remove, pieces in cuts:
        at = min(at, len(document))
        document = document[:at] + "".join(pieces) + document[at + remove :]
    response = sync_client.post({"query": document})
    assert response.status_code < 500, (document, response.text)
    if response.status_code == 200:
        assert not _unexpected(response.json()), (document, response.text)
