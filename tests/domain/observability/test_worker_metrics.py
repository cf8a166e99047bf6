"""The workers' metrics port (`peihuo worker --metrics-port`) asks what the API's /metrics asks:
the bearer token when one is set, else a loopback client; one check for both."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from domain.observability.multiproc import start_exposition
from domain.observability.scrape import scrape_allowed
from tests.processes import free_port

TOKEN = SecretStr("a-scrapers-token-of-some-length")


@pytest.fixture
def exposition() -> Iterator[Any]:
    started: list[Any] = []

    def start(token: SecretStr | None) -> str:
        port = free_port()
        started.append(start_exposition(port, token))
        url = f"http://127.0.0.1:{port}/metrics"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(url, timeout=1)
                return url
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("the metrics process never listened")

    yield start
    for process in started:
        process.terminate()
        process.join(5)


def test_with_a_token_the_workers_metrics_need_it_even_from_loopback(exposition: Any) -> None:
    url = exposition(TOKEN)
    assert httpx.get(url).status_code == 404
    assert httpx.get(url, headers={"Authorization": "Bearer nope"}).status_code == 404
    right = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN.get_secret_value()}"})
    assert right.status_code == 200
    assert right.headers["content-type"].startswith("text/plain")
    assert "# HELP" in right.text


def test_without_a_token_the_workers_metrics_answer_loopback(exposition: Any) -> None:
    assert httpx.get(exposition(None)).status_code == 200


@pytest.mark.parametrize(
    ("authorization", "host", "token", "allowed"),
    [
        (None, "127.0.0.1", None, True),
        (None, "::1", None, True),
        (None, "10.1.2.3", None, False),
        ("Bearer a-scrapers-token-of-some-length", "10.1.2.3", None, False),
        (None, "127.0.0.1", TOKEN, False),
        ("Bearer nope", "10.1.2.3", TOKEN, False),
        ("Basic a-scrapers-token-of-some-length", "10.1.2.3", TOKEN, False),
        ("Bearer a-scrapers-token-of-some-length", "10.1.2.3", TOKEN, True),
        ("bearer  a-scrapers-token-of-some-length ", "10.1.2.3", TOKEN, True),
    ],
)
def test_one_check_decides_who_scrapes(
    authorization: str | None, host: str, token: SecretStr | None, allowed: bool
) -> None:
    assert scrape_allowed(authorization, host, token) is allowed
