"""OpenTelemetry tracing, off by default (`PEIHUO_TRACING_ENABLED`).

When on, each HTTP request is a server span (opentelemetry-instrumentation-asgi) carrying the
request id, exported over OTLP/HTTP in batches; where to (`OTEL_EXPORTER_OTLP_ENDPOINT`,
headers, sampling) is the standard `OTEL_*` environment. The packages are an extra
(`pip install 'peihuo[tracing]'`): a deployment without tracing does not carry them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.middleware import Middleware

from domain.settings import Settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

_provider: TracerProvider | None = None


def use_exporter(settings: Settings, exporter: SpanExporter | None = None) -> TracerProvider:
    """This process's tracer provider, exporting to `exporter` (default: OTLP over HTTP in
    batches); made once, or again when an exporter is given (tests)."""
    global _provider
    if _provider is not None and exporter is None:
        return _provider
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    provider = TracerProvider(
        resource=Resource.create({"service.name": settings.tracing_service_name})
    )
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    _provider = provider
    return provider


def _request_hook(span: Any, scope: dict[str, Any]) -> None:
    request_id = scope.get("state", {}).get("request_id")
    if span is not None and span.is_recording() and request_id:
        span.set_attribute("peihuo.request_id", request_id)


def tracing_middleware(settings: Settings) -> list[Middleware]:
    """The ASGI tracing middleware when tracing is on, else nothing."""
    if not settings.tracing_enabled:
        return []
    try:
        from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
    except ImportError as missing:
        raise RuntimeError(
            "PEIHUO_TRACING_ENABLED needs the tracing extra: pip install 'peihuo[tracing]'"
        ) from missing
    return [
        Middleware(
            OpenTelemetryMiddleware,
            tracer_provider=use_exporter(settings),
            server_request_hook=_request_hook,
            exclude_spans=["receive", "send"],
        )
    ]
