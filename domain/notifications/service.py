"""Who is told, in which language and channel, and when: the daily cap and the quiet hours.

A notification to a franchisee is held until the store's quiet hours end and counts against
the tenant's `notifications_per_day`, in the store's local day. Over the cap it is *deferred*:
not sent on its own, but listed in a digest sent the next morning (one message, which itself
takes one place of that day's cap). Nothing is dropped, and the delivery log says why a
notification waited. Notifications to staff (merchandiser, regional manager, HQ) are urgent:
never capped nor held, since the cap and the quiet hours protect franchisees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.identity.models import Membership, User
from domain.jobs import outbox
from domain.locales import locale_of
from domain.notifications.models import (
    Audience,
    DeliveryOutcome,
    Notification,
    NotificationDelivery,
    NotificationStatus,
)
from domain.notifications.templates import render
from domain.notifications.timing import digest_time, local_text, outside_quiet_hours
from domain.passport.models import ContactKind
from domain.permissions import Role
from domain.stores.models import ContactChannel, Store
from domain.tenancy.local_time import local_day, zone_of
from domain.tenancy.models import Tenant

DELIVER_JOB = "notifications.deliver"
DIGEST_JOB = "notifications.digest"
_STAFF_ROLES = {Audience.REGIONAL_MANAGER: Role.REGIONAL_MANAGER, Audience.HQ: Role.HQ_ADMIN}


@dataclass(frozen=True)
class Recipient:
    """One person to tell, and how to reach them."""

    audience: Audience
    user_id: int | None
    channel: ContactChannel
    address: str | None
    locale: str


def recipient_locale(tenant: Tenant | None) -> str:
    """The language a recipient reads: the tenant's (members have no language of their own yet)."""
    return locale_of(tenant.locale if tenant else None)


async def tenant_of(session: AsyncSession, store: Store) -> Tenant:
    """The store's tenant."""
    tenant = await session.get(Tenant, store.tenant_id)
    assert tenant is not None
    return tenant


async def franchisee_recipient(
    session: AsyncSession, store: Store, locale: str
) -> Recipient | None:
    """The franchisee, through the store's preferred channel (e-mail when that has no address)."""
    user = await session.get(User, store.franchisee_id) if store.franchisee_id else None
    email = store.franchisee_email or (user.email if user else None)
    addresses = {
        ContactChannel.EMAIL: email,
        ContactChannel.SMS: store.franchisee_phone,
        ContactChannel.CHAT: store.chat_webhook_url,
    }
    channel = store.preferred_channel
    address = addresses[channel]
    if not address and email:
        channel, address = ContactChannel.EMAIL, email
    if user is None and not address:
        return None
    return Recipient(Audience.FRANCHISEE, store.franchisee_id, channel, address, locale)


async def staff_recipients(
    session: AsyncSession, user_ids: list[int], audience: Audience, locale: str
) -> list[Recipient]:
    """Staff members by user id, reached by e-mail."""
    if not user_ids:
        return []
    users = await session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.id))
    return [
        Recipient(audience, u.id, ContactChannel.EMAIL, u.email, locale)
        for u in users
        if u.is_active
    ]


async def recipients_for(
    session: AsyncSession, store: Store, audience: Audience, locale: str
) -> list[Recipient]:
    """Everyone of `audience` for this store (the regional manager of its region, every HQ admin)."""
    if audience == Audience.FRANCHISEE:
        franchisee = await franchisee_recipient(session, store, locale)
        return [franchisee] if franchisee else []
    if audience == Audience.MERCHANDISER:
        ids = [store.merchandiser_id] if store.merchandiser_id else []
    else:
        stmt = select(Membership.user_id).where(
            Membership.role == _STAFF_ROLES[audience], Membership.is_active.is_(True)
        )
        if audience == Audience.REGIONAL_MANAGER:
            stmt = stmt.where(Membership.region_id == store.region_id)
        ids = list(await session.scalars(stmt))
    return await staff_recipients(session, ids, audience, locale)


async def notify(
    session: AsyncSession,
    store: Store,
    audience: Audience,
    kind: str,
    params: dict[str, Any],
    key: str,
    contact_kind: ContactKind | None = None,
) -> list[Notification]:
    """Tell everyone of `audience` about `kind` (one notification each, keyed `key:<user>`)."""
    tenant = await tenant_of(session, store)
    people = await recipients_for(session, store, audience, recipient_locale(tenant))
    return [
        await send_to(
            session, store, person, kind, params, f"{key}:{person.user_id or 0}", contact_kind
        )
        for person in people
    ]


def log_step(
    session: AsyncSession,
    notification: Notification,
    outcome: DeliveryOutcome,
    error: str | None = None,
    response_code: int | None = None,
    attempt: int = 0,
) -> NotificationDelivery:
    """Add one entry to the delivery log."""
    entry = NotificationDelivery(
        store_id=notification.store_id,
        notification_id=notification.id,
        attempt=attempt,
        channel=notification.channel,
        recipient=notification.address,
        outcome=outcome,
        response_code=response_code,
        error=error,
        at=clock.now(),
    )
    session.add(entry)
    return entry


def schedule_delivery(
    session: AsyncSession, notification: Notification, attempt: int, at: datetime
) -> None:
    """Queue attempt `attempt` of a notification for `at` (through the outbox)."""
    outbox.enqueue(
        session,
        DELIVER_JOB,
        key=f"notification:{notification.id}:{attempt}",
        args={"notification_id": notification.id, "attempt": attempt},
        not_before=at if at > clock.now() else None,
    )


async def _used_today(session: AsyncSession, store: Store, day: date) -> int:
    # On PostgreSQL the store row is locked so that two notifications cannot share the last place.
    await session.execute(select(Store.id).where(Store.id == store.id).with_for_update())
    used = await session.scalar(
        select(func.count(Notification.id)).where(
            Notification.store_id == store.id,
            Notification.audience == Audience.FRANCHISEE,
            Notification.counted_on == day,
        )
    )
    return int(used or 0)


async def send_to(
    session: AsyncSession,
    store: Store,
    recipient: Recipient,
    kind: str,
    params: dict[str, Any],
    key: str,
    contact_kind: ContactKind | None = None,
) -> Notification:
    """Create one notification and schedule it: now, after quiet hours, or in tomorrow's digest.

    Idempotent by `key`: the same business event never makes two notifications.
    """
    existing = await session.scalar(select(Notification).where(Notification.key == key))
    if existing is not None:
        return existing
    tenant = await tenant_of(session, store)
    zone = zone_of(store, tenant)
    rendered = render(
        kind, recipient.locale, {"store": store.name, "store_code": store.code, **params}
    )
    now = clock.now()
    urgent = recipient.audience != Audience.FRANCHISEE
    notification = Notification(
        store_id=store.id,
        key=key,
        kind=kind,
        audience=recipient.audience,
        recipient_user_id=recipient.user_id,
        channel=recipient.channel,
        address=recipient.address,
        locale=recipient.locale,
        subject=rendered.subject[:300],
        body=rendered.body,
        urgent=urgent,
        status=NotificationStatus.SCHEDULED,
        send_after=now,
        contact_kind=contact_kind,
        created_at=now,
    )
    session.add(notification)
    await session.flush()
    if urgent:
        schedule_delivery(session, notification, 1, now)
        return notification
    send_after = outside_quiet_hours(store, zone, now)
    if send_after > now:
        log_step(
            session,
            notification,
            DeliveryOutcome.DELAYED,
            f"quiet hours until {local_text(send_after, zone)}",
        )
    day = local_day(send_after, zone)
    cap = tenant.policies.service.notifications_per_day
    if await _used_today(session, store, day) >= cap:
        digest_day = day + timedelta(days=1)
        notification.status = NotificationStatus.DEFERRED
        notification.deferred_to = digest_day
        log_step(
            session,
            notification,
            DeliveryOutcome.DEFERRED,
            f"over the daily cap of {cap} for {day.isoformat()}; goes in the digest of {digest_day.isoformat()}",
        )
        await outbox.enqueue_once(
            session,
            DIGEST_JOB,
            key=f"digest:{store.id}:{digest_day.isoformat()}",
            args={"store_id": store.id, "day": digest_day.isoformat()},
            not_before=digest_time(store, zone, digest_day),
        )
        return notification
    notification.counted_on = day
    notification.send_after = send_after
    schedule_delivery(session, notification, 1, send_after)
    return notification
