"""Rendering helm/peihuo offline (helm's own Go code, through helm-python-sdk) for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helm_python as helm
import yaml

from domain.settings import PROJECT_ROOT

CHART = PROJECT_ROOT / "helm" / "peihuo"
VALUES_FILES = sorted((CHART / "ci").glob("*-values.yaml"))
POD_KINDS = {"Deployment", "Job"}


def values_of(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text())
    return dict(loaded or {})


def render(values: dict[str, Any]) -> list[dict[str, Any]]:
    """Every manifest the chart renders for `values` (a release `peihuo` in `peihuo`)."""
    with helm.Chart.load(str(CHART)) as chart:
        chart.validate_schema(values)
        files = chart.render(values, name="peihuo", namespace="peihuo", is_install=True)
    manifests = []
    for name, text in sorted(files.items()):
        if name.endswith("NOTES.txt"):
            continue
        manifests.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return manifests


def find(manifests: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    """The manifest of `kind` named `name`."""
    (found,) = [m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name]
    return found


def pod_specs(manifests: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each workload's pod spec, by `Kind/name`."""
    return {
        f"{m['kind']}/{m['metadata']['name']}": m["spec"]["template"]["spec"]
        for m in manifests
        if m["kind"] in POD_KINDS
    }
