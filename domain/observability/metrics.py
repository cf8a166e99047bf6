"""Every Prometheus metric Peihuo records, in one place (the Grafana dashboard is checked
against these names).

prometheus-client keeps values in the process by default. With several processes
(`peihuo serve --workers N`, `peihuo worker --processes N`, rq's work horses) it keeps them in
files under `PROMETHEUS_MULTIPROC_DIR` when that is set before the library is imported; the
`peihuo` commands set it for their children (`domain.observability.multiproc`), and `/metrics` and the
worker's exposition read every process's files (`registry`).

Values counted per scrape rather than per event (queue depths, outbox lag) are not kept here:
`/metrics` reads them from Redis and the database when it is asked (api.observability).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, values
from prometheus_client.multiprocess import MultiProcessCollector

from domain.observability.multiproc import is_multiprocess, process_identity

if is_multiprocess():
    # Work horses write to their worker's files rather than one per job (see multiproc).
    values.ValueClass = values.MultiProcessValue(process_identifier=process_identity)  # type: ignore[no-untyped-call]

#: Latency buckets (seconds) for requests and GraphQL operations: fine under 150 ms, the goal.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: Buckets (seconds) for background work: jobs and run phases take up to minutes.
JOB_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 180.0, 600.0, 1800.0)

HTTP_REQUEST_SECONDS = Histogram(
    "peihuo_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template, method and status class.",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
HTTP_SQL_STATEMENTS = Histogram(
    "peihuo_http_sql_statements",
    "SQL statements one HTTP request ran, by route template.",
    ["route"],
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144),
)
GRAPHQL_OPERATION_SECONDS = Histogram(
    "peihuo_graphql_operation_duration_seconds",
    "Time to execute a GraphQL operation, by operation name and type.",
    ["operation", "type"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_ERRORS = Counter(
    "peihuo_graphql_errors",
    "GraphQL errors returned, by operation name and error code.",
    ["operation", "code"],
)
JOB_SECONDS = Histogram(
    "peihuo_job_duration_seconds",
    "Time a background job took, by job name and outcome (ok, skipped, failed).",
    ["job", "outcome"],
    buckets=JOB_BUCKETS,
)
JOB_FAILURES = Counter(
    "peihuo_job_failures",
    "Background job attempts that raised (each is retried while retries are left).",
    ["job", "error"],
)
NOTIFICATION_DELIVERIES = Counter(
    "peihuo_notification_deliveries",
    "Notification delivery attempts, by channel and result (sent, failed, gave_up).",
    ["channel", "result"],
)
RUN_PHASE_SECONDS = Histogram(
    "peihuo_run_phase_duration_seconds",
    "Time a recommendation run spent in each phase (load, forecast, allocate, persist).",
    ["phase"],
    buckets=JOB_BUCKETS,
)
OUTBOX_RELAYED = Counter(
    "peihuo_outbox_relayed",
    "Outbox rows the beat moved to the job queues.",
)

#: Metrics `/metrics` computes when scraped (names and help; see api.observability).
RQ_QUEUE_DEPTH = "peihuo_rq_queue_depth"
RQ_QUEUE_DEPTH_HELP = "Jobs waiting in each rq queue (the worker HPA scales on this)."
RQ_SCHEDULED = "peihuo_rq_scheduled_jobs"
RQ_SCHEDULED_HELP = "Jobs waiting for a later time (retries, delays) in each rq queue."
RQ_FAILED = "peihuo_rq_failed_jobs"
RQ_FAILED_HELP = "Jobs in each rq queue's failed registry (out of retries)."
OUTBOX_LAG = "peihuo_outbox_lag_seconds"
OUTBOX_LAG_HELP = "Age of the oldest outbox row due and not relayed yet (0 when none)."
OUTBOX_PENDING = "peihuo_outbox_pending"
OUTBOX_PENDING_HELP = "Outbox rows due and not relayed yet (at most; from the first and last ids)."
SCRAPE_TIME_METRICS = frozenset(
    {RQ_QUEUE_DEPTH, RQ_SCHEDULED, RQ_FAILED, OUTBOX_LAG, OUTBOX_PENDING}
)


def metric_names() -> frozenset[str]:
    """Every metric name a scrape can show (for the dashboard's check)."""
    names = {
        metric._name
        for metric in (
            HTTP_REQUEST_SECONDS,
            HTTP_SQL_STATEMENTS,
            GRAPHQL_OPERATION_SECONDS,
            GRAPHQL_ERRORS,
            JOB_SECONDS,
            JOB_FAILURES,
            NOTIFICATION_DELIVERIES,
            RUN_PHASE_SECONDS,
            OUTBOX_RELAYED,
        )
    }
    return frozenset(names) | SCRAPE_TIME_METRICS


def registry() -> CollectorRegistry:
    """What a scrape reads: every process's files in multiprocess mode, else this process."""
    if is_multiprocess():
        collected = CollectorRegistry()
        MultiProcessCollector(collected)  # type: ignore[no-untyped-call]
        return collected
    from prometheus_client import REGISTRY

    return REGISTRY
