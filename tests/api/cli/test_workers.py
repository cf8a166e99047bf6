"""`peihuo serve --workers N`: each API process listens on a socket of its own."""

from __future__ import annotations

import socket

import pytest

from api.cli.workers import check_port_free, reuse_port_socket, reuse_port_supported

pytestmark = pytest.mark.skipif(not reuse_port_supported(), reason="SO_REUSEPORT is Linux's")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_two_processes_sockets_share_the_port_and_both_accept() -> None:
    port = _free_port()
    first, second = reuse_port_socket("127.0.0.1", port), reuse_port_socket("127.0.0.1", port)
    clients: list[socket.socket] = []
    try:
        for sock in (first, second):
            sock.listen()
        accepted = set()
        for _ in range(64):  # the kernel spreads connections by a hash of the address pair
            client = socket.create_connection(("127.0.0.1", port))
            clients.append(client)
        for sock in (first, second):
            sock.setblocking(False)
            try:
                while True:
                    connection, _ = sock.accept()
                    connection.close()
                    accepted.add(sock.fileno())
            except BlockingIOError:
                pass
        assert accepted == {first.fileno(), second.fileno()}
    finally:
        for sock in (first, second, *clients):
            sock.close()


def test_a_port_already_served_is_refused_before_any_process_starts() -> None:
    port = _free_port()
    check_port_free("127.0.0.1", port)  # free: no error
    listening = reuse_port_socket("127.0.0.1", port)
    listening.listen()
    try:
        with pytest.raises(OSError):
            check_port_free("127.0.0.1", port)
    finally:
        listening.close()
