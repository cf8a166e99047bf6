"""The one source of "now", so that time-driven behaviour can be tested with a controlled clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

_frozen: datetime | None = None


def now() -> datetime:
    """The current time, aware, in UTC (or the frozen time under `frozen_clock`)."""
    return _frozen if _frozen is not None else datetime.now(UTC)


@contextmanager
def frozen_clock(at: datetime) -> Iterator[FrozenClock]:
    """Freeze `now()` at `at` for the duration; the yielded clock can be moved forward."""
    global _frozen
    previous = _frozen
    clock = FrozenClock()
    _frozen = at if at.tzinfo else at.replace(tzinfo=UTC)
    try:
        yield clock
    finally:
        _frozen = previous


class FrozenClock:
    """Handle on a frozen clock."""

    def advance(self, delta: timedelta) -> datetime:
        """Move the frozen time forward and return it."""
        global _frozen
        assert _frozen is not None, "clock is not frozen"
        _frozen = _frozen + delta
        return _frozen

    def set(self, at: datetime) -> None:
        """Jump to a given time."""
        global _frozen
        _frozen = at if at.tzinfo else at.replace(tzinfo=UTC)
