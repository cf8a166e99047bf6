"""`peihuo allocate` end to end: a real process reads a problem file and writes a scored plan."""

from __future__ import annotations

import gc
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from api.cli import commands
from tests.domain.recommendation.allocation_factories import (
    as_document,
    find_scorer,
    lp_bound,
    random_problem,
)


def peihuo(*args: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", "from api.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, timeout=300, check=False)


def scorer() -> ModuleType:
    path = find_scorer()
    if path is None:
        pytest.skip("shared/tools/alloc_score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("alloc_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "problem.json"
    path.write_bytes(orjson.dumps(document))
    return path


def test_plan_file_passes_the_judge_within_the_lp_bound(tmp_path: Path) -> None:
    problem = random_problem(21, 60, 120, density=0.3, exclude=0.1)
    document = as_document(problem)
    source = write(tmp_path, document)
    target = tmp_path / "plan.json"
    result = peihuo("allocate", str(source), "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    assert b"expected margin" in result.stderr
    plan = orjson.loads(target.read_bytes())
    judge = scorer()
    checked = judge.Problem(document)
    gain, errors, units, _ = judge.score(checked, plan)
    assert errors == [] and units > 0
    assert gain == pytest.approx(plan["objective"], abs=0.05)
    assert gain >= 0.998 * lp_bound(problem)
    line = plan["lines"][0]
    assert set(line["reason"]) == {"mean", "on_hand", "marginal_value", "bound_by"}


def test_plan_goes_to_standard_output_without_a_target(tmp_path: Path) -> None:
    source = write(tmp_path, as_document(random_problem(22, 3, 5)))
    result = peihuo("allocate", str(source), "--quiet")
    assert result.returncode == 0 and result.stderr == b""
    plan = orjson.loads(result.stdout)
    assert plan["lines"] and plan["objective"] > 0


def test_proportional_baseline_is_available_and_feasible(tmp_path: Path) -> None:
    document = as_document(random_problem(23, 6, 12))
    source = write(tmp_path, document)
    result = peihuo("allocate", str(source), "--proportional", "-q")
    assert result.returncode == 0
    judge = scorer()
    _, errors, _, _ = judge.score(judge.Problem(document), orjson.loads(result.stdout))
    assert errors == []


def test_malformed_problem_exits_non_zero_naming_the_record_and_writes_nothing(
    tmp_path: Path,
) -> None:
    document = as_document(random_problem(24, 3, 5))
    document["demand"][2]["mean"] = -1
    del document["stores"][1]["budget"]
    source = write(tmp_path, document)
    target = tmp_path / "plan.json"
    result = peihuo("allocate", str(source), "-o", str(target))
    assert result.returncode == 2
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert "stores[1] (T001): budget missing" in stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_unknown_store_in_a_demand_row_is_refused(tmp_path: Path) -> None:
    document = as_document(random_problem(25, 3, 5))
    document["demand"][0]["store"] = "NOPE"
    result = peihuo("allocate", str(write(tmp_path, document)))
    assert result.returncode == 2 and result.stdout == b""
    assert "demand[0].store: unknown store 'NOPE'" in result.stderr.decode()


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = peihuo("allocate", str(tmp_path / "absent.json"))
    assert result.returncode == 2
    assert b"cannot read" in result.stderr and b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_in_process_run_leaves_the_garbage_collector_on(tmp_path: Path) -> None:
    # the command switches the cyclic collector off for its own run only
    problem = write(tmp_path, as_document(random_problem(seed=2, n_stores=3, n_skus=4)))
    assert gc.isenabled()
    result = CliRunner().invoke(
        commands(), ["allocate", str(problem), "-o", str(tmp_path / "plan.json"), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
    assert orjson.loads((tmp_path / "plan.json").read_bytes())["lines"]
