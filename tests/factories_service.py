"""Factories and real local services for the service-loop tests.

- `make_order`: Order/OrderLine rows inserted directly, in any status at any time, without the
  notifications the order lifecycle sends (which these tests count); the lifecycle itself is
  driven through the order services by tests/domain/orders/factories.py;
- `mailbox`: a real SMTP server (aiosmtpd) on a free port, collecting what it receives;
- `receiver`: a real HTTP server on a free port that checks our webhook signature and can be
  told to fail the first requests of a path;
- `service_settings`: the test settings pointing at both, used by the job runner for the test.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from email import message_from_bytes
from email.message import Message as EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import pytest_asyncio
from aiosmtpd.controller import Controller
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.jobs import runner
from domain.jobs.worker import drain_async
from domain.notifications.models import Notification, NotificationDelivery
from domain.orders.models import Order, OrderLine, OrderStatus
from domain.settings import Settings
from domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.factories import World, system, unique

_numbers = itertools.count(1)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- rows -------------------------------------------------------------------------------------


async def make_order(
    db: Database,
    world: World,
    store: Store,
    status: OrderStatus = OrderStatus.PROPOSED,
    proposed_at: datetime | None = None,
    expires_at: datetime | None = None,
    created_at: datetime | None = None,
    units: int = 2,
) -> Order:
    """An order of `store` with one line, in `status` (proposed now unless told otherwise)."""
    now = clock.now()
    if status != OrderStatus.DRAFT and proposed_at is None:
        proposed_at = now
    async with tenant_session(db, system(world.tenant)) as session:
        order = Order(
            store_id=store.id,
            number=f"PO-{next(_numbers):05d}-{unique('')[-4:]}",
            status=status,
            merchandiser_id=store.merchandiser_id,
            budget=Decimal("5000.00"),
            total_cost=Decimal("90.00") * units,
            total_retail=Decimal("199.00") * units,
            total_units=units,
            proposed_at=proposed_at,
            viewed_at=proposed_at if status == OrderStatus.VIEWED else None,
            expires_at=expires_at,
            created_at=created_at or proposed_at or now,
        )
        order.lines = [
            OrderLine(
                sku_id=world.skus[0].id,
                recommended_qty=units,
                qty=units,
                unit_cost=Decimal("90.00"),
                retail_price=Decimal("199.00"),
            )
        ]
        session.add(order)
        await session.commit()
        return order


async def update_store(db: Database, world: World, store: Store, **fields: Any) -> Store:
    """Change a store's columns (channel, webhook, quiet hours, time zone...)."""
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Store, store.id)
        assert row is not None
        for name, value in fields.items():
            setattr(row, name, value)
        await session.commit()
        return row


async def set_service_policy(db: Database, world: World, **service: Any) -> None:
    """Change the tenant's service policy (reminder hours, cap, SLAs)."""
    async with db.session() as session:
        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        policies = tenant.policies
        tenant.policies = policies.model_copy(
            update={"service": policies.service.model_copy(update=service)}
        )
        await session.commit()


async def quiet(
    db: Database, world: World, store: Store, start: time, end: time, zone: str = "Asia/Shanghai"
) -> Store:
    """Give a store quiet hours in a time zone."""
    return await update_store(
        db, world, store, quiet_hours_start=start, quiet_hours_end=end, time_zone=zone
    )


async def notifications_of(db: Database, world: World, store: Store) -> list[Notification]:
    """A store's notifications, oldest first."""
    async with tenant_session(db, system(world.tenant)) as session:
        return list(
            await session.scalars(
                select(Notification)
                .where(Notification.store_id == store.id)
                .order_by(Notification.id)
            )
        )


async def deliveries_of(db: Database, world: World, store: Store) -> list[NotificationDelivery]:
    """A store's delivery log, oldest first."""
    async with tenant_session(db, system(world.tenant)) as session:
        stmt = (
            select(NotificationDelivery)
            .where(NotificationDelivery.store_id == store.id)
            .order_by(NotificationDelivery.id)
        )
        return list(await session.scalars(stmt))


# --- a real SMTP server ----------------------------------------------------------------------


@dataclass
class Mail:
    """One e-mail the server accepted."""

    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))  # type: ignore[attr-defined]
        return str(part.get_content()).strip() if part else ""


class Mailbox:
    """Collects what the aiosmtpd server receives."""

    def __init__(self) -> None:
        self.port = 0
        self.mails: list[Mail] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd hook name
        message = message_from_bytes(
            envelope.original_content or envelope.content, policy=default_policy
        )
        with self.lock:
            self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Mail]:
        """Mails delivered to `address`."""
        with self.lock:
            return [m for m in self.mails if address in m.recipients]


# --- a real webhook receiver -----------------------------------------------------------------


@dataclass
class Hit:
    """One request the receiver got."""

    path: str
    body: dict[str, Any]
    signature_valid: bool
    status: int


@dataclass
class Receiver:
    """A local HTTP server answering webhooks; `fail(path, n)` makes the next n requests 503."""

    secret: str
    port: int = 0
    hits: list[Hit] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    replies: dict[str, tuple[int, bytes, dict[str, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def fail(self, path: str, times: int) -> None:
        with self.lock:
            self.failures[path] = times

    def reply(
        self, path: str, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        """Answer every request to `path` with this status, body and headers."""
        with self.lock:
            self.replies[path] = (status, body, headers or {})

    def at(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def sms_to(self, phone: str) -> list[Hit]:
        return [h for h in self.at("/sms") if h.body.get("to") == phone]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            valid = verify_signature(
                receiver.secret,
                self.headers.get(TIMESTAMP_HEADER, ""),
                raw,
                self.headers.get(SIGNATURE_HEADER, ""),
            )
            with receiver.lock:
                failing = receiver.failures[self.path] > 0
                if failing:
                    receiver.failures[self.path] -= 1
                status = 503 if failing else (200 if valid else 401)
                body = b'{"ok": true}' if status == 200 else b'{"error": "unavailable"}'
                headers: dict[str, str] = {}
                if self.path in receiver.replies and not failing:
                    status, body, headers = receiver.replies[self.path]
                receiver.hits.append(Hit(self.path, json.loads(raw or b"{}"), valid, status))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    """A real SMTP server for the whole run."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def receiver(settings: Settings) -> Iterator[Receiver]:
    """A real webhook receiver for the whole run, verifying signatures with our secret."""
    hook = Receiver(secret=settings.webhook_secret.get_secret_value())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hook))
    hook.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    server.shutdown()


@pytest.fixture(scope="session")
def _service_settings(settings: Settings, mailbox: Mailbox, receiver: Receiver) -> Settings:
    return settings.model_copy(
        update={
            "smtp_port": mailbox.port,
            "sms_gateway_url": receiver.url("/sms"),
            # The local stand-in is listed as an on-premises gateway, as an operator would.
            "outbound_allowed_hosts": [f"127.0.0.1:{receiver.port}"],
            "notification_retry_seconds": 30,
            "notification_timeout": 5.0,
        }
    )


@pytest_asyncio.fixture(loop_scope="session")
async def service_settings(
    settings: Settings, _service_settings: Settings
) -> AsyncIterator[Settings]:
    """Settings whose SMTP server and SMS gateway are the local ones; jobs run with them."""
    runner.configure(_service_settings)
    yield _service_settings
    runner.configure(settings)


async def run_jobs(settings: Settings) -> int:
    """Relay the outbox and run every job that is due now."""
    return await drain_async(settings)


def franchisee_email(world: World, store: Store) -> str:
    """The franchisee's e-mail address of a store of the world."""
    return next(f.email for f in world.franchisees if f.user.id == store.franchisee_id)


def webhook_path() -> str:
    """A path of the receiver nobody else uses."""
    return f"/hook/{unique('h')}"
