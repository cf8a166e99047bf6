"""Delivery channels: e-mail over SMTP, and a signed JSON webhook for SMS and chat gateways.

Webhooks go through the outbound guard (domain.outbound): the address is checked again at each
attempt, and the delivery log keeps the status code and fixed text, never what a server said.
A webhook request carries `X-Peihuo-Timestamp` (unix seconds) and
`X-Peihuo-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so a gateway can check
that the request comes from us and is fresh (`domain.signing.verify_signature`).

Delivery is at least once: a worker that dies after the gateway took the message but before
its transaction committed leaves the attempt to run again. Every attempt of one notification
therefore carries the same key, so the receiving end keeps one: webhooks the
`Idempotency-Key: peihuo-notification-<id>` header (and the payload's `id`), e-mail a fixed
Message-ID (`<peihuo-notification-<id>@<sender's domain>>`) that mail stores and clients
collapse duplicates on.
"""

from __future__ import annotations

import asyncio
import json
import smtplib
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from domain.outbound.client import OutboundFailed, post
from domain.outbound.guard import OutboundRefused
from domain.outbound.policy import OutboundPolicy
from domain.settings import Settings
from domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from domain.stores.models import ContactChannel

IDEMPOTENCY_HEADER = "Idempotency-Key"


def idempotency_key(notification_id: int) -> str:
    """The key every attempt to deliver one notification carries."""
    return f"peihuo-notification-{notification_id}"


@dataclass(frozen=True)
class Outgoing:
    """What one attempt sends, whatever the channel."""

    notification_id: int
    kind: str
    channel: ContactChannel
    address: str | None
    subject: str
    body: str
    locale: str
    store_code: str
    store_name: str
    tenant_id: int | None = None  # said in an X-Peihuo-Tenant header (the demo's mailbox)


@dataclass(frozen=True)
class Attempt:
    """How one attempt went."""

    ok: bool
    recipient: str | None
    response_code: int | None = None
    error: str | None = None


def webhook_payload(outgoing: Outgoing) -> dict[str, Any]:
    """The JSON a gateway receives."""
    payload: dict[str, Any] = {
        "id": outgoing.notification_id,
        "kind": outgoing.kind,
        "channel": outgoing.channel.value,
        "locale": outgoing.locale,
        "store": {"code": outgoing.store_code, "name": outgoing.store_name},
        "subject": outgoing.subject,
        "text": outgoing.body,
    }
    if outgoing.channel == ContactChannel.SMS:
        payload["to"] = outgoing.address
    return payload


def _send_email_sync(settings: Settings, outgoing: Outgoing) -> Attempt:
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = outgoing.address
    message["Subject"] = outgoing.subject
    domain = parseaddr(settings.smtp_sender)[1].rpartition("@")[2] or "peihuo.invalid"
    message["Message-ID"] = f"<{idempotency_key(outgoing.notification_id)}@{domain}>"
    message["X-Peihuo-Notification"] = str(outgoing.notification_id)
    if outgoing.tenant_id is not None:
        message["X-Peihuo-Tenant"] = str(outgoing.tenant_id)
    message.set_content(outgoing.body)
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.notification_timeout
        ) as smtp:
            smtp.send_message(message)  # raises unless the server accepted the message (250)
    except smtplib.SMTPResponseException as error:
        return Attempt(False, outgoing.address, error.smtp_code, f"SMTP {error.smtp_code}")
    except (smtplib.SMTPException, OSError) as error:
        return Attempt(False, outgoing.address, None, f"SMTP failed ({type(error).__name__})")
    return Attempt(True, outgoing.address, 250)


async def send_email(settings: Settings, outgoing: Outgoing) -> Attempt:
    """Send an e-mail through the configured SMTP server (stdlib smtplib, in a thread)."""
    return await asyncio.to_thread(_send_email_sync, settings, outgoing)


async def post_webhook(
    url: str, secret: str, outgoing: Outgoing, policy: OutboundPolicy
) -> Attempt:
    """POST the signed JSON payload to a gateway through the guard; any 2xx is a delivery."""
    body = json.dumps(webhook_payload(outgoing), ensure_ascii=False, separators=(",", ":")).encode()
    # Wall-clock time, not domain.clock: the gateway checks freshness against its own clock.
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        IDEMPOTENCY_HEADER: idempotency_key(outgoing.notification_id),
    }
    try:
        reply = await post(url, body, headers, policy)
    except (OutboundRefused, OutboundFailed) as failure:
        return Attempt(False, outgoing.address, None, str(failure))
    if 200 <= reply.status < 300:
        return Attempt(True, outgoing.address, reply.status)
    why = f"HTTP {reply.status}"
    if 300 <= reply.status < 400:
        why += " (redirects are not followed)"
    return Attempt(False, outgoing.address, reply.status, why)


async def send(settings: Settings, outgoing: Outgoing) -> Attempt:
    """Deliver one notification through its channel."""
    if not outgoing.address:
        return Attempt(False, None, None, f"no {outgoing.channel.value} address for the recipient")
    secret = settings.webhook_secret.get_secret_value()
    policy = OutboundPolicy.of(settings)
    if outgoing.channel == ContactChannel.EMAIL:
        return await send_email(settings, outgoing)
    if outgoing.channel == ContactChannel.CHAT:
        return await post_webhook(outgoing.address, secret, outgoing, policy)
    if not settings.sms_gateway_url:
        return Attempt(False, outgoing.address, None, "no SMS gateway configured (sms_gateway_url)")
    return await post_webhook(settings.sms_gateway_url, secret, outgoing, policy)
