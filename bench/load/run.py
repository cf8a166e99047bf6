"""Run the load suite: seed the tenant, serve it with `peihuo serve --workers N` on PostgreSQL,
and run bench/load/locustfile.py headless at each number of users; print a Markdown table of
requests/s and p50/p95/p99 (and write the raw figures to a JSON file).

    .venv/bin/python bench/load/run.py [--processes 2 1] [--users 1 16 64] [--seconds 30]

Loopback only; every run is bounded by --seconds and stops by itself.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(
    people: dict[str, str], processes: int, log: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = os.environ | {
        "PEIHUO_DATABASE_URL": people["database_url"],
        "PEIHUO_DATABASE_ADMIN_URL": people["admin_url"],
        "PEIHUO_LOG_LEVEL": "INFO",
        # Outside the demo the built-in secrets are refused: keys of this run's own.
        "PEIHUO_SECRET_KEY": secrets.token_urlsafe(48),
        "PEIHUO_WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "PEIHUO_CARRIER_SECRETS": "{}",
    }
    out = log.open("wb")
    server = subprocess.Popen(
        [str(BIN / "peihuo"), "serve", "--workers", str(processes), "--port", str(port), "--no-migrate"],
        env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")
        time.sleep(0.5)


def _locust(base: str, people: Path, users: int, seconds: int, prefix: Path) -> dict[str, float]:
    run = subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
         "-H", base, "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"],
        env=os.environ | {"PEIHUO_LOAD_PEOPLE": str(people)},
        capture_output=True, text=True, timeout=seconds + 120, check=False,
    )  # fmt: skip
    shed = next(
        (
            int(line.split()[1])
            for line in run.stdout.splitlines()
            if line.startswith("PEIHUO_SHED")
        ),
        0,
    )
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    failures_text = (
        Path(f"{prefix}_failures.csv").read_text()
        if Path(f"{prefix}_failures.csv").exists()
        else ""
    )
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "shed_503": shed,
        "rps": round(float(total["Requests/s"]), 1),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "by_name": {
            name: {"p50": float(r["50%"]), "p99": float(r["99%"]), "count": int(r["Request Count"])}
            for name, r in rows.items() if name != "Aggregated"
        },
        "failure_samples": failures_text[:1500],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "peihuo-load.json"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="peihuo-load-"))
    results = []
    for processes in args.processes:
        people_file = work / f"people-{processes}.json"
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "load" / "seed.py"), str(people_file)], check=True
        )
        people = json.loads(people_file.read_text())
        server, base = _serve(people, processes, work / f"serve-{processes}.log")
        try:
            for users in args.users:
                figures = _locust(
                    base, people_file, users, args.seconds, work / f"p{processes}-u{users}"
                )
                results.append({"processes": processes, "users": users, **figures})
                print(json.dumps(results[-1]), flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the supervisor and its API processes
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(10)
    args.out.write_text(json.dumps({
        "date": datetime.now(UTC).isoformat(timespec="minutes"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}",
        "seconds": args.seconds, "results": results,
    }, indent=1))  # fmt: skip
    print("| API processes | users | requests | errors | 503s | req/s | p50 ms | p95 ms | p99 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['processes']} | {r['users']} | {r['requests']} | {r['failures']} | "
              f"{r['shed_503']} | {r['rps']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
