"""Delivering notifications: one attempt per job, retried with a doubling backoff; the digest."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.db.binding import session_actor
from domain.notifications import channels
from domain.notifications.models import (
    Audience,
    DeliveryOutcome,
    Notification,
    NotificationStatus,
)
from domain.notifications.service import (
    franchisee_recipient,
    log_step,
    recipient_locale,
    schedule_delivery,
    tenant_of,
)
from domain.notifications.templates import render
from domain.observability import metrics
from domain.passport.history import log_contact
from domain.settings import Settings
from domain.stores.models import Store
from domain.tenancy.local_time import zone_of


def retry_delay(settings: Settings, attempt: int) -> timedelta:
    """How long to wait after failed attempt `attempt` (1-based): base, 2x, 4x, ..."""
    return timedelta(seconds=settings.notification_retry_seconds * 2 ** (attempt - 1))


async def _log_contacts(session: AsyncSession, store: Store, sent: Notification) -> None:
    """Passport entries for delivered contacts (a digest delivers the contacts it carries)."""
    carried = [sent]
    if sent.kind == "digest":
        carried = list(
            await session.scalars(select(Notification).where(Notification.digest_id == sent.id))
        )
    for notification in carried:
        if notification.contact_kind is None:
            continue
        summary = f"{notification.subject} ({sent.channel.value})"
        await log_contact(
            session,
            session_actor(session),
            store,
            notification.contact_kind,
            summary,
            source=f"notification:{notification.id}",
        )


async def deliver(
    session: AsyncSession, settings: Settings, notification_id: int, attempt: int = 1
) -> dict[str, Any]:
    """Make attempt `attempt` to deliver a notification; log it; schedule the next on failure."""
    notification = await session.get(Notification, notification_id)
    if notification is None or notification.status != NotificationStatus.SCHEDULED:
        return {"skipped": "not scheduled", "notification_id": notification_id}
    store = await session.get(Store, notification.store_id)
    assert store is not None
    outgoing = channels.Outgoing(
        notification_id=notification.id,
        kind=notification.kind,
        channel=notification.channel,
        address=notification.address,
        subject=notification.subject,
        body=notification.body,
        locale=notification.locale,
        store_code=store.code,
        store_name=store.name,
        tenant_id=notification.tenant_id,
    )
    result = await channels.send(settings, outgoing)
    notification.attempts = attempt
    channel = notification.channel.value
    if result.ok:
        metrics.NOTIFICATION_DELIVERIES.labels(channel, "sent").inc()
        notification.status = NotificationStatus.SENT
        notification.sent_at = clock.now()
        log_step(session, notification, DeliveryOutcome.SENT, None, result.response_code, attempt)
        await _log_contacts(session, store, notification)
        return {"sent": notification.id, "attempt": attempt}
    if attempt < settings.notification_max_attempts:
        metrics.NOTIFICATION_DELIVERIES.labels(channel, "failed").inc()
        log_step(
            session,
            notification,
            DeliveryOutcome.FAILED,
            result.error,
            result.response_code,
            attempt,
        )
        schedule_delivery(
            session, notification, attempt + 1, clock.now() + retry_delay(settings, attempt)
        )
        return {"failed": notification.id, "attempt": attempt, "retry": True}
    notification.status = NotificationStatus.FAILED
    metrics.NOTIFICATION_DELIVERIES.labels(channel, "gave_up").inc()
    log_step(
        session, notification, DeliveryOutcome.GAVE_UP, result.error, result.response_code, attempt
    )
    return {"failed": notification.id, "attempt": attempt, "retry": False}


async def send_digest(session: AsyncSession, store_id: int, day: date) -> dict[str, Any]:
    """Gather the store's notifications deferred to `day` into one message to the franchisee.

    The digest is always sent (it is the one message the cap leaves) and counts for `day`.
    """
    store = await session.get(Store, store_id)
    if store is None:
        return {"skipped": "no store"}
    deferred = list(
        await session.scalars(
            select(Notification)
            .where(
                Notification.store_id == store.id,
                Notification.status == NotificationStatus.DEFERRED,
                Notification.deferred_to == day,
            )
            .order_by(Notification.id)
        )
    )
    tenant = await tenant_of(session, store)
    recipient = await franchisee_recipient(session, store, recipient_locale(tenant))
    if not deferred or recipient is None:
        return {"digested": 0}
    zone = zone_of(store, tenant)
    items = "\n".join(
        f"- {n.created_at.astimezone(zone).strftime('%H:%M')} {n.subject}" for n in deferred
    )
    rendered = render(
        "digest", recipient.locale, {"store": store.name, "count": len(deferred), "items": items}
    )
    now = clock.now()
    digest = Notification(
        store_id=store.id,
        key=f"digest:{store.id}:{day.isoformat()}",
        kind="digest",
        audience=Audience.FRANCHISEE,
        recipient_user_id=recipient.user_id,
        channel=recipient.channel,
        address=recipient.address,
        locale=recipient.locale,
        subject=rendered.subject[:300],
        body=rendered.body,
        urgent=False,
        status=NotificationStatus.SCHEDULED,
        send_after=now,
        counted_on=day,
        created_at=now,
    )
    session.add(digest)
    await session.flush()
    for notification in deferred:
        notification.status = NotificationStatus.DIGESTED
        notification.digest_id = digest.id
        log_step(session, notification, DeliveryOutcome.DIGESTED, f"sent in digest {digest.id}")
    schedule_delivery(session, digest, 1, now)
    return {"digest": digest.id, "digested": len(deferred)}
