"""GraphQL over HTTP as clients expect it: graphql-http's audit suite against the served app
(0 warnings, 0 notices), and the rules it checks, in-process.

The audit needs Node.js 20+; without it, it is skipped with one line (failed under CI=true). Its
one npm package (graphql-http, pinned with its lock file next to the script) is installed on
first use with `npm ci`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from api.graphql.http import GRAPHQL_RESPONSE, response_media_type
from domain.settings import Settings
from tests.backends import IN_CI
from tests.e2e.server import serving
from tests.factories import World
from tests.fixtures import GraphQLClient

AUDIT_DIR = Path(__file__).parent / "http_audit"
BOTH = f"{GRAPHQL_RESPONSE}, application/json;q=0.9"


def _node_ready() -> str | None:
    """Why the audit cannot run here, or None (installs its npm package when missing)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return "Node.js and npm not found"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    if int(version.stdout.strip().lstrip("v").split(".")[0] or 0) < 20:
        return f"Node.js 20+ needed, found {version.stdout.strip()}"
    if not (AUDIT_DIR / "node_modules" / "graphql-http").is_dir():
        installed = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=AUDIT_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if installed.returncode != 0:
            return f"npm ci failed in {AUDIT_DIR}: {installed.stderr.strip()[-300:]}"
    return None


def test_the_spec_audit_passes_without_warnings(settings: Settings, world: World) -> None:
    """As a signed-in client (some audits introspect, which only signed-in clients may)."""
    reason = _node_ready()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}: the GraphQL over HTTP audit is required")
        pytest.skip(f"GraphQL over HTTP audit skipped: {reason}")
    with serving(settings) as url:
        run = subprocess.run(
            ["node", "audit.mjs", f"{url}/graphql"],
            cwd=AUDIT_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=os.environ | {"GRAPHQL_AUDIT_AUTHORIZATION": f"Bearer {world.hq.token(settings)}"},
        )
    assert run.returncode == 0, run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert len(results) > 50, run.stdout
    not_ok = [r for r in results if r["status"] != "ok"]
    assert not_ok == [], json.dumps(not_ok, indent=1)


def test_the_media_type_follows_accept() -> None:
    assert response_media_type(None) == "application/json"
    assert response_media_type("*/*") == "application/json"
    assert response_media_type("application/json") == "application/json"
    assert response_media_type(GRAPHQL_RESPONSE) == GRAPHQL_RESPONSE
    assert response_media_type(BOTH) == GRAPHQL_RESPONSE
    assert response_media_type(f"application/json, {GRAPHQL_RESPONSE};q=0.5") == "application/json"
    assert response_media_type(f"{GRAPHQL_RESPONSE};q=0") == "application/json"


async def test_request_errors_are_400_without_data_under_graphql_response_json(
    client: httpx.AsyncClient,
) -> None:
    for body in (
        {"query": "{"},  # does not parse
        {"query": "{ noSuchField }"},  # does not validate
        {"query": "query ($n: Int!) { __typename }", "variables": {"n": "not a number"}},
    ):
        strict = await client.post("/graphql", json=body, headers={"Accept": BOTH})
        assert strict.status_code == 400, body
        assert strict.headers["content-type"].startswith(GRAPHQL_RESPONSE)
        assert "data" not in strict.json() and strict.json()["errors"], body
        legacy = await client.post("/graphql", json=body, headers={"Accept": "application/json"})
        assert legacy.status_code == 200, body
        assert legacy.headers["content-type"].startswith("application/json")
        assert legacy.json()["data"] is None and legacy.json()["errors"], body


async def test_a_field_error_stays_200_with_data(
    world: World, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    token = world.hq.token(gql.settings)
    answer = await client.post(
        "/graphql",
        json={"query": '{ me { role } node(id: "T3JkZXI6OTk5OTk5OQ==") { id } }'},
        headers={"Accept": BOTH, "Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert answer.json()["data"]["me"]["role"] == "HQ_ADMIN"


async def test_get_runs_queries_and_never_mutations(client: httpx.AsyncClient) -> None:
    query = await client.get(
        "/graphql", params={"query": "{ __typename }"}, headers={"Accept": BOTH}
    )
    assert query.status_code == 200
    assert query.json() == {"data": {"__typename": "Query"}}
    mutation = await client.get(
        "/graphql",
        params={
            "query": 'mutation { regionCreate(input: {code: "X", name: "X"}) { region { id } } }'
        },
        headers={"Accept": BOTH},
    )
    assert mutation.status_code in (400, 405)
    assert "data" not in mutation.text


async def test_a_multipart_post_needs_a_header_a_form_cannot_send(
    client: httpx.AsyncClient,
) -> None:
    form = {"operations": json.dumps({"query": "{ __typename }"}), "map": "{}"}
    forged = await client.post("/graphql", data=form, files={"x": ("x", b"")})
    assert forged.status_code == 400
    assert "GraphQL-Require-Preflight" in forged.json()["errors"][0]["message"]
    allowed = await client.post(
        "/graphql",
        data=form,
        files={"x": ("x", b"")},
        headers={"GraphQL-Require-Preflight": "1"},
    )
    assert allowed.status_code == 200
    assert allowed.json() == {"data": {"__typename": "Query"}}
