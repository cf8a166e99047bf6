"""Outbound calls against real local stand-ins: what is listed is reached, over HTTP or pinned
HTTPS; redirects are not followed; replies are cut at the cap; slow servers time out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from domain.outbound.client import OutboundFailed, post
from domain.outbound.guard import OutboundRefused, check_url
from domain.outbound.policy import AllowedHost, OutboundPolicy
from tests.domain.outbound.conftest import BIG, Resolver, StandIn

HEADERS = {"Content-Type": "application/json"}


def listing(*entries: str, **rules: object) -> OutboundPolicy:
    return OutboundPolicy(allowed=tuple(AllowedHost.parse(e) for e in entries), **rules)  # type: ignore[arg-type]


async def test_a_listed_http_gateway_receives_the_call(http_stand_in: StandIn) -> None:
    policy = listing(f"127.0.0.1:{http_stand_in.port}")
    reply = await post(http_stand_in.url("/sms"), b'{"to": "1"}', HEADERS, policy)
    assert (reply.status, reply.body, reply.truncated) == (200, b'{"ok": true}', False)
    [request] = http_stand_in.requests
    assert (request.path, request.body) == ("/sms", b'{"to": "1"}')


async def test_an_unlisted_local_server_is_never_called(http_stand_in: StandIn) -> None:
    for url in (http_stand_in.url("/x"), http_stand_in.url("/x").replace("http:", "https:")):
        with pytest.raises(OutboundRefused):
            await post(url, b"{}", HEADERS, listing(f"127.0.0.1:{http_stand_in.port + 1}"))
    assert http_stand_in.requests == []


async def test_a_redirect_is_not_followed(http_stand_in: StandIn) -> None:
    reply = await post(
        http_stand_in.url("/redirect"), b"{}", HEADERS, listing(f"127.0.0.1:{http_stand_in.port}")
    )
    assert reply.status == 302
    assert http_stand_in.paths() == ["/redirect"]


async def test_a_big_reply_is_read_only_up_to_the_cap(http_stand_in: StandIn) -> None:
    policy = listing(f"127.0.0.1:{http_stand_in.port}", max_reply_bytes=1000)
    reply = await post(http_stand_in.url("/big"), b"{}", HEADERS, policy)
    assert (reply.status, len(reply.body), reply.truncated) == (200, 1000, True)
    assert BIG > 1000


async def test_a_slow_server_times_out(http_stand_in: StandIn) -> None:
    policy = listing(f"127.0.0.1:{http_stand_in.port}", timeout=0.3)
    started = time.monotonic()
    with pytest.raises(OutboundFailed, match=r"^timeout$"):
        await post(http_stand_in.url("/slow"), b"{}", HEADERS, policy)
    assert time.monotonic() - started < 1.5


async def test_nobody_listening_is_a_fixed_text_failure(http_stand_in: StandIn) -> None:
    closed = listing("127.0.0.1")
    with pytest.raises(OutboundFailed, match=r"^connection failed$"):
        await post("http://127.0.0.1:9/", b"{}", HEADERS, closed)


async def test_the_call_connects_to_the_address_that_was_checked(
    http_stand_in: StandIn, resolver: Resolver
) -> None:
    # The name answers loopback (listed here, as a gateway), then would answer elsewhere:
    # one lookup per call, and the connection goes where that lookup said.
    resolver.set("gateway.test", ["127.0.0.1"], ["10.9.9.9"])
    policy = listing("127.0.0.1/32")
    url = http_stand_in.url("/sms", host="gateway.test")
    reply = await post(url, b"{}", HEADERS, policy)
    assert reply.status == 200
    assert resolver.asked == ["gateway.test"]
    assert http_stand_in.requests[0].host == f"gateway.test:{http_stand_in.port}"
    with pytest.raises(OutboundRefused, match=r"^refused: "):
        await post(url, b"{}", HEADERS, policy)  # the next lookup's answer (10.9.9.9) is checked
    assert len(http_stand_in.requests) == 1


async def test_a_name_that_turns_internal_after_it_was_set_is_refused_at_the_call(
    http_stand_in: StandIn, resolver: Resolver
) -> None:
    resolver.set("rebind.test", ["93.184.216.34"], ["127.0.0.1"])
    url = http_stand_in.url("/hook", host="rebind.test").replace("http:", "https:")
    assert await check_url(url, OutboundPolicy()) is None  # when the store set it
    with pytest.raises(OutboundRefused, match="loopback address"):
        await post(url, b"{}", HEADERS, OutboundPolicy())
    assert http_stand_in.requests == []


async def test_https_is_pinned_to_the_checked_address_and_verified_for_the_name(
    https_stand_in: StandIn, resolver: Resolver, ca_file: Path
) -> None:
    resolver.set("gateway.test", ["127.0.0.1"])
    resolver.set("other.test", ["127.0.0.1"])
    policy = listing("gateway.test", "other.test", ca_file=ca_file)
    reply = await post(https_stand_in.url("/chat", host="gateway.test"), b"{}", HEADERS, policy)
    assert reply.status == 200
    assert https_stand_in.server_names == ["gateway.test"]  # SNI carries the name, not the IP
    assert https_stand_in.requests[0].host == f"gateway.test:{https_stand_in.port}"
    # The certificate is for gateway.test only: the same address under another name fails.
    with pytest.raises(OutboundFailed, match=r"^TLS failed$"):
        await post(https_stand_in.url("/chat", host="other.test"), b"{}", HEADERS, policy)
    # Without the internal CA the certificate is not trusted.
    with pytest.raises(OutboundFailed, match=r"^TLS failed$"):
        await post(
            https_stand_in.url("/chat", host="gateway.test"),
            b"{}",
            HEADERS,
            listing("gateway.test"),
        )
    assert len(https_stand_in.requests) == 1


async def test_the_next_checked_address_is_tried_when_one_cannot_be_reached(
    http_stand_in: StandIn, resolver: Resolver
) -> None:
    # Nothing listens on 127.0.0.2 (the stand-in is on 127.0.0.1): like a dual-stack host with
    # a dead address, the call goes on to the next one, which was checked too.
    resolver.set("twice.test", ["127.0.0.2", "127.0.0.1"])
    url = http_stand_in.url("/sms", host="twice.test")
    reply = await post(url, b"{}", HEADERS, listing("127.0.0.0/8"))
    assert reply.status == 200 and resolver.asked == ["twice.test"]
    with pytest.raises(OutboundRefused, match="loopback"):
        await post(url.replace("http:", "https:"), b"{}", HEADERS, listing("127.0.0.2"))
