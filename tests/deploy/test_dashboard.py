"""The Grafana dashboard (helm/peihuo/dashboards/peihuo.json) shows only metrics Peihuo
exports: every series a panel's query names is one of domain.observability.metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from domain.observability.metrics import metric_names
from domain.settings import PROJECT_ROOT

DASHBOARD = Path(PROJECT_ROOT) / "helm" / "peihuo" / "dashboards" / "peihuo.json"
#: What Prometheus itself adds, not Peihuo.
PROMETHEUS_OWN = {"up"}
#: Suffixes the exposition adds to a counter's or a histogram's name.
SUFFIXES = ("_total", "_bucket", "_sum", "_count", "_created")
#: PromQL words that look like series names.
PROMQL = {
    "sum", "max", "min", "avg", "rate", "by", "le", "histogram_quantile", "without", "irate",
    "increase", "count", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
}  # fmt: skip


def _panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for panel in dashboard["panels"]:
        found.append(panel)
        found += panel.get("panels", [])  # rows hold panels of their own
    return found


def series_of(expr: str) -> set[str]:
    """The series names a PromQL expression reads (labels, strings and durations left out)."""
    bare = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    bare = re.sub(r"\[[^\]]*\]", "", bare)  # range durations
    bare = re.sub(r'"[^"]*"', "", bare)
    bare = re.sub(r"\bby\s*\([^)]*\)", "", bare)  # grouping labels
    names = set(re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*", bare)) - PROMQL
    return {name for name in names if not re.fullmatch(r"\d.*", name)}


def exported(name: str) -> bool:
    known = metric_names()
    if name in known or name in PROMETHEUS_OWN:
        return True
    return any(name.endswith(suffix) and name[: -len(suffix)] in known for suffix in SUFFIXES)


def test_every_panel_reads_metrics_peihuo_exports() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    panels = _panels(dashboard)
    assert len(panels) >= 10
    read: set[str] = set()
    for panel in panels:
        exprs = [target["expr"] for target in panel.get("targets", [])]
        assert exprs, f"panel {panel['title']!r} has no query"
        for expr in exprs:
            names = series_of(expr)
            assert names, f"panel {panel['title']!r}: no metric in {expr!r}"
            missing = {name for name in names if not exported(name)}
            assert not missing, f"panel {panel['title']!r} reads {missing}, which nothing exports"
            read |= names
    # And every metric is on the dashboard somewhere.
    shown = {name for name in read for known in metric_names() if name.startswith(known)}
    assert {known for known in metric_names() if any(n.startswith(known) for n in shown)} == (
        metric_names()
    )


def test_the_check_catches_a_panel_reading_an_unknown_metric() -> None:
    assert series_of('sum by (queue) (rate(peihuo_nope_total{job=~"$job"}[5m]))') == {
        "peihuo_nope_total"
    }
    assert not exported("peihuo_nope_total")
    assert exported("peihuo_job_failures_total") and exported("peihuo_rq_queue_depth")
