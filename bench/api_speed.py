"""Benchmark: the API's hot queries over HTTP, against PostGraphile 4 on the same database.

    .venv/bin/python bench/api_speed.py                     # 1, 10 and 50 clients, 8 s each
    .venv/bin/python bench/api_speed.py --clients 10 --seconds 5 --only stores,postgraphile

The demo tenant (`peihuo demo --no-serve`, then `peihuo recommend --tenant taozi` for one draft
order per store) is seeded once into the PostgreSQL database `peihuo_bench_api` and reused by
later runs (`--reseed` rebuilds it). The script starts `peihuo serve --workers 2` on it (the app
connects as `peihuo_app`: authentication, the tenant setting and row-level security all apply)
and, in the same run, PostGraphile 4 (installed from npm into ~/.cache/peihuo-bench, connected
as the tables' owner: no authentication, no row-level security) for the stores query.

A closed-loop client (N connections, each sending its next request when the last one answered)
measures, at each number of clients:
- `stores`: stores(first: 50) with region and merchandiser names, as HQ;
- `postgraphile`: the same list and names from PostGraphile (allStores filtered on the tenant);
- `orders`: orders(first: 20) with every line (qty, recommended qty, cost, SKU), as m1;
- `login`: POST /auth/login;
- `worklist`: the merchandiser m1's worklist (first 20);
- `stores+logins`: `stores` again while another task logs in 10 times a second.
Printed per case: requests/s, p50/p95/p99 latency, errors by kind (HTTP status, or `graphql`
for a 200 carrying errors), the servers' CPU-ms per request, and the ratios that the targets
in docs/benchmarks.md are about (both servers measured in the same run: the machine is shared,
so ratios are steadier than absolute figures).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
from benchdb import PG, drop_database

ROOT = Path(__file__).resolve().parent.parent
PG_DATABASE = "peihuo_bench_api"
CACHE = Path.home() / ".cache" / "peihuo-bench" / "postgraphile"
PASSWORD = "demo-password"

STORES = """query Stores { stores(first: 50) { totalCount edges { node {
  id code name city region { name } merchandiser { name } } } } }"""
ORDERS = """query Orders { orders(first: 20) { totalCount edges { node { id number status
  lines { qty recommendedQty unitCost lineCost sku { code colour size } } } } } }"""
WORKLIST = """query Worklist { worklist(first: 20) { totalCount edges { node {
  kind score since waitedHours deadline storeName storeCode orderNumber unreadMessages } } } }"""
PG_STORES = """query Stores($tenant: Int!) { allStores(first: 50, orderBy: CODE_ASC,
  condition: {tenantId: $tenant}) { totalCount edges { node { nodeId code name city
  regionByRegionId { name } userByMerchandiserId { name } } } } }"""


def env(port: int) -> dict[str, str]:
    """The environment `peihuo` runs with: the bench database, a real Redis, fresh secrets."""
    return {
        **os.environ,
        "PEIHUO_DATABASE_URL": f"postgresql+asyncpg://peihuo_app@{PG}/{PG_DATABASE}",
        "PEIHUO_DATABASE_ADMIN_URL": f"postgresql+asyncpg://postgres@{PG}/{PG_DATABASE}",
        "PEIHUO_REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "PEIHUO_SECRET_KEY": secrets.token_urlsafe(32),
        "PEIHUO_WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "PEIHUO_CARRIER_SECRETS": "{}",
        "PEIHUO_HOST": "127.0.0.1",
        "PEIHUO_PORT": str(port),
    }


def peihuo(*args: str, environ: dict[str, str]) -> None:
    subprocess.run([str(ROOT / ".venv/bin/peihuo"), *args], env=environ, check=True, cwd=ROOT)


def seeded(tenant: str = "taozi") -> int | None:
    """The demo tenant's id when the bench database holds it with its draft orders."""
    try:
        with psycopg.connect(f"postgresql://postgres@{PG}/{PG_DATABASE}") as conn:
            row = conn.execute(
                "SELECT t.id FROM tenants t WHERE t.slug = %s"
                " AND EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = t.id)",
                (tenant,),
            ).fetchone()
    except psycopg.Error:
        return None
    return int(row[0]) if row else None


def seed(reseed: bool, environ: dict[str, str]) -> int:
    """Seed the demo (once) and a recommendation run; the tenant's id."""
    tenant_id = None if reseed else seeded()
    if tenant_id is not None:
        print(f"reusing the seeded demo in {PG_DATABASE}", flush=True)
        return tenant_id
    drop_database(PG_DATABASE)
    with psycopg.connect(f"postgresql://postgres@{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    started = time.perf_counter()
    peihuo("demo", "--no-serve", environ=environ)
    peihuo("recommend", "--tenant", "taozi", environ=environ)
    # The run's orders and lines too: the planner's statistics of a production database.
    with psycopg.connect(f"postgresql://postgres@{PG}/{PG_DATABASE}", autocommit=True) as conn:
        conn.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    tenant_id = seeded()
    assert tenant_id is not None, "the demo seed made no orders"
    return tenant_id


def postgraphile_bin() -> Path:
    """PostGraphile 4's command, installed from npm into the cache folder on first use."""
    binary = CACHE / "node_modules" / ".bin" / "postgraphile"
    if not binary.exists():
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed to install PostGraphile (or pass --no-postgraphile)")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "postgraphile@4"],
            cwd=CACHE,
            check=True,
        )
    return binary


@dataclass
class Server:
    """A server process (group) we started, and how to read its CPU time."""

    name: str
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        """User + system CPU of the process and every descendant alive now."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in self._tree(self.process.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in children:
                pids.extend(self._tree(int(child)))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def start(name: str, argv: list[str], environ: dict[str, str], health: str) -> Server:
    log = open(f"/tmp/api_speed_{name}.log", "wb")  # noqa: SIM115 - the server keeps it
    process = subprocess.Popen(
        argv, env=environ, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = Server(name, process)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited ({process.returncode}): see /tmp/api_speed_{name}.log")
        try:
            if httpx.get(health, timeout=2).status_code < 500:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.stop()
    raise SystemExit(f"{name} did not answer {health} within 120 s")


@dataclass
class Request:
    """One kind of request: where, what, and with which headers."""

    url: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    """What a closed loop measured."""

    case: str
    clients: int
    seconds: float
    latencies: list[float]
    errors: Counter[str]
    cpu_ms: float | None

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def row(self) -> str:
        errors = ", ".join(f"{k}:{v}" for k, v in sorted(self.errors.items())) or "0"
        cpu = f"{self.cpu_ms:7.1f}" if self.cpu_ms is not None else "      -"
        return (
            f"{self.case:<14} {self.clients:>3} {self.rate:9.1f} {self.pct(0.5):8.1f} "
            f"{self.pct(0.95):8.1f} {self.pct(0.99):8.1f} {cpu}  {errors}"
        )


HEADER = (
    f"{'case':<14} {'n':>3} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
    f"{'cpu ms':>7}  errors"
)


def classify(response: httpx.Response) -> str | None:
    """None for a success; else what kind of error the response is."""
    if response.status_code != 200:
        return str(response.status_code)
    if b'"errors"' in response.content[:20] or b'"errors":' in response.content[-4000:]:
        return "graphql"
    return None


async def closed_loop(
    client: httpx.AsyncClient,
    case: str,
    request: Request,
    clients: int,
    seconds: float,
    server: Server | None,
    warmup: float = 1.0,
) -> Result:
    """`clients` loops sending `request` back to back; measured after a warm-up."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    measuring = False
    stop_at = time.monotonic() + warmup + seconds

    async def loop() -> None:
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                response = await client.post(
                    request.url, json=request.body, headers=request.headers
                )
                kind = classify(response)
            except httpx.HTTPError as error:
                kind = type(error).__name__
            if not measuring:
                continue
            if kind is None:
                latencies.append(time.perf_counter() - began)
            else:
                errors[kind] += 1

    tasks = [asyncio.create_task(loop()) for _ in range(clients)]
    await asyncio.sleep(warmup)
    measuring = True
    cpu0 = server.cpu_seconds() if server else None
    began = time.monotonic()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began
    done = len(latencies) + sum(errors.values())
    cpu_ms = (
        (server.cpu_seconds() - cpu0) * 1000 / done
        if server and cpu0 is not None and done
        else None
    )
    return Result(case, clients, elapsed, latencies, errors, cpu_ms)


async def paced(
    client: httpx.AsyncClient, request: Request, per_second: float, until: float
) -> Counter[str]:
    """Requests at a fixed rate (each in its own task, so a slow one does not slow the rest)."""
    outcomes: Counter[str] = Counter()

    async def one() -> None:
        try:
            response = await client.post(request.url, json=request.body, headers=request.headers)
            outcomes[classify(response) or "ok"] += 1
        except httpx.HTTPError as error:
            outcomes[type(error).__name__] += 1

    pending: list[asyncio.Task[None]] = []
    next_at = time.monotonic()
    while next_at < until:
        pending.append(asyncio.create_task(one()))
        next_at += 1 / per_second
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
    await asyncio.gather(*pending)
    return outcomes


async def token(client: httpx.AsyncClient, base: str, email: str) -> str:
    response = await client.post(
        f"{base}/auth/login", json={"tenant": "taozi", "email": email, "password": PASSWORD}
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


async def run(
    args: argparse.Namespace, peihuo_server: Server, graphile: Server | None
) -> list[Result]:
    base = f"http://127.0.0.1:{args.port}"
    limits = httpx.Limits(max_connections=max(args.clients) + 20, max_keepalive_connections=None)
    timeout = httpx.Timeout(60.0)
    results: dict[tuple[str, int], Result] = {}
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        hq = {"authorization": f"Bearer {await token(client, base, 'hq@taozi.example')}"}
        m1 = {"authorization": f"Bearer {await token(client, base, 'm1@taozi.example')}"}
        login_body = {"tenant": "taozi", "email": "m2@taozi.example", "password": PASSWORD}
        cases: dict[str, tuple[Request, Server | None]] = {
            "stores": (Request(f"{base}/graphql", {"query": STORES}, hq), peihuo_server),
            "orders": (Request(f"{base}/graphql", {"query": ORDERS}, m1), peihuo_server),
            "worklist": (Request(f"{base}/graphql", {"query": WORKLIST}, m1), peihuo_server),
            "login": (Request(f"{base}/auth/login", login_body), peihuo_server),
        }
        if graphile is not None:
            cases["postgraphile"] = (
                Request(
                    f"http://127.0.0.1:{args.pg_port}/graphql",
                    {"query": PG_STORES, "variables": {"tenant": args.tenant_id}},
                ),
                graphile,
            )
        wanted = args.only or [*cases, "stores+logins"]
        print(HEADER, flush=True)
        for clients in args.clients:
            for case in wanted:
                if case == "stores+logins":
                    request, server = cases["stores"]
                    until = time.monotonic() + 1.0 + args.seconds
                    logins = asyncio.create_task(
                        paced(client, cases["login"][0], args.login_rate, until)
                    )
                    result = await closed_loop(client, case, request, clients, args.seconds, server)
                    outcomes = await logins
                    result.errors.update(
                        {f"login-{k}": v for k, v in outcomes.items() if k != "ok"}
                    )
                elif case in cases:
                    request, server = cases[case]
                    result = await closed_loop(client, case, request, clients, args.seconds, server)
                else:
                    continue
                results[(case, clients)] = result
                print(result.row(), flush=True)
    print()
    for clients in args.clients:
        stores = results.get(("stores", clients))
        other = results.get(("postgraphile", clients))
        mixed = results.get(("stores+logins", clients))
        if stores and other and other.rate:
            print(
                f"{clients:>3} clients: stores {stores.rate / other.rate:.2f}x PostGraphile's "
                f"req/s (target >= 0.3x at 10), p99 {stores.pct(0.99):.0f} ms (target <= 100 ms)"
            )
        if stores and mixed and stores.rate:
            drop = 100 * (1 - mixed.rate / stores.rate)
            print(
                f"{clients:>3} clients: logins at {args.login_rate:g}/s lower stores' req/s by "
                f"{drop:.0f} % (target <= 20 %)"
            )
        orders = results.get(("orders", clients))
        if orders:
            print(f"{clients:>3} clients: orders p50 {orders.pct(0.5):.0f} ms (target <= 100 ms)")
    return list(results.values())


def write_json(path: Path, results: list[Result]) -> None:
    """The figures as JSON, one object per case and number of clients."""
    path.write_text(
        json.dumps(
            [
                {
                    "case": r.case,
                    "clients": r.clients,
                    "rps": round(r.rate, 1),
                    "p50": round(r.pct(0.5), 1),
                    "p95": round(r.pct(0.95), 1),
                    "p99": round(r.pct(0.99), 1),
                    "cpu_ms": round(r.cpu_ms, 2) if r.cpu_ms is not None else None,
                    "errors": dict(r.errors),
                }
                for r in results
            ],
            indent=1,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clients", default="1,10,50", help="Numbers of clients (default 1,10,50)."
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="Measured seconds per case.")
    parser.add_argument("--only", default="", help="Cases to run, comma-separated (default all).")
    parser.add_argument("--workers", type=int, default=2, help="`peihuo serve --workers N`.")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--pg-port", type=int, default=8732)
    parser.add_argument("--login-rate", type=float, default=10.0, help="Logins per second.")
    parser.add_argument("--no-postgraphile", action="store_true", help="Leave PostGraphile out.")
    parser.add_argument("--reseed", action="store_true", help="Rebuild the demo database.")
    parser.add_argument("--json", default="", help="Also write the figures to this JSON file.")
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",") if c]
    args.only = [c for c in args.only.split(",") if c]
    environ = env(args.port)
    args.tenant_id = seed(args.reseed, environ)
    servers: list[Server] = []
    try:
        peihuo_server = start(
            "peihuo",
            [
                str(ROOT / ".venv/bin/peihuo"),
                "serve",
                "--workers",
                str(args.workers),
                "--port",
                str(args.port),
            ],
            environ,
            f"http://127.0.0.1:{args.port}/healthz",
        )
        servers.append(peihuo_server)
        graphile = None
        if not args.no_postgraphile and (not args.only or "postgraphile" in args.only):
            graphile = start(
                "postgraphile",
                [
                    str(postgraphile_bin()),
                    "--connection",
                    f"postgres://postgres@{PG}/{PG_DATABASE}",
                    "--schema",
                    "public",
                    "--port",
                    str(args.pg_port),
                    "--host",
                    "127.0.0.1",
                    "--disable-query-log",
                ],
                {**os.environ, "NODE_ENV": "production"},
                f"http://127.0.0.1:{args.pg_port}/graphql",
            )
            servers.append(graphile)
        print(
            f"peihuo serve --workers {args.workers} on :{args.port}"
            + (f"; PostGraphile 4 on :{args.pg_port}" if graphile else "")
            + f"; {os.cpu_count()} CPUs; {args.seconds:g} s per case",
            flush=True,
        )
        try:
            import uvloop

            uvloop.install()
        except ImportError:
            pass
        results = asyncio.run(run(args, peihuo_server, graphile))
    finally:
        for server in servers:
            server.stop()
    if args.json:
        write_json(Path(args.json), results)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
