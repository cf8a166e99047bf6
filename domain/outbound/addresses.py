"""Which IP addresses are public: the only ones an outbound call may reach unless listed.

Python's `ipaddress` flags cover most special ranges, but not all of them the same way on
every 3.11 patch release (IPv4 multicast counts as "global" there, and IPv6 forms that carry
an IPv4 address inside are judged on the IPv6 form only), so the checks are spelled out: an
IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64, 6to4, Teredo) is judged by
the IPv4 address it reaches as well.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address
from typing import Final

IPAddress = IPv4Address | IPv6Address

_CGNAT: Final = IPv4Network("100.64.0.0/10")
_NAT64: Final = IPv6Network("64:ff9b::/96")
_LOCAL_NAT64: Final = IPv6Network("64:ff9b:1::/48")
_COMPATIBLE: Final = IPv6Network("::/96")  # deprecated IPv4-compatible addresses
_SIX_TO_FOUR: Final = IPv6Network("2002::/16")


def parse_address(text: str) -> IPAddress | None:
    """The address written in canonical notation (`127.0.0.1`, `::1`, `[::1]`), else None.

    Other notations of IPv4 (`127.1`, `2130706433`, `0x7f000001`) are left to the resolver,
    which reads them as the C library does, so the address checked is the one connected to.
    """
    try:
        return ip_address(text.removeprefix("[").removesuffix("]"))
    except ValueError:
        return None


def _embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 address carries (and reaches through a translator), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or (address in _COMPATIBLE and int(address) > 1):
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _ipv4_refusal(address: IPv4Address) -> str | None:
    if address.is_unspecified:
        return "unspecified address"
    if address.is_loopback:
        return "loopback address"
    if address.is_link_local:
        return "link-local address"
    if address.is_multicast:
        return "multicast address"
    if address in _CGNAT:
        return "shared (carrier-grade NAT) address"
    if address.is_private:
        return "private address"
    if address.is_reserved or not address.is_global:
        return "reserved address"
    return None


def _ipv6_refusal(address: IPv6Address) -> str | None:
    if address.is_unspecified:
        return "unspecified address"
    if address.is_loopback:
        return "loopback address"
    if address.is_link_local:
        return "link-local address"
    if address.is_multicast:
        return "multicast address"
    if address.is_site_local or address in _LOCAL_NAT64:
        return "private address"
    if address.is_private:
        return "private address"
    if address.is_reserved or not address.is_global:
        return "reserved address"
    return None


def refusal(address: IPAddress) -> str | None:
    """Why an outbound call may not reach `address` ("loopback address", …); None if public."""
    if isinstance(address, IPv4Address):
        return _ipv4_refusal(address)
    if address.scope_id:
        return "link-local address"
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        inner = _ipv4_refusal(embedded)
        if inner is not None:
            return inner
        if address.ipv4_mapped is not None or address in _COMPATIBLE or address in _NAT64:
            return None  # the IPv4 address itself, written as IPv6 (or reached through DNS64)
    return _ipv6_refusal(address)
