"""A store's contact history: one entry per contact (messages, reminders, complaints, escalations)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.passport.models import ContactKind, ContactLogEntry
from domain.permissions import Actor
from domain.stores.models import Store


async def log_contact(
    session: AsyncSession,
    actor: Actor,
    store: Store,
    channel: ContactKind,
    summary: str,
    source: str | None = None,
) -> ContactLogEntry:
    """Add one entry to the store's contact log (who: the actor's user, none for the system)."""
    now = clock.now()
    entry = ContactLogEntry(
        store_id=store.id,
        channel=channel,
        summary=summary[:2000],
        user_id=actor.user_id,
        occurred_at=now,
        created_at=now,
        source=source[:64] if source else None,
    )
    session.add(entry)
    return entry
