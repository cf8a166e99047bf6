"""/metrics: request latency by route, SQL statements per request, GraphQL operations and
errors, queue depths and outbox lag read at scrape time; loopback or the bearer token only."""

from __future__ import annotations

import re

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from api.app import create_app
from api.observability import MAX_OPERATION_NAMES, operation_label, request_id_of
from domain.db import Database
from domain.jobs.models import OutboxMessage
from domain.jobs.queue import queue, redis_connection
from domain.settings import Settings
from tests.factories import World, unique
from tests.fixtures import GraphQLClient


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _scrape(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


async def _metrics(
    settings: Settings, db: Database, client: tuple[str, int] = ("127.0.0.1", 40000), **headers: str
) -> httpx.Response:
    app = create_app(settings, db)
    transport = httpx.ASGITransport(app=app, client=client)
    async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as http:
        return await http.get("/metrics", headers=headers)


async def test_requests_are_timed_by_route_template_and_count_their_sql(
    client: httpx.AsyncClient, gql: GraphQLClient, settings: Settings, world: World
) -> None:
    route = {"route": "/graphql", "method": "POST", "status": "2xx"}
    before = _sample("peihuo_http_request_duration_seconds_count", **route)
    statements_before = _sample("peihuo_http_sql_statements_sum", route="/graphql")
    body = await gql("query Me { me { role user { id } } }", token=world.hq.token(settings))
    assert "errors" not in body, body
    assert _sample("peihuo_http_request_duration_seconds_count", **route) == before + 1
    # At least the membership check and the viewer's row: statements are counted per request.
    assert _sample("peihuo_http_sql_statements_sum", route="/graphql") >= statements_before + 2
    # A path with an id is labelled by its template, not by the id.
    photos = {"route": "/complaints/photos/{id}", "method": "GET", "status": "4xx"}
    before_photo = _sample("peihuo_http_request_duration_seconds_count", **photos)
    await client.get("/complaints/photos/123456")
    assert _sample("peihuo_http_request_duration_seconds_count", **photos) == before_photo + 1


async def test_graphql_operations_are_timed_by_name_and_their_errors_counted(
    gql: GraphQLClient, settings: Settings, world: World
) -> None:
    name = unique("Probe")
    timed = {"operation": name, "type": "query"}
    before = _sample("peihuo_graphql_operation_duration_seconds_count", **timed)
    await gql(f"query {name} {{ viewer {{ id }} }}", token=world.hq.token(settings))
    assert _sample("peihuo_graphql_operation_duration_seconds_count", **timed) == before + 1

    failing = unique("Missing")
    body = await gql(
        f'query {failing} {{ node(id: "U3RvcmU6OTk5OTk5OQ==") {{ id }} nope }}',
        token=world.hq.token(settings),
    )
    assert body["errors"]
    assert _sample("peihuo_graphql_errors_total", operation=failing, code="GRAPHQL") >= 1


def test_operation_names_are_bounded() -> None:
    assert operation_label(None) == "anonymous"
    assert operation_label("bad name; drop") == "other"
    names = [operation_label(unique("Op")) for _ in range(MAX_OPERATION_NAMES + 5)]
    assert names[-1] == "other"  # past the bound every new name shares one label


def test_a_callers_request_id_is_kept_only_when_it_is_a_plain_token() -> None:
    def scope(value: bytes) -> dict[str, object]:
        return {"headers": [(b"x-request-id", value)]}

    assert request_id_of(scope(b"abc-123_DEF.456")) == "abc-123_DEF.456"
    for bad in (b"short", b"x" * 65, b"has space in it", b"new\nline-injected"):
        assert re.fullmatch(r"[0-9a-f]{32}", request_id_of(scope(bad)))


async def test_metrics_show_queue_depths_and_outbox_lag(settings: Settings, db: Database) -> None:
    connection = redis_connection(settings)
    low = queue(settings, "low", connection)
    depth = low.count
    job = low.enqueue("builtins.print", "waiting")
    key = unique("lag-")
    async with db.session() as session:
        session.add(OutboxMessage(job="maintenance.purge_expired_credentials", key=key, args={}))
        await session.commit()
    try:
        response = await _metrics(settings, db)
    finally:
        job.delete()
        async with db.session() as session:
            row = await session.get(OutboxMessage, await _outbox_id(db, key))
            await session.delete(row)
            await session.commit()
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples = _scrape(response.text)
    assert samples[("peihuo_rq_queue_depth", (("queue", "low"),))] == depth + 1
    for name in ("high", "default"):
        assert ("peihuo_rq_queue_depth", (("queue", name),)) in samples
    assert samples[("peihuo_outbox_pending", ())] >= 1
    assert samples[("peihuo_outbox_lag_seconds", ())] >= 0
    assert any(name == "peihuo_http_request_duration_seconds_bucket" for name, _ in samples)


async def _outbox_id(db: Database, key: str) -> int:
    from sqlalchemy import select

    async with db.session() as session:
        found = await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
    assert found is not None
    return found


async def test_metrics_answer_loopback_only_unless_a_token_is_set(
    settings: Settings, db: Database
) -> None:
    outside = ("10.1.2.3", 40000)
    assert (await _metrics(settings, db, client=outside)).status_code == 404
    guarded = settings.model_copy(update={"metrics_token": SecretStr("s3cret-scrape-token")})
    assert (await _metrics(guarded, db)).status_code == 404  # loopback is not enough then
    wrong = await _metrics(guarded, db, client=outside, Authorization="Bearer nope")
    assert wrong.status_code == 404
    right = await _metrics(guarded, db, client=outside, Authorization="Bearer s3cret-scrape-token")
    assert right.status_code == 200 and "peihuo_rq_queue_depth" in right.text


@pytest.mark.parametrize("path", ["/healthz"])
async def test_every_response_carries_a_request_id(client: httpx.AsyncClient, path: str) -> None:
    fresh = await client.get(path)
    assert re.fullmatch(r"[0-9a-f]{32}", fresh.headers["x-request-id"])
    kept = await client.get(path, headers={"X-Request-Id": "trace-me-0001"})
    assert kept.headers["x-request-id"] == "trace-me-0001"
