"""Which stores an actor works on for a permission, as a SQL condition on Store."""

from __future__ import annotations

import dataclasses

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions import Actor, Permission, Reach, Role, reach
from domain.stores.models import Store


async def with_owned_stores(session: AsyncSession, actor: Actor) -> Actor:
    """The actor with its own stores filled in (a franchisee's token does not carry them)."""
    if actor.role != Role.FRANCHISEE or actor.store_ids or actor.user_id is None:
        return actor
    ids = await session.scalars(select(Store.id).where(Store.franchisee_id == actor.user_id))
    return dataclasses.replace(actor, store_ids=frozenset(ids))


def store_condition(actor: Actor, permission: Permission) -> ColumnElement[bool]:
    """Stores on which `actor` holds `permission` (mirrors domain.permissions.covers)."""
    granted = reach(actor, permission)
    if granted is None:
        return false()
    if granted == Reach.TENANT:
        return true()
    if granted == Reach.REGION:
        return Store.region_id == (actor.region_id if actor.region_id is not None else -1)
    if granted == Reach.ASSIGNED:
        return Store.merchandiser_id == (actor.user_id if actor.user_id is not None else -1)
    return Store.franchisee_id == (actor.user_id if actor.user_id is not None else -1)
