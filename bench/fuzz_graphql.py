"""The longer fuzz run: schemathesis calls every GraphQL field with `--examples` generated
inputs each, as an HQ admin and as a franchisee, against `peihuo serve` on a fresh PostgreSQL
database seeded with a small world (tests.factories). Prints calls by status class and every
server error (5xx, or a crash masked as "Unexpected error.").

    .venv/bin/python bench/fuzz_graphql.py [--examples 25]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdb import fresh_urls  # noqa: E402

from domain import migrations  # noqa: E402
from domain.db import Database  # noqa: E402
from domain.settings import Settings  # noqa: E402
from tests.factories import World, make_world  # noqa: E402
from tests.graphql_fuzz import fuzz  # noqa: E402
from tests.processes import free_port  # noqa: E402

PG_DATABASE = "peihuo_bench_fuzz"


async def _world(url: str) -> World:
    db = Database(url)
    try:
        return await make_world(db)
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=25)
    args = parser.parse_args()
    app_url, admin_url = fresh_urls("postgresql", Path(tempfile.mkdtemp()), PG_DATABASE)
    migrations.upgrade(admin_url)
    world = asyncio.run(_world(app_url))
    port = free_port()
    log = Path(tempfile.mkdtemp()) / "serve.log"
    key = secrets.token_urlsafe(48)  # outside the demo the built-in secrets are refused
    env = os.environ | {
        "PEIHUO_SECRET_KEY": key,
        "PEIHUO_WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "PEIHUO_CARRIER_SECRETS": "{}",
        "PEIHUO_DATABASE_URL": app_url,
        "PEIHUO_DATABASE_ADMIN_URL": admin_url,
        "PEIHUO_LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "peihuo"), "serve", "--port", str(port), "--no-migrate"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, log.read_text()
            time.sleep(0.5)
        settings = Settings(secret_key=key)
        for who, member in (("hq", world.hq), ("franchisee", world.franchisees[0])):
            headers = {"Authorization": f"Bearer {member.token(settings)}"}
            report = fuzz(base, headers, args.examples)
            summary = {
                "as": who,
                "examples_per_field": args.examples,
                "fields": report.operations,
                "calls": report.calls,
                "statuses": report.statuses,
                "server_errors": len(report.failures),
                "seconds": round(report.seconds),
            }
            print(json.dumps(summary), flush=True)
            for failure in report.failures[:20]:
                print(f"  {failure.operation} {failure.status}: {failure.response[:300]}")
                print(f"    {failure.query[:500]}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
