"""The outbound guard refuses every way of writing an internal address, and lets the operator
list the internal hosts of on-premises gateways."""

from __future__ import annotations

import pytest

from domain.outbound.guard import check_url
from domain.outbound.policy import AllowedHost, OutboundPolicy
from tests.domain.outbound.conftest import Resolver

OPEN = OutboundPolicy()
LOOPBACK = "refused: loopback address"
PRIVATE = "refused: private address"
LINK_LOCAL = "refused: link-local address"

REFUSED = [
    # loopback, in every notation the C library reads as 127.0.0.1
    ("https://127.0.0.1/", LOOPBACK),
    ("https://127.1/", LOOPBACK),
    ("https://127.0.1/", LOOPBACK),
    ("https://2130706433/", LOOPBACK),
    ("https://0x7f000001/", LOOPBACK),
    ("https://0x7f.1/", LOOPBACK),
    ("https://017700000001/", LOOPBACK),
    ("https://0177.0.0.1/", "refused: not a web address"),  # httpx will not read it at all
    ("https://127.255.255.254:8443/admin", LOOPBACK),
    ("https://[::1]/", LOOPBACK),
    ("https://[0:0:0:0:0:0:0:1]/", LOOPBACK),
    ("https://[::ffff:127.0.0.1]/", LOOPBACK),
    ("https://[::ffff:7f00:1]/", LOOPBACK),
    ("https://[::127.0.0.1]/", LOOPBACK),
    ("https://[64:ff9b::127.0.0.1]/", LOOPBACK),
    ("https://[2002:7f00:1::]/", LOOPBACK),
    ("https://localhost/hook", LOOPBACK),
    ("https://LOCALHOST:8443/hook", LOOPBACK),
    ("https://loopback.test/", LOOPBACK),  # a name the resolver answers with 127.0.0.1
    ("https://sneaky.test/", LOOPBACK),  # one public and one loopback answer
    # private networks
    ("https://10.0.0.1/", PRIVATE),
    ("https://10.255.255.255/", PRIVATE),
    ("https://172.16.0.1/", PRIVATE),
    ("https://172.31.255.254/", PRIVATE),
    ("https://192.168.1.1/", PRIVATE),
    ("https://3232235777/", PRIVATE),  # 192.168.1.1
    ("https://[::ffff:10.0.0.1]/", PRIVATE),
    ("https://[fc00::1]/", PRIVATE),
    ("https://[fd00:ec2::254]/", PRIVATE),
    ("https://[fec0::1]/", PRIVATE),
    ("https://[64:ff9b:1::a00:1]/", PRIVATE),
    ("https://intranet.test/", PRIVATE),  # a name the resolver answers with 10.1.2.3
    ("https://100.64.0.1/", "refused: shared (carrier-grade NAT) address"),
    ("https://100.127.255.254/", "refused: shared (carrier-grade NAT) address"),
    # link-local (cloud metadata), unspecified, multicast, reserved
    ("https://169.254.169.254/latest/meta-data/", LINK_LOCAL),
    ("https://[::ffff:169.254.169.254]/", LINK_LOCAL),
    ("https://[fe80::1]/", LINK_LOCAL),
    ("https://[febf::1]/", LINK_LOCAL),
    ("https://0.0.0.0/", "refused: unspecified address"),
    ("https://0/", "refused: unspecified address"),
    ("https://[::]/", "refused: unspecified address"),
    ("https://224.0.0.1/", "refused: multicast address"),
    ("https://239.255.255.250/", "refused: multicast address"),
    ("https://[ff02::1]/", "refused: multicast address"),
    ("https://255.255.255.255/", PRIVATE),
    ("https://192.0.2.1/", PRIVATE),  # documentation
    ("https://198.18.0.1/", PRIVATE),  # benchmarking
    ("https://[2001:db8::1]/", PRIVATE),
    ("https://[100::1]/", PRIVATE),  # discard-only
    # not https, or not an address the guard will read
    ("http://93.184.216.34/hook", "refused: http is not allowed (https only)"),
    ("http://public.test/hook", "refused: http is not allowed (https only)"),
    ("ftp://public.test/hook", "refused: not a web address"),
    ("file:///etc/passwd", "refused: not a web address"),
    ("gopher://127.0.0.1:6379/_INFO", "refused: not a web address"),
    ("https:///hook", "refused: not a web address"),
    ("https://[fe80::1%25eth0]/", "refused: not a web address"),
    ("https://127.0.0.1:99999/", "refused: not a web address"),
    ("https://user:secret@public.test/", "refused: credentials in the address"),
    ("https://public.test@127.0.0.1/", "refused: credentials in the address"),
    ("https://nowhere.test/", "refused: name does not resolve"),
]


@pytest.fixture(autouse=True)
def names(resolver: Resolver) -> Resolver:
    resolver.set("loopback.test", ["127.0.0.1"])
    resolver.set("sneaky.test", ["93.184.216.34", "127.0.0.1"])
    resolver.set("intranet.test", ["10.1.2.3"])
    resolver.set("public.test", ["93.184.216.34", "2606:2800:220:1::1"])
    return resolver


@pytest.mark.parametrize(("url", "why"), REFUSED)
async def test_an_internal_address_is_refused_however_it_is_written(url: str, why: str) -> None:
    assert await check_url(url, OPEN) == why


@pytest.mark.parametrize(
    "url",
    [
        "https://public.test/hooks/abc?token=1",
        "https://93.184.216.34/",
        "https://[2606:4700::1111]:8443/",
        "https://[::ffff:93.184.216.34]/",
        "https://[64:ff9b::93.184.216.34]/",  # DNS64 on an IPv6-only network
    ],
)
async def test_a_public_https_address_passes(url: str) -> None:
    assert await check_url(url, OPEN) is None


async def test_the_operator_lists_internal_gateways_by_name_address_or_network() -> None:
    listed = OutboundPolicy(
        allowed=tuple(
            AllowedHost.parse(e) for e in ["intranet.test", "127.0.0.1:8025", "10.0.0.0/8:443"]
        )
    )
    assert await check_url("http://intranet.test:8080/sms", listed) is None
    assert await check_url("http://127.0.0.1:8025/sms", listed) is None
    assert await check_url("https://10.9.8.7/sms", listed) is None
    assert await check_url("https://127.0.0.1:8026/sms", listed) == LOOPBACK
    assert await check_url("https://10.9.8.7:8443/sms", listed) == PRIVATE
    assert await check_url("https://sneaky.test/", listed) == LOOPBACK
    assert await check_url("https://public.test@127.0.0.1:8025/", listed) == (
        "refused: credentials in the address"
    )


@pytest.mark.parametrize(
    ("entry", "name", "network", "port"),
    [
        ("sms.corp.internal", "sms.corp.internal", None, None),
        ("SMS.corp.internal.:8080", "sms.corp.internal", None, 8080),
        ("10.0.0.5", None, "10.0.0.5/32", None),
        ("10.20.0.0/16:8080", None, "10.20.0.0/16", 8080),
        ("fd00::/8", None, "fd00::/8", None),
        ("[fd00::5]:443", None, "fd00::5/128", 443),
    ],
)
def test_allow_list_entries_are_read(
    entry: str, name: str | None, network: str | None, port: int | None
) -> None:
    host = AllowedHost.parse(entry)
    assert (host.name, str(host.network) if host.network else None, host.port) == (
        name,
        network,
        port,
    )


@pytest.mark.parametrize("entry", ["", "host:port", "host:0", "host:70000", "[fd00::5"])
def test_an_unreadable_allow_list_entry_is_an_error(entry: str) -> None:
    with pytest.raises(ValueError, match="outbound_allowed_hosts"):
        AllowedHost.parse(entry)
