"""The demo's mail catcher: an SMTP server (aiosmtpd) inside `peihuo demo` that keeps what it
receives in memory, for the demo mailbox page (api/web/mailbox.py), like Mailpit does.

Only the demo starts it, on the SMTP host and port of the settings (127.0.0.1:8025 by default,
a free port when that one is taken), and points the demo's SMTP setting at it. A started
catcher is its process's (`running()`), which the app then shows; it keeps the latest KEEP
messages, and nothing is written anywhere.
"""

from __future__ import annotations

import socket
import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

from aiosmtpd.controller import Controller

from domain.settings import Settings

KEEP = 1000
_running: MailCatcher | None = None


@dataclass(frozen=True)
class CaughtMail:
    """One e-mail the catcher received."""

    number: int
    received_at: datetime
    sender: str
    to: tuple[str, ...]
    subject: str
    body: str
    tenant_id: int | None  # from the X-Peihuo-Tenant header the app's e-mails carry


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    return content if isinstance(content, str) else ""


def _tenant(message: EmailMessage) -> int | None:
    value = str(message.get("X-Peihuo-Tenant", "")).strip()
    return int(value) if value.isdigit() else None


class MailCatcher:
    """An SMTP server keeping the messages it receives (thread-safe), newest first on read."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port or _free_port(host)
        self._messages: deque[CaughtMail] = deque(maxlen=KEEP)
        self._lock = threading.Lock()
        self._count = 0
        self._controller = Controller(self, hostname=host, port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        """Keep a received message (aiosmtpd calls this for each one)."""
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        recipients = [a for _, a in getaddresses([str(v) for v in parsed.get_all("To", [])])]
        with self._lock:
            self._count += 1
            self._messages.append(
                CaughtMail(
                    number=self._count,
                    received_at=datetime.now(UTC),
                    sender=str(parsed.get("From", envelope.mail_from or "")),
                    to=tuple(recipients or envelope.rcpt_tos),
                    subject=str(parsed.get("Subject", "")),
                    body=_text(parsed),
                    tenant_id=_tenant(parsed),
                )
            )
        return "250 Message accepted for delivery"

    def messages(self, tenant_id: int | None = None) -> list[CaughtMail]:
        """What was received, newest first; only one tenant's when given."""
        with self._lock:
            caught = list(self._messages)
        return [m for m in reversed(caught) if tenant_id is None or m.tenant_id == tenant_id]

    def start(self) -> None:
        """Listen (in a thread of its own); the process's catcher from now on."""
        global _running
        self._controller.start()
        _running = self

    def stop(self) -> None:
        """Stop listening."""
        global _running
        self._controller.stop()
        if _running is self:
            _running = None

    def settings_for(self, settings: Settings) -> Settings:
        """The settings with their SMTP server pointing here."""
        return settings.model_copy(update={"smtp_host": self.host, "smtp_port": self.port})


def running() -> MailCatcher | None:
    """The catcher this process started (`peihuo demo`), if any."""
    return _running


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def catcher_for(settings: Settings) -> MailCatcher:
    """A catcher on the settings' SMTP address, or on a free port when that one is taken."""
    try:
        with socket.socket() as probe:
            probe.bind((settings.smtp_host, settings.smtp_port))
    except OSError:
        return MailCatcher(settings.smtp_host)
    return MailCatcher(settings.smtp_host, settings.smtp_port)
