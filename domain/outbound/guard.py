"""The outbound guard: whether the server may call a URL, and the address it will connect to.

A URL passes when it is https (or its host is on the operator's list), carries no credentials,
and every address its host resolves to is public (domain.outbound.addresses) or listed. The
check runs when a URL is set (`check_url`) and again before each call (`resolve`); the call
then connects to the address that was checked, so a name cannot change its answer in between.
"""

from __future__ import annotations

import asyncio
import re
import socket
from dataclasses import dataclass

import httpx

from domain.outbound.addresses import IPAddress, parse_address, refusal
from domain.outbound.policy import OutboundPolicy

# Host names as httpx hands them over (IDNA already ASCII); `%` (zone ids, escapes) is refused.
_HOST = re.compile(r"^[a-z0-9._:\-\[\]]+$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class OutboundRefused(Exception):
    """The guard refuses a URL; `reason` is fixed text ("loopback address"), never a reply."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"refused: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class Target:
    """A URL the guard has read: its scheme, host (ASCII), port and address when a literal."""

    url: httpx.URL
    scheme: str
    host: str
    port: int
    literal: IPAddress | None


@dataclass(frozen=True)
class Pinned:
    """A target and the checked addresses the call may connect to, in the resolver's order."""

    target: Target
    addresses: tuple[IPAddress, ...]


def parse_target(url: str) -> Target:
    """Read a URL; OutboundRefused when it is no http(s) address or carries credentials."""
    try:
        parsed = httpx.URL(url.strip())
        host = parsed.raw_host.decode("ascii").lower()
        port = parsed.port or _DEFAULT_PORTS.get(parsed.scheme, 0)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        raise OutboundRefused("not a web address") from None
    if parsed.scheme not in _DEFAULT_PORTS or not host or not _HOST.match(host):
        raise OutboundRefused("not a web address")
    if parsed.userinfo:
        raise OutboundRefused("credentials in the address")
    if not 0 < port < 65536:
        raise OutboundRefused("not a web address")
    return Target(parsed, parsed.scheme, host, port, parse_address(host))


async def lookup(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (the C library's reading of numeric forms included)."""
    loop = asyncio.get_running_loop()
    try:
        answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise OutboundRefused("name does not resolve") from None
    found: list[IPAddress] = []
    for *_, sockaddr in answers:
        address = parse_address(str(sockaddr[0]))
        if address is not None and address not in found:
            found.append(address)
    if not found:
        raise OutboundRefused("name does not resolve")
    return found


async def resolve(target: Target, policy: OutboundPolicy) -> Pinned:
    """The addresses to connect to, once the target and all its host's addresses pass."""
    addresses = [target.literal] if target.literal else await lookup(target.host, target.port)
    if not policy.allows(target.host, target.port, addresses):
        if target.scheme != "https":
            raise OutboundRefused("http is not allowed (https only)")
        for address in addresses:
            reason = refusal(address)
            if reason is not None:
                raise OutboundRefused(reason)
    return Pinned(target, tuple(addresses))


async def check_url(url: str, policy: OutboundPolicy) -> str | None:
    """Why the server may not call `url` ("refused: loopback address"), or None when it may."""
    try:
        async with asyncio.timeout(policy.timeout):
            await resolve(parse_target(url), policy)
    except OutboundRefused as refused:
        return str(refused)
    except TimeoutError:
        return "refused: name lookup timed out"
    return None
