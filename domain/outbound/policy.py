"""What the operator allows outbound calls: the internal hosts listed, the timeout, the reply cap
and the certificates trusted (from `PEIHUO_OUTBOUND_*`)."""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

import certifi

from domain.outbound.addresses import IPAddress
from domain.settings import Settings


@dataclass(frozen=True)
class AllowedHost:
    """One entry of the operator's list: a host name or a network, and a port or any port."""

    name: str | None
    network: IPv4Network | IPv6Network | None
    port: int | None

    @classmethod
    def parse(cls, entry: str) -> AllowedHost:
        """`sms.internal`, `sms.internal:8080`, `10.0.0.5`, `10.0.0.0/8:443`, `[fd00::5]:443`."""
        text = entry.strip().lower()
        host, port = text, None
        if text.startswith("["):
            host, bracket, rest = text[1:].partition("]")
            if not bracket or (rest and not rest.startswith(":")):
                raise ValueError(f"outbound_allowed_hosts: {entry!r} is not host[:port]")
            port = rest.removeprefix(":") or None
        elif text.count(":") == 1:
            host, port = text.split(":")
        if not host or (port is not None and not (port.isdigit() and 0 < int(port) < 65536)):
            raise ValueError(f"outbound_allowed_hosts: {entry!r} is not host[:port]")
        try:
            network = ip_network(host, strict=False)
        except ValueError:
            return cls(host.rstrip("."), None, int(port) if port else None)
        return cls(None, network, int(port) if port else None)

    def matches(self, host: str, port: int, addresses: Sequence[IPAddress]) -> bool:
        """Whether a call to `host`:`port`, resolved to `addresses`, is one this entry allows."""
        if self.port is not None and self.port != port:
            return False
        if self.name is not None:
            return self.name == host.rstrip(".")
        network = self.network
        return network is not None and all(a in network for a in addresses)


@dataclass(frozen=True)
class OutboundPolicy:
    """The rules every outbound call follows."""

    allowed: tuple[AllowedHost, ...] = ()
    timeout: float = 5.0
    max_reply_bytes: int = 64 * 1024
    ca_file: Path | None = None

    @classmethod
    def of(cls, settings: Settings) -> OutboundPolicy:
        """The policy the settings give (an entry that cannot be read is an error)."""
        return cls(
            allowed=tuple(AllowedHost.parse(e) for e in settings.outbound_allowed_hosts),
            timeout=settings.outbound_timeout,
            max_reply_bytes=settings.outbound_max_reply_bytes,
            ca_file=settings.outbound_ca_file,
        )

    def allows(self, host: str, port: int, addresses: Sequence[IPAddress]) -> bool:
        """Whether the operator listed this host (then internal addresses and http are fine)."""
        return any(entry.matches(host, port, addresses) for entry in self.allowed)

    def tls(self) -> ssl.SSLContext:
        """The TLS context of outbound HTTPS (certificate and host name checked)."""
        return _tls_context(str(self.ca_file) if self.ca_file else certifi.where())


@cache
def _tls_context(ca_file: str) -> ssl.SSLContext:
    # Loading a CA bundle takes tens of milliseconds: once per process and bundle.
    return ssl.create_default_context(cafile=ca_file)
