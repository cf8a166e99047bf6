"""The API processes' shared table of connections, and the close asked of a process holding
more than its share (api/web/balance.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from api.web import balance
from api.web.balance import Balance, WorkerTable


def _tables(tmp_path: Path, processes: int = 2) -> list[WorkerTable]:
    """`processes` processes' views of one table (here all in this process)."""
    path = tmp_path / "workers"
    WorkerTable.create(path, processes)
    tables = [WorkerTable(path, processes) for _ in range(processes)]
    for table in tables:
        table.claim()
    return tables


def test_each_process_claims_a_slot_of_its_own(tmp_path: Path) -> None:
    first, second = _tables(tmp_path)
    assert {first.slot, second.slot} == {0, 1}
    with pytest.raises(RuntimeError, match="no free slot"):
        WorkerTable(tmp_path / "workers", 2).claim()


def test_a_dead_processs_slot_is_taken_by_its_replacement(tmp_path: Path) -> None:
    path = tmp_path / "workers"
    WorkerTable.create(path, 1)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(dead.stdout)
    path.write_bytes(pid.to_bytes(8, sys.byteorder) + (3).to_bytes(8, sys.byteorder))
    replacement = WorkerTable(path, 1)
    assert replacement.claim() == 0
    replacement.count(1)
    assert not replacement.over_share()  # its own connection only, not the dead one's three


def test_a_process_over_its_share_asks_one_close_at_a_time(tmp_path: Path) -> None:
    busy, idle = _tables(tmp_path)
    busy.count(7)
    idle.count(3)
    assert not idle.wants_close()
    assert busy.wants_close()
    assert not busy.wants_close()  # until the connection it sent away has closed
    busy.count(-1)  # 6 of 9: a share is 5
    assert busy.wants_close()
    busy.count(-1)
    idle.count(1)  # 5 and 5
    assert not busy.wants_close()
    assert not idle.wants_close()


def test_an_odd_connection_out_is_not_sent_back_and_forth(tmp_path: Path) -> None:
    first, second = _tables(tmp_path)
    first.count(6)
    second.count(5)
    assert not first.wants_close() and not second.wants_close()


async def _connection_header(monkeypatch: pytest.MonkeyPatch, table: WorkerTable | None) -> str:
    async def hello(_request: Request) -> PlainTextResponse:
        return PlainTextResponse("hello")

    monkeypatch.setattr(balance, "table", table)
    app = Starlette(routes=[Route("/", hello)], middleware=[Middleware(Balance)])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://peihuo.test"
    ) as http:
        response = await http.get("/")
    assert response.text == "hello"
    return response.headers.get("connection", "")


async def test_the_response_of_a_process_over_its_share_closes_its_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy, idle = _tables(tmp_path)
    busy.count(7)
    idle.count(3)
    assert await _connection_header(monkeypatch, idle) == ""
    assert await _connection_header(monkeypatch, busy) == "close"
    assert await _connection_header(monkeypatch, None) == ""  # one process: no table
