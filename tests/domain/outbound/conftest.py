"""A real local HTTP(S) server standing in for a chat service or an SMS gateway, and a resolver
that answers chosen names (so that a test can make a name point anywhere)."""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from domain.outbound import guard
from domain.outbound.addresses import IPAddress, parse_address

BIG = 5 * 1024 * 1024


@dataclass
class Request:
    """One request the stand-in got."""

    path: str
    host: str
    body: bytes


@dataclass
class StandIn:
    """The stand-in's address and what it saw (requests, TLS server names)."""

    port: int
    scheme: str
    requests: list[Request] = field(default_factory=list)
    server_names: list[str | None] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def _handler(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            stand_in.requests.append(Request(self.path, self.headers.get("Host", ""), body))
            if self.path == "/slow":
                time.sleep(2)
            if self.path == "/redirect":
                self._answer(302, b"", {"Location": stand_in.url("/ok")})
            elif self.path == "/big":
                self._answer(200, b"x" * BIG)
            elif self.path == "/error":
                self._answer(500, b"Traceback: password=hunter2")
            else:
                self._answer(200, b'{"ok": true}')

        def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # a client that stopped reading at its cap hangs up

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def _serve(stand_in: StandIn, tls: ssl.SSLContext | None) -> Iterator[StandIn]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    if tls is not None:
        tls.sni_callback = lambda _sock, name, _ctx: stand_in.server_names.append(name)
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    stand_in.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield stand_in
    server.shutdown()
    server.server_close()


@pytest.fixture
def http_stand_in() -> Iterator[StandIn]:
    """A plain-HTTP stand-in on a free loopback port."""
    yield from _serve(StandIn(0, "http"), None)


@pytest.fixture(scope="session")
def certificate_authority() -> trustme.CA:
    """A throwaway CA for the HTTPS stand-in."""
    return trustme.CA()


@pytest.fixture
def ca_file(certificate_authority: trustme.CA, tmp_path: Path) -> Path:
    """The CA's certificate as a PEM file (what `PEIHUO_OUTBOUND_CA_FILE` names)."""
    path = tmp_path / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def https_stand_in(certificate_authority: trustme.CA) -> Iterator[StandIn]:
    """An HTTPS stand-in whose certificate is for `gateway.test` only."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate_authority.issue_cert("gateway.test").configure_cert(context)
    yield from _serve(StandIn(0, "https"), context)


@dataclass
class Resolver:
    """Answers for chosen names (a list per name: each lookup takes the next answer)."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def set(self, name: str, *answers: list[str]) -> None:
        self.answers[name] = list(answers)


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    """Names ending in `.test` resolve as the test says; every other name as the system does."""
    fake = Resolver()
    real = guard.lookup

    async def lookup(host: str, port: int) -> list[IPAddress]:
        fake.asked.append(host)
        if not host.endswith(".test"):
            return await real(host, port)
        queue = fake.answers.get(host)
        if not queue:
            raise guard.OutboundRefused("name does not resolve")
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        return [a for a in map(parse_address, answer) if a is not None]

    monkeypatch.setattr(guard, "lookup", lookup)
    return fake
