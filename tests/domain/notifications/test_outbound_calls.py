"""Notifications call only the addresses the outbound guard allows, and keep no reply text."""

from __future__ import annotations

from domain.db import Database
from domain.jobs import runner
from domain.notifications.models import DeliveryOutcome
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.stores.models import ContactChannel
from tests.domain.notifications.test_delivery import order_event
from tests.factories import World
from tests.factories_service import (
    Receiver,
    deliveries_of,
    make_order,
    run_jobs,
    update_store,
    webhook_path,
)


async def test_a_chat_webhook_at_a_loopback_address_is_never_called(
    db: Database, world: World, service_settings: Settings, receiver: Receiver
) -> None:
    # The address was stored before the guard (or its name now resolves to loopback): the
    # send-time check still refuses it when the operator has not listed it.
    closed = service_settings.model_copy(update={"outbound_allowed_hosts": []})
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
    with runner.configured(closed):
        await run_jobs(closed)

    assert receiver.at(path) == []
    [log] = await deliveries_of(db, world, store)
    assert (log.outcome, log.response_code) == (DeliveryOutcome.FAILED, None)
    assert log.error == "refused: http is not allowed (https only)"


async def test_the_reply_body_is_never_kept_in_the_delivery_log(
    db: Database, world: World, service_settings: Settings, receiver: Receiver
) -> None:
    path = webhook_path()
    receiver.reply(path, 500, b"root:x:0:0:TOP-SECRET internal admin page")
    store = await update_store(
        db,
        world,
        world.stores[2],
        preferred_channel=ContactChannel.CHAT,
        chat_webhook_url=receiver.url(path),
    )
    order = await make_order(db, world, store, status=OrderStatus.SHIPPED)
    await order_event(db, world, order, "shipped")
    await run_jobs(service_settings)

    assert len(receiver.at(path)) == 1  # the allow-listed stand-in was called
    [log] = await deliveries_of(db, world, store)
    assert (log.outcome, log.response_code, log.error) == (DeliveryOutcome.FAILED, 500, "HTTP 500")
