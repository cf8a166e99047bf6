"""Structured logs: one JSON object a line, each with the request id, tenant and user, from
our loggers and from the libraries' (strawberry's error log here) alike."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from domain.observability.logs import configure_logging
from domain.settings import Settings
from tests.factories import World
from tests.fixtures import GraphQLClient


def _lines(err: str) -> list[dict[str, Any]]:
    """Every line written, each a JSON object."""
    return [json.loads(line) for line in err.splitlines()]


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    written = io.StringIO()
    configure_logging("INFO", "json", stream=written)
    yield written
    root.handlers[:], root.level = handlers, level
    structlog.reset_defaults()


async def test_every_line_of_a_request_carries_its_id_tenant_and_user(
    json_logs: io.StringIO,
    gql: GraphQLClient,
    settings: Settings,
    world: World,
) -> None:
    body = await gql(
        "query Broken { me { role } nope }",
        token=world.hq.token(settings),
        **{"X-Request-Id": "req-logs-0001"},
    )
    assert body["errors"]
    lines = _lines(json_logs.getvalue())
    mine = [line for line in lines if line.get("request_id") == "req-logs-0001"]
    events = {line["event"].splitlines()[0] for line in mine}
    # strawberry's own (standard library) error log and our access line, both structured.
    assert "request" in events
    assert any("Cannot query field 'nope'" in event for event in events), events
    for line in mine:
        assert line["tenant"] == world.tenant.id and line["user"] == world.hq.user.id, line
        assert line["level"] and line["timestamp"]
    access = next(line for line in mine if line["event"] == "request")
    assert access["route"] == "/graphql" and access["status"] == 200 and access["sql"] >= 1


async def test_lines_of_an_anonymous_request_say_so(
    json_logs: io.StringIO, gql: GraphQLClient
) -> None:
    await gql("{ __typename }", **{"X-Request-Id": "req-logs-0002"})
    lines = _lines(json_logs.getvalue())
    (access,) = [line for line in lines if line.get("request_id") == "req-logs-0002"]
    assert access["tenant"] is None and access["user"] is None
