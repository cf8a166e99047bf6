"""Evening out the connections of `peihuo serve --workers N`'s processes: a process holding
more than its share asks a client to reconnect, and the kernel hands the new connection to
any process.

Each process listens on a socket of its own (SO_REUSEPORT, api/cli/workers.py) and the kernel
spreads new connections over them by a hash of the address pair: ten keep-alive connections
over two processes split 5/5 only a quarter of the time, and 7/3 or worse a third of the time,
when the clients of the busier process wait more than twice as long as the others. So each
process counts its open connections in a table the processes share (a file mapped in memory,
a slot per process: api/cli/workers.py counts them as uvicorn opens and closes them); a process
with more than its share (all the connections over the processes, rounded up) answers with
`Connection: close`, and the client's next connection lands on a process at random: within a
few requests the split evens out, and then nobody is asked again. A single process (no
table) never asks.
"""

from __future__ import annotations

import fcntl
import math
import mmap
import os
import struct
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_SLOT = struct.Struct("=qq")  # a process id (0: free), its open connections


class WorkerTable:
    """The shared table: a slot per API process, claimed by the process on start."""

    def __init__(self, path: Path, processes: int) -> None:
        self.processes = processes
        self._fd = os.open(path, os.O_RDWR)
        self._map = mmap.mmap(self._fd, processes * _SLOT.size)
        self._pid = os.getpid()
        self.slot = -1
        self.connections = 0
        # A connection was asked to close and has not yet: one at a time, so that a burst of
        # responses does not send away more connections than the process holds too many.
        self.closing = False

    @staticmethod
    def create(path: Path, processes: int) -> None:
        """Make an empty table for `processes` processes at `path`."""
        path.write_bytes(bytes(processes * _SLOT.size))

    def claim(self) -> int:
        """Take a free slot (or the slot of a process that has died) for this process."""
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            for index in range(self.processes):
                pid, _ = _SLOT.unpack_from(self._map, index * _SLOT.size)
                if pid == 0 or not _alive(pid):
                    _SLOT.pack_into(self._map, index * _SLOT.size, self._pid, 0)
                    self.slot = index
                    return index
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        raise RuntimeError(f"no free slot in the worker table of {self.processes} processes")

    def count(self, change: int) -> None:
        """Add `change` to this process's open connections."""
        self.connections += change
        if change < 0:
            self.closing = False
        _SLOT.pack_into(self._map, self.slot * _SLOT.size, self._pid, self.connections)

    def over_share(self) -> bool:
        """Whether this process holds more connections than its share (and more than one)."""
        total, processes = 0, 0
        for pid, connections in _SLOT.iter_unpack(self._map):
            if pid:
                total += connections
                processes += 1
        share = math.ceil(total / max(processes, 1))
        return self.connections > 1 and self.connections > share

    def wants_close(self) -> bool:
        """Whether the response being sent should close its connection (then it is the one
        closing, until a connection of this process closes)."""
        if self.closing or not self.over_share():
            return False
        self.closing = True
        return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


table: WorkerTable | None = None
"""This process's table, when it is one of several (`join_table`)."""


def join_table(path: Path, processes: int) -> WorkerTable:
    """Take this process's slot in the table at `path` (an API process of several, on start)."""
    global table
    table = WorkerTable(path, processes)
    table.claim()
    return table


class Balance:
    """While this process holds more than its share of the connections, ask each client it
    answers to reconnect (`Connection: close` on the response)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        shared = table
        if shared is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start" and shared.wants_close():
                message["headers"] = [*message.get("headers", []), (b"connection", b"close")]
            await send(message)

        await self.app(scope, receive, send_closing)
