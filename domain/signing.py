"""Signed webhook requests, both ways: the notifications we send and the carrier events we receive.

A request carries `X-Peihuo-Timestamp` (unix seconds) and
`X-Peihuo-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`; the receiver checks the
signature and that the timestamp is fresh.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-Peihuo-Timestamp"
SIGNATURE_HEADER = "X-Peihuo-Signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def fresh(timestamp: str, tolerance: int = 300, now: float | None = None) -> bool:
    """Whether a timestamp header is unix seconds within `tolerance` of `now` (default: wall clock)."""
    reference = time.time() if now is None else now
    return timestamp.isdigit() and abs(reference - int(timestamp)) <= tolerance


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """Whether a webhook request is signed with `secret` and at most `tolerance` seconds old.

    `now` is the receiver's time in unix seconds (default: the wall clock).
    """
    if not fresh(timestamp, tolerance, now):
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
