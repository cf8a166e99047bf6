"""Reaching one store: visible to the actor (else NOT_FOUND) and within the permission's reach (else FORBIDDEN)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.permissions import Actor, Permission, authorize, can
from domain.stores.models import Store


def may(actor: Actor, permission: Permission, store: Store) -> bool:
    """Whether `actor` holds `permission` over `store`."""
    return can(actor, permission, store)


async def visible_store(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    *permissions: Permission,
    field: str = "store_id",
) -> Store:
    """The store, if the actor sees it (NOT_FOUND otherwise) and holds `permissions` over it."""
    store = await session.get(Store, store_id)
    if store is None:
        raise NotFound("store", field)
    for permission in permissions:
        authorize(actor, permission, store)
    return store
