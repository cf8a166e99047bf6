"""Outside the embedded demo, nothing starts with a built-in development secret."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from api.app import create_app
from api.cli import commands
from domain.identity.tokens import issue_access_token
from domain.settings import (
    DEV_CARRIER_SECRET,
    DEV_SECRET_KEY,
    DefaultSecretError,
    Settings,
    get_settings,
)
from tests.factories import World

PG = "postgresql+asyncpg://peihuo_app@127.0.0.1:1/nowhere"
REDIS = "redis://127.0.0.1:1/0"
OWN = {
    "secret_key": SecretStr("an-operators-own-signing-key-0123456789-abcdefghijkl"),
    "webhook_secret": SecretStr("an-operators-own-webhook-secret"),
    "carrier_secrets": {},
}


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A clean PEIHUO_* environment for the commands' settings."""
    for name in list(__import__("os").environ):
        if name.startswith("PEIHUO_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir("/")  # no .env file
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("database", "redis"),
    [(PG, REDIS), (PG, "fakeredis://"), ("sqlite+aiosqlite:///x.db", REDIS)],
)
def test_every_built_in_secret_is_named_outside_the_embedded_demo(
    database: str, redis: str
) -> None:
    settings = Settings(database_url=database, redis_url=redis)
    with pytest.raises(DefaultSecretError) as refused:
        settings.refuse_default_secrets()
    message = str(refused.value)
    for name in ("PEIHUO_SECRET_KEY", "PEIHUO_WEBHOOK_SECRET", "PEIHUO_CARRIER_SECRETS (sim)"):
        assert name in message
    assert DEV_SECRET_KEY not in message
    # Each one alone is refused too.
    for name, value in [
        ("secret_key", SecretStr(DEV_SECRET_KEY)),
        ("carrier_secrets", {"sf": SecretStr(DEV_CARRIER_SECRET)}),
        ("storage_s3_secret_access_key", SecretStr(DEV_CARRIER_SECRET)),
    ]:
        one = Settings(database_url=database, redis_url=redis, **{**OWN, name: value})
        with pytest.raises(DefaultSecretError):
            one.refuse_default_secrets()
    Settings(database_url=database, redis_url=redis, **OWN).refuse_default_secrets()


def test_the_embedded_demo_keeps_its_built_in_secrets() -> None:
    Settings(
        database_url="sqlite+aiosqlite:///x.db", redis_url="fakeredis://"
    ).refuse_default_secrets()


@pytest.mark.parametrize("command", [["serve", "--no-migrate"], ["worker"], ["scheduler"]])
def test_serve_worker_and_scheduler_refuse_to_start_naming_the_setting(
    environment: pytest.MonkeyPatch, command: list[str]
) -> None:
    environment.setenv("PEIHUO_DATABASE_URL", PG)
    environment.setenv("PEIHUO_REDIS_URL", REDIS)
    environment.setenv("PEIHUO_SECRET_KEY", OWN["secret_key"].get_secret_value())  # type: ignore[union-attr]
    environment.setenv("PEIHUO_CARRIER_SECRETS", "{}")
    result = CliRunner().invoke(commands(), command)
    assert result.exit_code == 2, result.output
    assert "PEIHUO_WEBHOOK_SECRET" in result.output
    assert "PEIHUO_SECRET_KEY" not in result.output


def test_an_app_built_from_the_environment_refuses_too(environment: pytest.MonkeyPatch) -> None:
    """`peihuo serve --workers N`: uvicorn builds the app in each process from the environment."""
    environment.setenv("PEIHUO_DATABASE_URL", PG)
    environment.setenv("PEIHUO_REDIS_URL", REDIS)
    with pytest.raises(DefaultSecretError, match="PEIHUO_SECRET_KEY"):
        create_app()
    get_settings.cache_clear()
    for name, value in OWN.items():
        raw = "{}" if name == "carrier_secrets" else value.get_secret_value()  # type: ignore[union-attr]
        environment.setenv(f"PEIHUO_{name.upper()}", raw)
    create_app()


async def test_a_token_forged_with_the_development_key_is_refused(
    client: httpx.AsyncClient, world: World, settings: Settings
) -> None:
    assert settings.secret_key.get_secret_value() != DEV_SECRET_KEY
    forged = issue_access_token(
        settings.model_copy(update={"secret_key": SecretStr(DEV_SECRET_KEY)}), world.hq.actor
    )
    response = await client.post(
        "/graphql", json={"query": "{ me { role } }"}, headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401
