"""Every console example runs against the demo data as the role its first line names, in file
order, and the lifecycle examples walk one order from the recommendation run to the survey,
the complaint and the messages, without an error or a user error."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from typer.testing import CliRunner

from api.app import create_app
from api.cli import commands
from api.graphql.console import CONSOLE_DIR
from domain.db import Database
from domain.demo.spec import PASSWORD
from domain.jobs import runner
from domain.settings import Settings, get_settings
from tests.api.cli.test_demo import SMALL
from tests.factories_service import run_jobs

EXAMPLES = sorted((CONSOLE_DIR / "examples").glob("*.graphql"))
SOURCES = {path.stem: path.read_text(encoding="utf-8") for path in EXAMPLES}
AS = re.compile(r"^# As: (merchandiser|franchisee|HQ)\b")
LIFECYCLE = ("send", "confirm", "pick", "ship", "deliver", "survey", "complaint", "message")


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A small demo, seeded by `peihuo demo --no-serve` into a database of its own."""
    folder = tmp_path_factory.mktemp("console-demo")
    url = f"sqlite+aiosqlite:///{folder / 'demo.db'}"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PEIHUO_DATABASE_URL", url)
        env.delenv("PEIHUO_DATABASE_ADMIN_URL", raising=False)
        get_settings.cache_clear()
        try:
            seeded = CliRunner().invoke(commands(), ["demo", "--no-serve", *SMALL])
        finally:
            get_settings.cache_clear()
    assert seeded.exit_code == 0, seeded.output
    yield Settings(
        database_url=url,
        redis_url="fakeredis://",
        storage_url=f"file://{folder / 'files'}",
        frontend_dist=Path("/nonexistent"),
    )


class Console:
    """The console's requests: an example file, run with a member's token."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self.http = http
        self.settings = settings
        self.tokens: dict[str, str] = {}

    async def token(self, email: str) -> str:
        if email not in self.tokens:
            login = await self.http.post(
                "/auth/login", json={"tenant": "taozi", "email": email, "password": PASSWORD}
            )
            assert login.status_code == 200, login.text
            self.tokens[email] = login.json()["access_token"]
        return self.tokens[email]

    async def query(self, email: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        answer = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {await self.token(email)}"},
        )
        body: dict[str, Any] = answer.json()
        assert "errors" not in body, body
        return body["data"]  # type: ignore[no-any-return]

    async def example(self, name: str, email: str, variables: dict[str, Any]) -> dict[str, Any]:
        data = await self.query(email, SOURCES[name], variables)
        for field, payload in data.items():
            if isinstance(payload, dict) and "userErrors" in payload:
                assert payload["userErrors"] == [], (name, field, payload)
        return data


@pytest_asyncio.fixture(loop_scope="session")
async def console(demo_settings: Settings) -> AsyncIterator[Console]:
    db = Database(demo_settings.database_url)
    app = create_app(demo_settings, db)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        with runner.configured(demo_settings):
            async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as h:
                yield Console(h, demo_settings)
    finally:
        await db.dispose()


def role_of(name: str) -> str:
    found = AS.match(SOURCES[name].splitlines()[0])
    assert found, f"{name} does not say who runs it: '# As: merchandiser|franchisee|HQ'"
    return found[1]


def test_every_example_names_its_role_and_the_lifecycle_is_covered() -> None:
    for name in SOURCES:
        role_of(name)
    names = " ".join(SOURCES)
    for step in LIFECYCLE:
        assert step in names, f"no console example to {step}"


async def test_every_example_runs_as_its_role_on_the_demo(console: Console) -> None:
    hq = "hq@taozi.example"
    stores = await console.query(
        hq,
        "{ stores(first: 100) { edges { node { id code region { id } merchandiser { id email } "
        "} } } }",
        {},
    )
    by_code = {e["node"]["code"]: e["node"] for e in stores["stores"]["edges"]}
    store = by_code["S0001"]
    merchandiser, franchisee = store["merchandiser"]["email"], "s0001@taozi.example"
    # Another store of the region and its other merchandiser, for the reassignment example.
    other = next(
        s
        for s in by_code.values()
        if s["region"]["id"] == store["region"]["id"]
        and s["merchandiser"]["id"] != store["merchandiser"]["id"]
    )
    who = {"merchandiser": merchandiser, "franchisee": franchisee, "HQ": hq}
    ids: dict[str, Any] = {"storeId": store["id"]}
    variables: dict[str, dict[str, Any]] = {
        "02_store_passport": {"id": store["id"]},
        "03_reassign_merchandiser": {
            "storeId": other["id"],
            "merchandiserId": store["merchandiser"]["id"],
            "reason": "平衡工作量",
        },
        "04_set_budget": {"storeId": store["id"], "budget": "60000.00"},
        "05_log_contact": {"storeId": store["id"], "channel": "PHONE", "summary": "确认下周补货"},
        "07_set_preferences": {"storeId": store["id"]},
        "10_run_recommendations": {"key": "console-lifecycle"},
        "15_ship_order": {"trackingNumber": "SIM-CONSOLE-1"},
        "19_send_message": {"body": "下周能否多配两件羽绒服？"},
    }
    ran: list[str] = []
    for name in SOURCES:
        given = {**ids, **variables.get(name, {})}
        if name == "02_store_passport":
            given.pop("storeId")
        if name == "11_recommendation_run":
            given = {"id": ids["runId"]}
        data = await console.example(name, who[role_of(name)], given)
        ran.append(name)
        if name == "10_run_recommendations":
            ids["runId"] = data["runRecommendations"]["run"]["id"]
            await run_jobs(console.settings)  # the run, in the background as in the demo
            ids["orderId"] = await draft_of(console, merchandiser, ids["runId"], store["id"])
        if name == "15_ship_order":
            ids["shipmentId"] = data["shipmentCreate"]["shipment"]["id"]
            variables["16_record_delivery"] = {"occurredAt": datetime.now(UTC).isoformat()}
    order = await console.query(
        franchisee,
        "query ($id: ID!) { order(id: $id) { status } }",
        {"id": ids["orderId"]},
    )
    assert order["order"]["status"] == "DELIVERED"
    # A message goes both ways: the merchandiser answers in the same thread.
    reply = await console.example(
        "19_send_message", merchandiser, {"storeId": store["id"], "body": "可以"}
    )
    assert reply["messageSend"]["message"]["authorRole"] == "MERCHANDISER"
    assert ran == list(SOURCES)


async def draft_of(console: Console, merchandiser: str, run_id: str, store_id: str) -> str:
    """The run's draft for the store, once the run is done."""
    run = await console.query(
        merchandiser,
        "query ($id: ID!) { recommendationRun(id: $id) { status error "
        "orders(first: 100) { edges { node { id storeId status } } } } }",
        {"id": run_id},
    )
    found = run["recommendationRun"]
    assert found["status"] == "SUCCEEDED", found
    return next(
        e["node"]["id"] for e in found["orders"]["edges"] if e["node"]["storeId"] == store_id
    )
