"""Benchmark of `peihuo allocate`: speed, memory and quality against the LP bound, by size and shape.

    python bench/allocation.py [--sizes 200x300,500x750,1000x1500,2000x3000]
                               [--shapes tight,scarce,packs,exclusions,mixed,skewed]
                               [--shape-size 500x750] [--seed 1] [--cache DIR] [--mip SECONDS]

For every problem it runs `peihuo allocate` (and `--proportional`) as a subprocess, measuring
wall time, CPU time and peak RSS of that process alone (os.wait4), scores the plan with the
judge (shared/tools/alloc_score.py: constraints, objective) and solves the LP relaxation with
the judge's own HiGHS call, timing it (wall seconds as the judge reports them, and the CPU
seconds of that call, since this machine is shared and wall time depends on its load). Problems are made by the judge's `--gen` (sizes) and by
bench/allocation_shapes.py (shapes). Generated problems and LP bounds are cached in DIR by
the problem file's hash, because the bound of the largest size takes HiGHS minutes. Prints a
markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """One process: its wall and CPU seconds, peak resident memory, and the plan it wrote."""

    wall: float
    cpu: float
    peak_mib: float
    plan: dict[str, Any]


def find_judge() -> ModuleType:
    """The judge, shared/tools/alloc_score.py, beside the checkout or above it."""
    for parent in ROOT.parents:
        path = parent / "shared" / "tools" / "alloc_score.py"
        if path.exists():
            spec = importlib.util.spec_from_file_location("alloc_score", path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise SystemExit("shared/tools/alloc_score.py not found beside the checkout")


def problem_file(cache: Path, kind: str, stores: int, skus: int, seed: int) -> Path:
    """A generated problem, made once and kept in the cache."""
    path = cache / f"{kind}-{stores}x{skus}-s{seed}.json"
    if not path.exists():
        if kind == "gen":
            judge = find_judge().__file__
            command = [sys.executable, str(judge), "--gen", str(stores), str(skus), str(seed)]
        else:
            shapes = ROOT / "bench" / "allocation_shapes.py"
            command = [sys.executable, str(shapes), kind, str(stores), str(skus), str(seed)]
        data = subprocess.run(command, capture_output=True, check=True).stdout
        path.write_bytes(data)
    return path


#: Runs a command and prints its wall and CPU seconds, peak RSS and exit code as JSON. The
#: engine is started from this small process, not from the benchmark's: Linux counts in a
#: child's peak RSS the memory of the parent it was forked from (here the judge's copy of
#: the largest problem, gigabytes), while this one holds about 20 MiB.
MEASURE = """
import json, os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(process.pid, 0)
print(json.dumps({
    "wall": time.perf_counter() - start,
    "cpu": usage.ru_utime + usage.ru_stime,
    "peak_mib": usage.ru_maxrss / 1024,
    "code": os.waitstatus_to_exitcode(status),
}))
"""


def run_engine(problem: Path, plan: Path, *extra: str) -> Run:
    """`peihuo allocate` in its own process, measured with wait4 (see MEASURE)."""
    command = [
        sys.executable,
        "-c",
        "from api.cli import main; main()",
        "allocate",
        str(problem),
        "-o",
        str(plan),
        "--quiet",
        *extra,
    ]
    # Bytecode caches are allowed to be written (and read): an installed package ships its
    # bytecode, while this machine sets PYTHONDONTWRITEBYTECODE=1, which would make every
    # run compile numpy, typer and the engine from source again (0.4 s of CPU).
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        check=False,
    )
    lines = done.stdout.decode().strip().splitlines()
    measured = json.loads(lines[-1]) if lines else {"code": done.returncode}
    if done.returncode != 0 or measured["code"] != 0:
        raise SystemExit(f"peihuo allocate failed on {problem}:\n{done.stderr.decode()}")
    return Run(
        wall=measured["wall"],
        cpu=measured["cpu"],
        peak_mib=measured["peak_mib"],  # ru_maxrss is in kilobytes on Linux
        plan=json.loads(plan.read_bytes()),
    )


def lp_bound(judge: ModuleType, checked: Any, problem: Path, cache: Path) -> dict[str, float]:
    """The judge's LP bound and HiGHS seconds, cached by the problem file's hash."""
    digest = hashlib.sha256(problem.read_bytes()).hexdigest()[:16]
    path = cache / f"bound-{digest}.json"
    if not path.exists() or "lp_cpu" not in json.loads(path.read_text()):
        spent: list[float] = []
        solver = judge.linprog

        def timed_linprog(*args: Any, **kwargs: Any) -> Any:
            # CPU seconds of HiGHS alone, next to the wall seconds the judge itself reports
            start = time.process_time()
            result = solver(*args, **kwargs)
            spent.append(time.process_time() - start)
            return result

        judge.linprog = timed_linprog
        try:
            bound, seconds = judge.lp_bound(checked)
        finally:
            judge.linprog = solver
        cpu = sum(spent)
        path.write_text(json.dumps({"lp_bound": bound, "lp_seconds": seconds, "lp_cpu": cpu}))
    result: dict[str, float] = json.loads(path.read_text())
    return result


def mip_value(judge: ModuleType, checked: Any, problem: Path, cache: Path, limit: float) -> Any:
    """The integer optimum of the judge's pack formulation (HiGHS' MIP through scipy `milp`).

    Where budgets are tight the LP bound is loose (a fraction of a pack per store), so the
    best integral plan is itself below it; this says by how much. Returns the best plan's
    objective and the MIP's own upper bound (equal when solved to optimality within
    `limit` seconds), cached by the problem file's hash.
    """
    digest = hashlib.sha256(problem.read_bytes()).hexdigest()[:16]
    path = cache / f"mip-{digest}.json"
    if not path.exists():
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csc_matrix

        values = [judge.pack_values(checked, i) for i in range(len(checked.mean))]
        rows = np.concatenate([np.full(len(v), i) for i, v in enumerate(values)])
        gain = np.concatenate(values)
        n, n_stores = gain.shape[0], len(checked.budget)
        k = checked.sku[rows]
        pack = checked.pack[k].astype(float)
        matrix = csc_matrix(
            (
                np.concatenate([checked.cost[k] * pack, pack]),
                (np.concatenate([checked.store[rows], n_stores + k]), np.tile(np.arange(n), 2)),
            ),
            shape=(n_stores + len(checked.stock), n),
        )
        capacity = np.concatenate([checked.budget, checked.stock])
        result = milp(
            -gain,
            constraints=LinearConstraint(matrix, -np.inf, capacity),
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            options={"time_limit": limit, "mip_rel_gap": 1e-6},
        )
        best = -float(result.fun) if result.x is not None else float("nan")
        dual = -float(getattr(result, "mip_dual_bound", float("nan")))
        path.write_text(json.dumps({"best": best, "dual": dual, "status": int(result.status)}))
    return json.loads(path.read_text())


def measure(
    judge: ModuleType, problem: Path, cache: Path, mip_limit: float = 0.0
) -> dict[str, Any]:
    """Engine and baseline runs on one problem, scored and compared with the LP bound.

    With `mip_limit` seconds, the integer optimum is sought too (`mip_value`).
    """
    document = json.loads(problem.read_bytes())
    checked = judge.Problem(document)
    engine = run_engine(problem, cache / "plan.json")
    gain, errors, _, _ = judge.score(checked, engine.plan)
    if errors:
        raise SystemExit(f"infeasible plan for {problem}: {errors[:3]}")
    baseline = run_engine(problem, cache / "baseline.json", "--proportional")
    base_gain, base_errors, _, _ = judge.score(checked, baseline.plan)
    if base_errors:
        raise SystemExit(f"infeasible baseline for {problem}: {base_errors[:3]}")
    bound = lp_bound(judge, checked, problem, cache)
    mip = mip_value(judge, checked, problem, cache, mip_limit) if mip_limit else None
    return {
        "mip": mip,
        "rows": len(document["demand"]),
        "engine": engine,
        "lp_bound": bound["lp_bound"],
        "ratio": gain / bound["lp_bound"] if bound["lp_bound"] else 1.0,
        "baseline_ratio": base_gain / bound["lp_bound"] if bound["lp_bound"] else 1.0,
        "highs": bound["lp_seconds"],
        "highs_cpu": bound["lp_cpu"],
    }


def table(results: list[tuple[str, str, dict[str, Any]]]) -> str:
    """The results as a markdown table."""
    lines = [
        "| problem | stores × SKUs | demand rows | wall s | CPU s | peak RSS MiB "
        "| ratio to LP bound | proportional | HiGHS LP s | speed-up (wall) | LP CPU s "
        "| speed-up (CPU) | MIP best / LP bound | MIP bound / LP bound |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for name, size, r in results:
        engine: Run = r["engine"]
        lines.append(
            f"| {name} | {size} | {r['rows']:,} | {engine.wall:.1f} | {engine.cpu:.1f} "
            f"| {engine.peak_mib:,.0f} | {r['ratio']:.5f} | {r['baseline_ratio']:.3f} "
            f"| {r['highs']:.1f} | {r['highs'] / engine.wall:.1f}× | {r['highs_cpu']:.1f} "
            f"| {r['highs_cpu'] / engine.cpu:.1f}× | {_mip_cells(r)} |"
        )
    return "\n".join(lines)


def _mip_cells(result: dict[str, Any]) -> str:
    mip, bound = result["mip"], result["lp_bound"]
    if not mip or not bound:
        return " | "
    proven = "" if mip["status"] == 0 else " (time limit)"
    return f"{mip['best'] / bound:.5f}{proven} | {mip['dual'] / bound:.5f}"


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200x300,500x750,1000x1500,2000x3000")
    parser.add_argument("--shapes", default="tight,scarce,packs,exclusions,mixed,skewed")
    parser.add_argument("--shape-size", default="500x750")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/peihuo-bench-allocation"))
    parser.add_argument(
        "--mip",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="also seek the integer optimum of each shape (HiGHS MIP, this time limit)",
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    judge = find_judge()
    jobs = [("gen", size) for size in args.sizes.split(",") if size]
    jobs += [(shape, args.shape_size) for shape in args.shapes.split(",") if shape]
    results = []
    # a warm-up run writes the bytecode caches of everything `peihuo allocate` imports
    warm_up = problem_file(args.cache, "gen", 20, 30, args.seed)
    run_engine(warm_up, args.cache / "plan.json")
    for kind, size in jobs:
        stores, skus = (int(x) for x in size.split("x"))
        problem = problem_file(args.cache, kind, stores, skus, args.seed)
        result = measure(judge, problem, args.cache, args.mip if kind != "gen" else 0.0)
        results.append((kind, f"{stores} × {skus}", result))
        print(
            f"{kind} {size}: {result['engine'].wall:.1f} s, ratio {result['ratio']:.5f}",
            file=sys.stderr,
            flush=True,
        )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
