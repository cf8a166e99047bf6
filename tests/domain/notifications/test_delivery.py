"""Order events reach the right person through the store's channel: real SMTP, real webhooks."""

from __future__ import annotations

from datetime import timedelta

from domain import clock
from domain.db import Database
from domain.jobs import outbox
from domain.notifications.models import Audience, DeliveryOutcome, NotificationStatus
from domain.orders.models import Order, OrderStatus
from domain.orders.states import Action
from domain.settings import Settings
from domain.signing import sign, verify_signature
from domain.stores.models import ContactChannel
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import act, order_in
from tests.factories import World, make_world, system
from tests.factories_service import (
    Mailbox,
    Receiver,
    deliveries_of,
    franchisee_email,
    make_order,
    notifications_of,
    run_jobs,
    update_store,
    webhook_path,
)


async def order_event(
    db: Database, world: World, order: Order, event: str, key: str | None = None
) -> None:
    """What the order services do on a transition: an outbox row in the change's transaction."""
    async with tenant_session(db, system(world.tenant)) as session:
        outbox.enqueue(
            session,
            "notifications.order_event",
            key=key or f"test:order:{order.id}:{event}",
            args={"order_id": order.id, "event": event, "shipment_id": None},
        )
        await session.commit()


async def test_proposal_is_emailed_to_the_franchisee_over_smtp_when_it_is_sent(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[0]
    draft = await order_in(db, world, store, OrderStatus.DRAFT, [(world.skus[0], 2)])
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    order = await act(db, merchandiser.actor, draft, Action.SEND)
    await run_jobs(service_settings)

    [mail] = mailbox.to(franchisee_email(world, store))
    assert mail.subject == f"【{store.name}】新的配货单 {order.number} 待确认"
    assert f"配货单 {order.number}：共 2 件，金额 ¥180.00" in mail.body
    assert "Peihuo" in mail.sender or "no-reply" in mail.sender
    [log] = await deliveries_of(db, world, store)
    assert (log.outcome, log.channel, log.response_code, log.attempt) == (
        DeliveryOutcome.SENT,
        ContactChannel.EMAIL,
        250,
        1,
    )
    assert log.recipient == franchisee_email(world, store)


async def test_english_tenant_gets_english_text(
    db: Database, service_settings: Settings, mailbox: Mailbox
) -> None:
    world = await make_world(db, stores_per_merchandiser=1)
    async with db.session() as session:
        from domain.tenancy.models import Tenant

        tenant = await session.get(Tenant, world.tenant.id)
        assert tenant is not None
        tenant.locale = "en"
        await session.commit()
    store = world.stores[0]
    order = await make_order(db, world, store, status=OrderStatus.CONFIRMED)
    await order_event(db, world, order, "confirmed")
    await run_jobs(service_settings)

    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    [mail] = mailbox.to(merchandiser.email)
    assert mail.subject == f"[{store.name}] Order {order.number} confirmed"
    assert mailbox.to(franchisee_email(world, store)) == []


async def test_chat_webhook_is_signed_and_carries_the_text(
    db: Database, world: World, service_settings: Settings, receiver: Receiver
) -> None:
    path = webhook_path()
    store = await update_store(
        db,
        world,
        world.stores[1],
        preferred_channel=ContactChannel.CHAT,
        chat_webhook_url=receiver.url(path),
    )
    order = await make_order(db, world, store, status=OrderStatus.SHIPPED)
    await order_event(db, world, order, "shipped")
    await run_jobs(service_settings)

    [hit] = receiver.at(path)
    assert hit.signature_valid and hit.status == 200
    assert hit.body["channel"] == "chat" and hit.body["kind"] == "order.shipped"
    assert hit.body["store"] == {"code": store.code, "name": store.name}
    assert order.number in hit.body["subject"]
    [log] = await deliveries_of(db, world, store)
    assert (log.outcome, log.channel, log.response_code) == (
        DeliveryOutcome.SENT,
        ContactChannel.CHAT,
        200,
    )


async def test_sms_goes_to_the_gateway_with_the_phone_number(
    db: Database, world: World, service_settings: Settings, receiver: Receiver
) -> None:
    phone = f"139{world.tenant.id:08d}"[-11:]
    store = await update_store(
        db, world, world.stores[2], preferred_channel=ContactChannel.SMS, franchisee_phone=phone
    )
    order = await make_order(db, world, store, status=OrderStatus.DELIVERED)
    await order_event(db, world, order, "survey_requested")
    await run_jobs(service_settings)

    [hit] = receiver.sms_to(phone)
    assert hit.signature_valid and hit.body["channel"] == "sms"
    assert "请为配货单" in hit.body["subject"]


async def test_failed_webhook_is_retried_after_a_backoff_and_every_attempt_is_logged(
    db: Database, world: World, service_settings: Settings, receiver: Receiver
) -> None:
    path = webhook_path()
    receiver.fail(path, 1)
    store = await update_store(
        db,
        world,
        world.stores[3],
        preferred_channel=ContactChannel.CHAT,
        chat_webhook_url=receiver.url(path),
    )
    order = await make_order(db, world, store)
    await order_event(db, world, order, "proposed")
    start = clock.now()
    await run_jobs(service_settings)
    assert [h.status for h in receiver.at(path)] == [503]

    await run_jobs(service_settings)  # the retry waits for its backoff
    assert len(receiver.at(path)) == 1
    with clock.frozen_clock(
        start + timedelta(seconds=service_settings.notification_retry_seconds + 5)
    ):
        await run_jobs(service_settings)

    assert [h.status for h in receiver.at(path)] == [503, 200]
    assert all(h.signature_valid for h in receiver.at(path))
    logs = await deliveries_of(db, world, store)
    assert [(d.outcome, d.attempt, d.response_code) for d in logs] == [
        (DeliveryOutcome.FAILED, 1, 503),
        (DeliveryOutcome.SENT, 2, 200),
    ]
    assert "503" in (logs[0].error or "")
    [notification] = await notifications_of(db, world, store)
    assert notification.status == NotificationStatus.SENT and notification.attempts == 2


async def test_delivery_gives_up_after_the_last_attempt(
    db: Database, world: World, service_settings: Settings, receiver: Receiver
) -> None:
    path = webhook_path()
    receiver.fail(path, 100)
    store = await update_store(
        db,
        world,
        world.stores[4],
        preferred_channel=ContactChannel.CHAT,
        chat_webhook_url=receiver.url(path),
    )
    order = await make_order(db, world, store, status=OrderStatus.CANCELLED)
    await order_event(db, world, order, "cancelled")
    with clock.frozen_clock(clock.now()) as frozen:
        for _ in range(service_settings.notification_max_attempts):
            await run_jobs(service_settings)
            frozen.advance(timedelta(hours=1))

    outcomes = [d.outcome for d in await deliveries_of(db, world, store)]
    assert outcomes == [DeliveryOutcome.FAILED] * (
        service_settings.notification_max_attempts - 1
    ) + [DeliveryOutcome.GAVE_UP]
    [notification] = await notifications_of(db, world, store)
    assert notification.status == NotificationStatus.FAILED


async def test_the_same_event_notifies_once_even_if_enqueued_twice(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[5]
    order = await make_order(db, world, store, status=OrderStatus.DELIVERED)
    await order_event(db, world, order, "delivered", key=f"a:{order.id}")
    await order_event(db, world, order, "delivered", key=f"b:{order.id}")
    await run_jobs(service_settings)
    assert len(mailbox.to(franchisee_email(world, store))) == 1


async def test_approval_requests_go_to_every_hq_admin_and_viewed_tells_nobody(
    db: Database, world: World, service_settings: Settings, mailbox: Mailbox
) -> None:
    store = world.stores[6]
    order = await make_order(db, world, store, status=OrderStatus.VIEWED)
    await order_event(db, world, order, "viewed")
    await order_event(db, world, order, "approval_requested")
    await run_jobs(service_settings)
    [mail] = mailbox.to(world.hq.email)
    assert "需要总部审批" in mail.subject
    notes = await notifications_of(db, world, store)
    assert [(n.kind, n.audience, n.urgent) for n in notes] == [
        ("approval.requested", Audience.HQ, True)
    ]


def test_signature_is_hmac_sha256_over_timestamp_and_body() -> None:
    body = b'{"a":1}'
    signature = sign("k", "1700000000", body)
    import hashlib
    import hmac

    assert (
        signature == "sha256=" + hmac.new(b"k", b"1700000000." + body, hashlib.sha256).hexdigest()
    )
    import time

    now = str(int(time.time()))
    good = sign("k", now, body)
    assert verify_signature("k", now, body, good)
    assert not verify_signature("k", now, b'{"a":2}', good)
    assert not verify_signature("other", now, body, good)
    assert not verify_signature("k", "1700000000", body, signature)  # too old
