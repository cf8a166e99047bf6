"""Reaching one store: visible to the actor (else NOT_FOUND) and within the permission's reach (else FORBIDDEN)."""

from __future__ import annotations

import dataclasses

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.permissions import Actor, Permission, Role, authorize, can
from domain.stores.models import Store


def as_owner(actor: Actor, store: Store) -> Actor:
    """The actor, with `store` among its own when it is the store's franchisee.

    A franchisee's access token does not carry its stores; the store row says whose it is.
    """
    if (
        actor.role == Role.FRANCHISEE
        and actor.user_id is not None
        and store.franchisee_id == actor.user_id
        and store.id not in actor.store_ids
    ):
        return dataclasses.replace(actor, store_ids=actor.store_ids | {store.id})
    return actor


def may(actor: Actor, permission: Permission, store: Store) -> bool:
    """Whether `actor` holds `permission` over `store`."""
    return can(as_owner(actor, store), permission, store)


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
    owner = as_owner(actor, store)
    for permission in permissions:
        authorize(owner, permission, store)
    return store
