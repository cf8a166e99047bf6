"""`peihuo serve --workers N`: uvicorn's supervisor, each API process on a listening socket of
its own (SO_REUSEPORT) where the system has it.

With one socket shared by every process, the processes race to accept, and the one that wins
takes every connection waiting then (an event loop accepts in a batch): a closed-loop client's
ten keep-alive connections were seen all on one of two processes, which then ran at one core
while the other idled. With a socket per process the kernel spreads new connections over them
by a hash of the address pair, so that on average each process serves its share; a process
holding more connections than its share asks clients to reconnect (api/web/balance.py), the
connections counted in a table the processes share, made here.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from pathlib import Path

from uvicorn import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import multiprocess

from api.web import balance
from api.web.balance import WorkerTable, join_table

# The table's path, handed to the API processes (spawned: they inherit the environment).
TABLE_VARIABLE = "PEIHUO_WORKER_TABLE"


def reuse_port_supported() -> bool:
    """Whether the kernel balances connections over sockets bound with SO_REUSEPORT (Linux)."""
    return sys.platform == "linux" and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) in the port's SO_REUSEPORT group (not yet listening)."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def check_port_free(host: str, port: int) -> None:
    """Raise OSError (address in use) when something listens on the port already.

    Bound without SO_REUSEPORT, so that it fails against any listener, another `peihuo serve`
    included, which SO_REUSEPORT would otherwise let the workers silently share the port with.
    """
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


class CountedHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol (httptools), counting this process's open connections in the
    processes' shared table (api/web/balance.py)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if balance.table is not None:
            balance.table.count(1)

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if balance.table is not None:
            balance.table.count(-1)


class ReusePortProcess(multiprocess.Process):
    """One API process of uvicorn's supervisor, serving on a socket it binds itself (a
    replacement of a dead process binds its own the same way)."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        # Runs in the spawned process: the parent's (empty) list of sockets is ignored.
        if table := os.environ.get(TABLE_VARIABLE):
            join_table(Path(table), self.config.workers)
        super().target([reuse_port_socket(self.config.host, self.config.port)])


def run_workers(config: Config) -> None:
    """Run `config.workers` API processes under uvicorn's supervisor (restarts a dead one,
    forwards signals) until it is told to stop."""
    if not reuse_port_supported():
        multiprocess.Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    check_port_free(config.host, config.port)
    # The supervisor makes its processes through this module attribute (in this, the parent
    # process only; each child imports the class by name when spawned).
    multiprocess.Process = ReusePortProcess  # type: ignore[misc]
    shm = Path("/dev/shm")
    fd, name = tempfile.mkstemp(prefix="peihuo-workers-", dir=shm if shm.is_dir() else None)
    os.close(fd)
    WorkerTable.create(Path(name), config.workers)
    os.environ[TABLE_VARIABLE] = name
    config.http = CountedHttpProtocol
    try:
        multiprocess.Multiprocess(config, sockets=[]).run()
    finally:
        os.environ.pop(TABLE_VARIABLE, None)
        Path(name).unlink(missing_ok=True)
