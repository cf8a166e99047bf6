"""Fuzz: schemathesis calls every field of the GraphQL schema with generated input, as an HQ
admin and as a franchisee, against a running `peihuo serve`: no server error (5xx, or a
crash masked as "Unexpected error."). A few examples per field here; bench/fuzz_graphql.py
runs many more (docs/benchmarks.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.settings import Settings
from tests.factories import World
from tests.graphql_fuzz import fuzz
from tests.processes import environment, serve

EXAMPLES = 2


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[str]:
    process, base = serve(
        ["--no-migrate"], environment(settings, PEIHUO_LOG_LEVEL="WARNING"), tmp_path / "serve.log"
    )
    try:
        yield base
    finally:
        process.stop()


@pytest.mark.slow
@pytest.mark.parametrize("who", ["hq", "franchisee"])
def test_no_generated_call_gets_a_server_error(
    server: str, settings: Settings, world: World, who: str
) -> None:
    member = world.hq if who == "hq" else world.franchisees[0]
    headers = {"Authorization": f"Bearer {member.token(settings)}"}
    report = fuzz(server, headers, EXAMPLES)
    assert report.operations >= 80 and report.calls >= report.operations
    # The calls reached GraphQL: answered 200 (data or errors in the body), not refused.
    assert report.statuses.get("2xx", 0) >= report.calls * 0.9, (report.statuses, report.samples)
    assert not report.failures, "\n\n".join(
        f"{f.operation} → {f.status}\n{f.query}\n{f.response}" for f in report.failures[:5]
    )
