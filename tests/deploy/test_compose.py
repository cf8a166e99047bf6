"""docker-compose.yml: PostgreSQL 16, Redis 7, migrations once, the API and two workers, locked
down, with every secret required from .env (compose refuses to start without it). The file
is also checked against the compose specification by `make lint`."""

from __future__ import annotations

import re
from typing import Any

import yaml

from domain.settings import PROJECT_ROOT

COMPOSE = PROJECT_ROOT / "docker-compose.yml"
EXAMPLE = PROJECT_ROOT / ".env.example"
SECRETS = {"POSTGRES_PASSWORD", "APP_DB_PASSWORD", "SECRET_KEY", "WEBHOOK_SECRET"}
APP = ("migrate", "api", "worker")


def _compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text()))


def test_the_services_and_their_order() -> None:
    services = _compose()["services"]
    assert set(services) == {"postgres", "redis", *APP}
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    for name in ("api", "worker"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert services["api"]["command"][:2] == ["serve", "--no-migrate"]
    assert services["worker"]["deploy"]["replicas"] == 2


def test_the_application_containers_are_locked_down() -> None:
    services = _compose()["services"]
    for name in APP:
        service = services[name]
        assert service["read_only"] is True, name
        assert service["tmpfs"] == ["/tmp"], name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        assert "user" not in service, name  # the image's own non-root user


def test_every_secret_is_required_and_has_no_default() -> None:
    text = COMPOSE.read_text()
    uses = re.findall(r"\$\{([A-Z_]+)([^}]*)\}", text)
    used = {name for name, _ in uses}
    assert used >= SECRETS
    for name, rest in uses:
        if name in SECRETS:
            assert rest.startswith(":?"), f"{name} must be required (${{{name}:?...}})"
    assert "PEIHUO_DATABASE_ADMIN_URL" in str(_compose()["services"]["migrate"]["environment"])
    assert "PEIHUO_DATABASE_ADMIN_URL" not in str(_compose()["services"]["api"]["environment"])


def test_the_env_example_names_every_secret_without_a_value() -> None:
    assigned = dict(
        line.split("=", 1)
        for line in EXAMPLE.read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert set(assigned) == SECRETS
    assert set(assigned.values()) == {""}
