"""Run the load suite: seed the tenant, serve it with `peihuo serve --workers N` on PostgreSQL,
and run bench/load/locustfile.py headless at each number of users; print a Markdown table of
requests/s and p50/p95/p99 (and write the raw figures to a JSON file).

    .venv/bin/python bench/load/run.py [--processes 2 1] [--users 1 16 64] [--seconds 30]

Loopback only; every run is bounded by --seconds and stops by itself.
"""

from __future__ import annotations

import argparse
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
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PG_DATABASE = "peihuo_bench_load"  # bench/load/seed.py's


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


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes and every descendant alive now (0 for gone ones)."""
    total = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            for each in [process, *process.children(recursive=True)]:
                times = each.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def _database_cpu(database: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving `database` (the API's pool)."""
    found = {}
    for process in psutil.process_iter(["cmdline"]):
        if any(database in part for part in (process.info["cmdline"] or [])):
            found[process.pid] = _cpu_seconds([process.pid])
    return found


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _figures(samples: list[list[Any]], seconds: float) -> dict[str, Any]:
    """Requests, errors, 503s, requests/s and latency percentiles of some samples, overall and
    by request name."""

    def summary(rows: list[list[Any]]) -> dict[str, Any]:
        times = [row[2] for row in rows if row[3] == "ok"]
        return {
            "requests": len(rows),
            "failures": sum(row[3] == "error" for row in rows),
            "shed_503": sum(row[3] == "shed" for row in rows),
            "rps": round(len(rows) / seconds, 1) if seconds > 0 else 0.0,
            "p50": round(_percentile(times, 0.50)),
            "p95": round(_percentile(times, 0.95)),
            "p99": round(_percentile(times, 0.99)),
            "max": round(max(times, default=0.0)),
        }

    names = sorted({row[1] for row in samples})
    return summary(samples) | {
        "by_name": {name: summary([r for r in samples if r[1] == name]) for name in names}
    }


def _locust(
    base: str,
    people: Path,
    users: int,
    seconds: int,
    ramp: float,
    prefix: Path,
    server_pid: int,
) -> dict[str, Any]:
    rate = users / ramp if ramp > 0 else users
    samples_file = Path(f"{prefix}_samples.json")
    server_cpu0, database_cpu0 = _cpu_seconds([server_pid]), _database_cpu(PG_DATABASE)
    run = subprocess.run(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
         "-H", base, "-u", str(users), "-r", f"{rate:g}", "-t", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"],
        env=os.environ | {"PEIHUO_LOAD_PEOPLE": str(people), "PEIHUO_LOAD_SAMPLES": str(samples_file)},
        capture_output=True, text=True, timeout=seconds + 120, check=False,
    )  # fmt: skip
    server_cpu = _cpu_seconds([server_pid]) - server_cpu0
    # Backends that ended meanwhile are missed (the pool keeps its connections open).
    database_cpu = sum(
        cpu - database_cpu0.get(pid, 0.0) for pid, cpu in _database_cpu(PG_DATABASE).items()
    )
    if not samples_file.exists():
        raise RuntimeError(f"locust wrote no samples: {run.stderr[-2000:]}")
    recorded = json.loads(samples_file.read_text())
    samples = recorded["samples"]
    began = min((row[0] for row in samples), default=0.0)
    ended = max((row[0] for row in samples), default=0.0)
    ramp_ended = recorded["ramp_ended"] or began
    after = [row for row in samples if row[0] >= ramp_ended]
    failures_file = Path(f"{prefix}_failures.csv")
    whole = _figures(samples, ended - began)
    return whole | {
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(whole["requests"], 1), 1),
        "database_cpu_ms_per_request": round(database_cpu * 1000 / max(whole["requests"], 1), 1),
        "ramp_seconds": round(ramp_ended - began, 1),
        "after_ramp": _figures(after, ended - ramp_ended),
        "failure_samples": failures_file.read_text()[:1500] if failures_file.exists() else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--seconds", type=int, default=30, help="each run, ramp included")
    parser.add_argument(
        "--ramp", type=float, default=8.0,
        help="seconds over which the users arrive (0: all at once); figures are reported for "
        "the whole run and for the part after the ramp",
    )  # fmt: skip
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
                    base, people_file, users, args.seconds, args.ramp,
                    work / f"p{processes}-u{users}", server.pid,
                )  # fmt: skip
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
    for title, pick in (
        (f"whole run (users arriving over {args.ramp:g} s)", lambda r: r),
        ("after the ramp", lambda r: r["after_ramp"]),
    ):
        print(f"\n{title}\n")
        print(
            "| API processes | users | requests | errors | 503s | req/s | p50 ms | p95 ms | p99 ms "
            "| login p99 | confirm p99 | server CPU-ms/req | PostgreSQL CPU-ms/req |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for r in results:
            f, names = pick(r), pick(r)["by_name"]
            login = names.get("login", {}).get("p99", "-")
            confirm = names.get("Confirm", {}).get("p99", "-")
            print(f"| {r['processes']} | {r['users']} | {f['requests']} | {f['failures']} | "
                  f"{f['shed_503']} | {f['rps']} | {f['p50']} | {f['p95']} | {f['p99']} | "
                  f"{login} | {confirm} | {r['server_cpu_ms_per_request']} | "
                  f"{r['database_cpu_ms_per_request']} |")  # fmt: skip


if __name__ == "__main__":
    main()
