"""`peihuo allocate PROBLEM.json [-o PLAN.json]`: solve a network allocation problem file.

The plan goes to PLAN.json (written whole or not at all) or to standard output; progress and
errors go to standard error. A malformed problem exits with status 2 and names the faulty
field and record.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from domain.errors import DomainError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


def _stderr() -> Console:
    """A rich console on standard error, made (and rich imported) only when something is said."""
    from rich.console import Console

    return Console(stderr=True)


def allocate(
    problem_path: Path = typer.Argument(..., metavar="PROBLEM.json", help="Problem to solve."),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="PLAN.json", help="Write the plan here (default: stdout)."
    ),
    baseline: bool = typer.Option(
        False, "--proportional", help="Make the proportional baseline plan instead."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on standard error."),
) -> None:
    """Allocate HQ stock across stores: the plan of greatest expected margin within budgets."""
    # The engine's numpy work is elementwise; OpenBLAS would start a pool of threads that
    # spin after each call and cost a tenth of the process's CPU. One thread, unless the
    # caller chose otherwise (read when numpy is first imported, just below).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _keep_freed_memory()
    # Millions of objects (rows read, lines written) and no cycles among them: the cyclic
    # collector would only rescan them, for a tenth of the run time. It is switched back
    # on afterwards for callers that go on (tests run the command in their own process).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _allocate(problem_path, output, baseline=baseline, quiet=quiet)
    finally:
        if collecting:
            gc.enable()


def _allocate(problem_path: Path, output: Path | None, *, baseline: bool, quiet: bool) -> None:
    from domain.recommendation.allocation import (
        plan_document,
        proportional,
        read_problem,
        solve,
    )

    start = time.perf_counter()
    with _ProgressBar(quiet) as report:
        try:
            report("reading", 0.0)
            problem = read_problem(problem_path)
            plan = proportional(problem) if baseline else solve(problem, progress=report)
        except DomainError as error:
            err = _stderr()
            for fault in error.errors[:20]:
                err.print(f"[red]error:[/] {fault.message}", highlight=False, markup=True)
            raise typer.Exit(2) from None
    document = plan_document(problem, plan, time.perf_counter() - start)
    if output is None:
        sys.stdout.buffer.write(document + b"\n")
        sys.stdout.flush()
    else:
        _write_whole(output, document)
    if not quiet:
        bound = plan.upper_bound
        err = _stderr()
        gap = f", within {1 - plan.objective / bound:.3%} of the upper bound" if bound > 0 else ""
        err.print(
            f"{int((plan.qty > 0).sum())} lines, {int(plan.qty.sum())} units, "
            f"expected margin {plan.objective:,.2f}{gap}, {time.perf_counter() - start:.1f} s",
            highlight=False,
        )


#: glibc's mallopt parameters
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3


def _keep_freed_memory() -> None:
    """Have glibc keep freed memory for the next arrays instead of handing it back.

    The solve makes and drops arrays of millions of elements; by default each one larger
    than a dynamic threshold is mapped fresh and unmapped when freed, and the page faults
    of mapping it again were a fifth of the process's CPU. The process is short-lived, so
    holding on to its peak memory costs nothing (a process that runs the command in-process,
    such as a test, keeps these settings). Elsewhere than glibc, nothing is changed.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # the largest glibc allows
        libc.mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)
        libc.mallopt(_M_TOP_PAD, 256 << 20)
    except (OSError, AttributeError):
        return


def _write_whole(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written plan."""
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _ProgressBar:
    """A rich progress bar on standard error, as a `Progress` callback (or silence)."""

    def __init__(self, quiet: bool) -> None:
        self.bar: Progress | None = None
        if not quiet:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description:<12}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=_stderr(),
                transient=True,
            )
        self.task: TaskID | None = None

    def __enter__(self) -> _ProgressBar:
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task("reading", total=1.0)
        return self

    def __call__(self, phase: str, done: float) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, description=phase, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
