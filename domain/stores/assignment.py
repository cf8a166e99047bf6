"""The dedicated merchandiser: exactly one active assignment per store, every past one kept.

Reassigning ends the active assignment and starts a new one in the same transaction; the
store's orders, contacts and complaints stay with the store, so its whole history carries over
to the new merchandiser. Orders still in flight (draft to shipped) pass to the new merchandiser,
who now answers for them; finished ones keep the merchandiser who served them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock, events
from domain.audit.recorder import record
from domain.errors import ErrorCode, Invalid, NotFound
from domain.identity.lookup import find_member
from domain.identity.models import User
from domain.permissions import Actor, Permission, Role
from domain.regions.models import Region
from domain.stores.access import visible_store
from domain.stores.events import MerchandiserAssigned
from domain.stores.models import MerchandiserAssignment, Store
from domain.text import free_text_problem

MAX_REASON = 500


async def active_assignment(session: AsyncSession, store_id: int) -> MerchandiserAssignment | None:
    """The store's current assignment, if it has one."""
    return await session.scalar(
        select(MerchandiserAssignment).where(
            MerchandiserAssignment.store_id == store_id,
            MerchandiserAssignment.ended_at.is_(None),
        )
    )


async def check_merchandiser(
    session: AsyncSession, user_id: int, region_id: int, field: str = "merchandiser_id"
) -> User:
    """The user, if they are an active merchandiser of the region; NOT_FOUND or INVALID otherwise."""
    found = await find_member(session, user_id)
    if found is None or found[1].role != Role.MERCHANDISER:
        raise NotFound("merchandiser", field)
    user, membership = found
    if not (membership.is_active and user.is_active):
        raise Invalid(field, f"{membership.name} is deactivated")
    if membership.region_id != region_id:
        region = await session.get(Region, region_id)
        code = region.code if region else "?"
        raise Invalid(field, f"{membership.name} is not a merchandiser of region {code}")
    return user


async def start_assignment(
    session: AsyncSession, actor: Actor, store: Store, merchandiser_id: int, reason: str | None
) -> MerchandiserAssignment:
    """End the store's active assignment (if any) and make `merchandiser_id` its merchandiser.

    The caller has checked the permission and the merchandiser.
    """
    now = clock.now()
    previous = await active_assignment(session, store.id)
    if previous is not None:
        previous.ended_at = now
        # The active-assignment index is unique: the old one must be closed before the new one.
        await session.flush()
    assignment = MerchandiserAssignment(
        store_id=store.id,
        merchandiser_id=merchandiser_id,
        started_at=now,
        assigned_by_id=actor.user_id,
        reason=reason,
    )
    session.add(assignment)
    before = store.merchandiser_id
    store.merchandiser_id = merchandiser_id
    await session.flush()
    # Concepts built on stores follow (orders hand their open ones over, domain.orders.handover).
    moved = await events.publish(session, MerchandiserAssigned(store.id, merchandiser_id))
    await record(
        session,
        "stores.merchandiser_assigned",
        "stores",
        store.id,
        before={"merchandiser_id": before},
        after={"merchandiser_id": merchandiser_id, "reason": reason, "orders_handed_over": moved},
    )
    return assignment


def clean_reason(reason: str | None, required: bool) -> str | None:
    """A trimmed reason; REQUIRED when a reassignment gives none."""
    text = (reason or "").strip()
    if required and not text:
        raise Invalid("reason", "say why the store changes merchandiser", ErrorCode.REQUIRED)
    if len(text) > MAX_REASON:
        raise Invalid("reason", f"a reason holds at most {MAX_REASON} characters")
    if problem := free_text_problem(text):
        raise Invalid("reason", f"the reason {problem}")
    return text or None


async def assign_merchandiser(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    merchandiser_id: int,
    reason: str | None = None,
) -> MerchandiserAssignment:
    """Make a merchandiser of the store's region its dedicated merchandiser.

    A reassignment needs a reason. Assigning the merchandiser the store already has changes
    nothing and returns the active assignment.
    """
    store = await visible_store(session, actor, store_id, Permission.STORE_ASSIGN)
    current = await active_assignment(session, store.id)
    if store.merchandiser_id == merchandiser_id and current is not None:
        return current
    text = clean_reason(reason, required=store.merchandiser_id is not None)
    await check_merchandiser(session, merchandiser_id, store.region_id)
    return await start_assignment(session, actor, store, merchandiser_id, text)
