"""PostgreSQL "restarted" under requests: every connection of the application's role is cut
(pg_terminate_backend, what a restart or a failover does to a client; the shared server
itself is left running for the other test runs), while requests are in flight. The pool
recovers (a disconnect invalidates the pool; an idle connection is pinged before it is lent)
and every request after it succeeds. A request whose connection is cut under it gets a 503
(tests/faults/test_connection_cut.py cuts each kind of request at each point)."""

from __future__ import annotations

import asyncio

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from api.app import create_app
from domain.db import Database
from domain.settings import Settings
from tests.backends import PG_HOST, PG_PORT
from tests.conftest import is_postgres
from tests.factories import World

QUERY = {"query": "query Me { me { role user { id } } }"}


def _terminate_backends(settings: Settings) -> int:
    """Cut every connection of the application's role to this database; how many."""
    name = make_url(settings.database_url).database
    role = make_url(settings.database_url).username
    with psycopg.connect(
        f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres", autocommit=True
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND usename = %s AND pid <> pg_backend_pid()",
            (name, role),
        ).fetchall()
    return len(rows)


async def test_requests_succeed_after_every_database_connection_is_cut(
    settings: Settings, world: World
) -> None:
    if not is_postgres(settings):
        pytest.skip("the connections of a PostgreSQL server are cut")
    database = Database(settings.database_url, pool_size=4, max_overflow=4)
    app = create_app(settings, database)
    headers = {"Authorization": f"Bearer {world.hq.token(settings)}"}
    transport = httpx.ASGITransport(
        app=app, client=("127.0.0.1", 40000), raise_app_exceptions=False
    )
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://peihuo.test", timeout=30
        ) as http:

            async def ask() -> int:
                response = await http.post("/graphql", json=QUERY, headers=headers)
                if response.status_code == 200 and "errors" not in response.json():
                    return 200
                return response.status_code if response.status_code != 200 else 599

            # Warm the pool: several connections open and idle in it.
            assert await asyncio.gather(*[ask() for _ in range(8)]) == [200] * 8

            stop = asyncio.Event()
            during: list[int] = []

            async def load() -> None:
                while not stop.is_set():
                    during.append(await ask())

            loaders = [asyncio.create_task(load()) for _ in range(4)]
            await asyncio.sleep(0.3)
            cut = _terminate_backends(settings)
            await asyncio.sleep(0.5)
            cut += _terminate_backends(settings)  # again, with requests in flight
            await asyncio.sleep(0.3)
            stop.set()
            await asyncio.gather(*loaders)
            assert cut >= 1
            assert during, "no request ran while the connections were cut"
            # A request whose connection died under it is told to retry (503); nothing hangs,
            # nothing fails otherwise.
            assert set(during) <= {200, 503}, during

            # After the outage every request succeeds, on fresh connections.
            async with asyncio.timeout(20):  # and promptly: no request waits on a dead socket
                after = await asyncio.gather(*[ask() for _ in range(24)])
            assert after == [200] * 24
    finally:
        await database.dispose()
