"""OpenTelemetry tracing: off by default; when on, each request is a server span carrying the
request id."""

from __future__ import annotations

import httpx
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from api.app import create_app
from api.tracing import tracing_middleware, use_exporter
from domain.db import Database
from domain.settings import Settings


def test_tracing_is_off_by_default(settings: Settings) -> None:
    assert settings.tracing_enabled is False
    assert tracing_middleware(settings) == []


async def test_with_tracing_on_each_request_is_a_span_with_its_request_id(
    settings: Settings, db: Database
) -> None:
    traced = settings.model_copy(update={"tracing_enabled": True})
    exporter = InMemorySpanExporter()
    use_exporter(traced, exporter)
    app = create_app(traced, db)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as http:
        response = await http.get("/healthz", headers={"X-Request-Id": "trace-0000-0001"})
    assert response.status_code == 200
    (span,) = [s for s in exporter.get_finished_spans() if s.name.startswith("GET")]
    assert span.attributes is not None
    assert span.attributes["peihuo.request_id"] == "trace-0000-0001"
    assert span.attributes["http.status_code"] == 200
    assert span.resource.attributes["service.name"] == "peihuo"
