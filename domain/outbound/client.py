"""Making an outbound call: POST to the pinned address, no redirects, a deadline, a reply cap.

The request goes to the address the guard checked (the URL's host replaced by it) while the
Host header and the TLS server name (SNI, and the certificate check) stay the URL's name, so
no second lookup happens between the check and the connection.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from domain.outbound.guard import Pinned, parse_target, resolve
from domain.outbound.policy import OutboundPolicy


class OutboundFailed(Exception):
    """A call that was allowed but did not get a reply; `reason` is fixed text ("timeout")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Reply:
    """What came back: the status and at most the policy's number of bytes of the body."""

    status: int
    body: bytes
    truncated: bool


async def post(
    url: str, content: bytes, headers: Mapping[str, str], policy: OutboundPolicy
) -> Reply:
    """POST `content` to `url` through the guard.

    Raises OutboundRefused (the guard said no) or OutboundFailed (timeout, no connection, TLS).
    A redirect is a reply like any other (3xx), never followed.
    """
    try:
        async with asyncio.timeout(policy.timeout):
            pinned = await resolve(parse_target(url), policy)
            return await _send(pinned, content, headers, policy)
    except TimeoutError:
        raise OutboundFailed("timeout") from None


async def _send(
    pinned: Pinned, content: bytes, headers: Mapping[str, str], policy: OutboundPolicy
) -> Reply:
    target = pinned.target
    extensions = {}
    if target.scheme == "https" and target.literal is None:
        extensions["sni_hostname"] = target.host
    fixed = {"Host": target.url.netloc.decode("ascii"), "Accept-Encoding": "identity"}
    async with httpx.AsyncClient(
        verify=policy.tls(), trust_env=False, follow_redirects=False, timeout=policy.timeout
    ) as client:
        for index, address in enumerate(pinned.addresses):
            request = client.build_request(
                "POST",
                target.url.copy_with(host=str(address)),
                content=content,
                headers={**headers, **fixed},
                extensions=extensions,
            )
            try:
                response = await client.send(request, stream=True)
            except httpx.TimeoutException:
                raise OutboundFailed("timeout") from None
            except httpx.HTTPError as error:
                reason = _failure(error)
                # Like a browser, try the host's next (checked) address when one cannot be reached.
                if reason == "connection failed" and index + 1 < len(pinned.addresses):
                    continue
                raise OutboundFailed(reason) from None
            try:
                body, truncated = await _read_capped(response, policy.max_reply_bytes)
            finally:
                await response.aclose()
            return Reply(response.status_code, body, truncated)
    raise OutboundFailed("connection failed")  # no address (the guard never gives none)


async def _read_capped(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes of the body as sent (no decompression: no zip bombs either)."""
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            if len(body) + len(chunk) > limit:
                body += chunk[: limit - len(body)]
                return bytes(body), True
            body += chunk
    except httpx.HTTPError:
        return bytes(body), True  # the status is what counts; a broken body is cut short
    return bytes(body), False


def _failure(error: httpx.HTTPError) -> str:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return "TLS failed"
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, httpx.ConnectError):
        return "connection failed"
    return "HTTP exchange failed"


__all__ = ["OutboundFailed", "Reply", "post"]
