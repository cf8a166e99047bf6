"""The Helm chart (helm/peihuo): it lints, renders with each CI values file into manifests the
Kubernetes schemas accept, and every pod it makes runs locked down and probed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import helm_python as helm
import kubernetes_validate
import pytest

from tests.deploy.chart import CHART, VALUES_FILES, find, pod_specs, render, values_of

# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest with schemas.
KUBERNETES = ["1.25", kubernetes_validate.utils.latest_version()]
DEFAULT = CHART / "ci" / "default-values.yaml"
PRODUCTION = CHART / "ci" / "production-values.yaml"
FIXED = CHART / "ci" / "fixed-size-values.yaml"


def test_every_ci_values_file_is_there() -> None:
    assert {p.name for p in VALUES_FILES} == {
        "default-values.yaml",
        "production-values.yaml",
        "fixed-size-values.yaml",
    }


@pytest.mark.parametrize("values_file", VALUES_FILES, ids=lambda p: p.name)
def test_the_chart_lints_clean(values_file: Path) -> None:
    report = helm.lint(str(CHART), values_of(values_file), strict=True, namespace="peihuo")
    problems = [m for m in report["messages"] if m["severity"] >= 2]
    assert report["errors"] == [] and problems == []


@pytest.mark.parametrize("values_file", VALUES_FILES, ids=lambda p: p.name)
def test_every_manifest_is_valid_kubernetes(values_file: Path) -> None:
    manifests = render(values_of(values_file))
    assert manifests
    for manifest in manifests:
        for version in KUBERNETES:
            kubernetes_validate.validate(manifest, version, strict=True)


@pytest.mark.parametrize("values_file", VALUES_FILES, ids=lambda p: p.name)
def test_every_pod_runs_locked_down(values_file: Path) -> None:
    pods = pod_specs(render(values_of(values_file)))
    assert set(pods) >= {"Deployment/peihuo-api", "Deployment/peihuo-worker", "Job/peihuo-migrate"}
    for where, pod in pods.items():
        assert pod["automountServiceAccountToken"] is False, where
        context = pod["securityContext"]
        assert context["runAsNonRoot"] is True, where
        assert context["seccompProfile"] == {"type": "RuntimeDefault"}, where
        tmp = {v["name"]: v for v in pod["volumes"]}["tmp"]
        assert "emptyDir" in tmp, where
        for container in pod["containers"]:
            security = container["securityContext"]
            assert security["runAsNonRoot"] is True, where
            assert security["allowPrivilegeEscalation"] is False, where
            assert security["readOnlyRootFilesystem"] is True, where
            assert security["capabilities"] == {"drop": ["ALL"]}, where
            assert security["seccompProfile"] == {"type": "RuntimeDefault"}, where
            assert container["resources"]["requests"] and container["resources"]["limits"], where
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"], where


@pytest.mark.parametrize("values_file", VALUES_FILES, ids=lambda p: p.name)
def test_every_long_running_pod_is_probed(values_file: Path) -> None:
    pods = pod_specs(render(values_of(values_file)))
    for where, pod in pods.items():
        if where.startswith("Job/"):
            continue  # runs to completion, bounded by activeDeadlineSeconds
        for container in pod["containers"]:
            assert "livenessProbe" in container, where
    (api,) = pods["Deployment/peihuo-api"]["containers"]
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    for name in ("worker", "scheduler"):
        (container,) = pods[f"Deployment/peihuo-{name}"]["containers"]
        assert "/tmp/alive" in " ".join(container["livenessProbe"]["exec"]["command"])


def test_only_the_migration_job_gets_the_owners_database_url() -> None:
    pods = pod_specs(render(values_of(DEFAULT)))
    for where, pod in pods.items():
        (container,) = pod["containers"]
        keys = {e["valueFrom"]["secretKeyRef"]["key"] for e in container.get("env", [])}
        assert ("database-admin-url" in keys) == (where == "Job/peihuo-migrate"), where


def test_migrations_run_as_a_hook_before_install_and_upgrade_with_what_they_read() -> None:
    manifests = render(values_of(DEFAULT))
    job = find(manifests, "Job", "peihuo-migrate")
    hook = job["metadata"]["annotations"]
    assert hook["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    # The hook runs before the release's resources exist: what it reads is a hook too, earlier.
    for kind in ("ConfigMap", "Secret", "ServiceAccount"):
        made = find(manifests, kind, "peihuo")["metadata"]["annotations"]
        assert made["helm.sh/hook"] == "pre-install,pre-upgrade", kind
        assert int(made["helm.sh/hook-weight"]) < int(hook["helm.sh/hook-weight"]), kind


def test_the_api_scales_on_cpu_and_the_workers_on_queue_depth() -> None:
    manifests = render(values_of(DEFAULT))
    api = find(manifests, "HorizontalPodAutoscaler", "peihuo-api")
    assert api["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    worker = find(manifests, "HorizontalPodAutoscaler", "peihuo-worker")
    external = worker["spec"]["metrics"][0]["external"]
    assert external["metric"] == {
        "name": "peihuo_rq_queue_depth",
        "selector": {"matchLabels": {"queue": "default"}},
    }
    assert "replicas" not in find(manifests, "Deployment", "peihuo-api")["spec"]  # the HPA's
    budgets = {m["metadata"]["name"] for m in manifests if m["kind"] == "PodDisruptionBudget"}
    assert budgets == {"peihuo-api", "peihuo-worker"}
    scheduler = find(manifests, "Deployment", "peihuo-scheduler")
    assert (
        scheduler["spec"]["replicas"] == 1 and scheduler["spec"]["strategy"]["type"] == "Recreate"
    )
    (container,) = find(manifests, "Deployment", "peihuo-worker")["spec"]["template"]["spec"][
        "containers"
    ]
    assert "--no-beat" in container["args"]  # the scheduler Deployment beats


def test_without_autoscaling_the_replicas_are_fixed() -> None:
    manifests = render(values_of(FIXED))
    kinds = {m["kind"] for m in manifests}
    assert not kinds & {"HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"}
    assert find(manifests, "Deployment", "peihuo-api")["spec"]["replicas"] == 3
    assert find(manifests, "Deployment", "peihuo-worker")["spec"]["replicas"] == 4
    for where, pod in pod_specs(manifests).items():
        assert pod["serviceAccountName"] == "peihuo-runner", where
    assert "ServiceAccount" not in kinds


def test_an_existing_secret_is_used_and_none_is_made() -> None:
    manifests = render(values_of(PRODUCTION))
    assert not [m for m in manifests if m["kind"] == "Secret"]
    for where, pod in pod_specs(manifests).items():
        for env in pod["containers"][0]["env"]:
            assert env["valueFrom"]["secretKeyRef"]["name"] == "peihuo-production", where
    ingress = find(manifests, "Ingress", "peihuo")
    assert ingress["spec"]["tls"] == [
        {"hosts": ["peihuo.example.com"], "secretName": "peihuo-example-com-tls"}
    ]
    assert find(manifests, "ConfigMap", "peihuo")["data"]["PEIHUO_SMTP_HOST"] == (
        "smtp.example.internal"
    )


def test_the_network_policy_lets_in_only_the_api_from_the_ingress_controller() -> None:
    manifests = render(values_of(DEFAULT))
    everything = find(manifests, "NetworkPolicy", "peihuo")
    assert everything["spec"]["ingress"] == []
    assert set(everything["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    api = find(manifests, "NetworkPolicy", "peihuo-api")
    assert api["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "api"
    assert api["spec"]["ingress"][0]["from"][0]["namespaceSelector"]


@pytest.mark.parametrize(
    "secret", ["databaseUrl", "databaseAdminUrl", "redisUrl", "secretKey", "webhookSecret"]
)
def test_there_are_no_default_secrets(secret: str) -> None:
    values: dict[str, Any] = copy.deepcopy(values_of(DEFAULT))
    del values["secrets"][secret]
    with pytest.raises(helm.HelmError, match=secret):
        render(values)


def test_a_short_secret_key_is_refused() -> None:
    values: dict[str, Any] = copy.deepcopy(values_of(DEFAULT))
    values["secrets"]["secretKey"] = "short"
    with pytest.raises(helm.HelmError, match="secretKey"):
        render(values)


def _container(manifests: list[dict[str, Any]], name: str) -> dict[str, Any]:
    container: dict[str, Any] = find(manifests, "Deployment", name)["spec"]["template"]["spec"][
        "containers"
    ][0]
    return container


def test_the_metrics_token_reaches_the_api_and_the_workers_which_serve_their_metrics() -> None:
    values: dict[str, Any] = copy.deepcopy(values_of(DEFAULT))
    values["secrets"]["metricsToken"] = "a-scrapers-token-of-some-length"
    values["metrics"] = {"workerPort": 9102, "from": [{"namespaceSelector": {}}]}
    manifests = render(values)
    assert find(manifests, "Secret", "peihuo")["stringData"]["metrics-token"] == (
        "a-scrapers-token-of-some-length"
    )
    for name, port in (("peihuo-api", "8000"), ("peihuo-worker", "9102")):
        container = _container(manifests, name)
        (token,) = [e for e in container["env"] if e["name"] == "PEIHUO_METRICS_TOKEN"]
        assert token["valueFrom"]["secretKeyRef"] == {
            "name": "peihuo",
            "key": "metrics-token",
            "optional": True,
        }
        pod = find(manifests, "Deployment", name)["spec"]["template"]["metadata"]
        assert pod["annotations"]["prometheus.io/scrape"] == "true"
        assert pod["annotations"]["prometheus.io/port"] == port
    worker = _container(manifests, "peihuo-worker")
    assert worker["args"][-2:] == ["--metrics-port", "9102"]
    assert worker["ports"] == [{"name": "metrics", "containerPort": 9102, "protocol": "TCP"}]
    scrape = find(manifests, "NetworkPolicy", "peihuo-worker-metrics")
    assert scrape["spec"]["ingress"][0]["ports"] == [{"port": "metrics", "protocol": "TCP"}]
    for manifest in manifests:
        kubernetes_validate.validate(manifest, KUBERNETES[-1], strict=True)


def test_without_a_metrics_token_or_port_nothing_of_them_is_rendered() -> None:
    values: dict[str, Any] = copy.deepcopy(values_of(DEFAULT))
    values["metrics"] = {"workerPort": 0, "scrapeAnnotations": False}
    manifests = render(values)
    assert "metrics-token" not in find(manifests, "Secret", "peihuo")["stringData"]
    worker = _container(manifests, "peihuo-worker")
    assert "--metrics-port" not in worker["args"] and "ports" not in worker
    annotations = find(manifests, "Deployment", "peihuo-api")["spec"]["template"]["metadata"][
        "annotations"
    ]
    assert "prometheus.io/scrape" not in annotations


def test_the_pod_monitor_scrapes_the_api_and_the_workers_with_the_metrics_token() -> None:
    values: dict[str, Any] = copy.deepcopy(values_of(DEFAULT))
    values["secrets"]["metricsToken"] = "a-scrapers-token-of-some-length"
    values["metrics"] = {
        "workerPort": 9102,
        "podMonitor": {"enabled": True, "labels": {"release": "kube-prometheus-stack"}},
    }
    manifests = render(values)
    monitor = find(manifests, "PodMonitor", "peihuo")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    endpoints = monitor["spec"]["podMetricsEndpoints"]
    assert [e["port"] for e in endpoints] == ["http", "metrics"]
    for endpoint in endpoints:
        assert endpoint["path"] == "/metrics" and endpoint["interval"] == "30s"
        assert endpoint["authorization"] == {
            "type": "Bearer",
            "credentials": {"name": "peihuo", "key": "metrics-token"},
        }
    # It selects exactly the pods that serve those ports.
    selector = monitor["spec"]["selector"]
    for name in ("peihuo-api", "peihuo-worker"):
        labels = find(manifests, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
        assert selector["matchLabels"].items() <= labels.items()
        assert labels["app.kubernetes.io/component"] in selector["matchExpressions"][0]["values"]
    ports = {
        port["name"]
        for name in ("peihuo-api", "peihuo-worker")
        for port in _container(manifests, name)["ports"]
    }
    assert ports == {"http", "metrics"}


def test_a_pod_monitor_without_a_metrics_token_is_refused() -> None:
    values: dict[str, Any] = copy.deepcopy(values_of(DEFAULT))
    values["metrics"] = {"podMonitor": {"enabled": True}}
    with pytest.raises(Exception, match=r"metrics\.podMonitor needs a metrics token"):
        render(values)
