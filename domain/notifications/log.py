"""Reading a store's notifications and their delivery log."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.notifications.models import Audience, Notification
from domain.permissions import Actor, Permission, Role, authorize
from domain.stores.models import Store


async def store_notifications(
    session: AsyncSession, actor: Actor, store_id: int
) -> Select[Notification]:
    """A store's notifications, newest first; a franchisee sees only those sent to them."""
    actor = actor
    store = await session.get(Store, store_id)
    if store is None:
        raise NotFound("store", "store_id")
    authorize(actor, Permission.CONTACT_READ, store)
    stmt = select(Notification).where(Notification.store_id == store.id)
    if actor.role == Role.FRANCHISEE:  # what staff are told about the store stays with staff
        stmt = stmt.where(Notification.audience == Audience.FRANCHISEE)
    return stmt.order_by(Notification.id.desc())
