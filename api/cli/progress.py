"""Progress of long commands, drawn as a rich progress bar on stderr (stdout stays for output)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

err = Console(stderr=True)


class BarProgress:
    """A progress bar per phase (a spinner while the size is unknown); a context manager."""

    def __init__(self, console: Console | None = None) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or err,
            transient=False,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> BarProgress:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._finish()
        self.progress.stop()

    def _finish(self) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            if task.total is None:
                self.progress.update(
                    self.task, total=max(task.completed, 1), completed=max(task.completed, 1)
                )
            else:
                self.progress.update(self.task, completed=task.total)

    def phase(self, name: str, total: int | None) -> None:
        """Close the current bar and start one for `name`."""
        self._finish()
        self.task = self.progress.add_task(name, total=total)

    def advance(self, count: int) -> None:
        """Move the current bar on by `count`."""
        if self.task is not None:
            self.progress.advance(self.task, count)
