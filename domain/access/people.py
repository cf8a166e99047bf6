"""What a viewer may see of a person, and whom they may point a relation at: one definition.

A person is seen through the viewer's reach over that person's *own* stores, never through a
relation the viewer could point at them:

- themselves, and everyone for those who manage the tenant's people (HQ): name and contacts;
- staff (HQ, regional managers, merchandisers): their work name and contacts, to every member;
- a franchisee: their e-mail and phone to those who hold the store's personal data
  (`store:pii`) over one of the stores they own, their name to those who see one of their
  stores (`store:read`: a merchandiser's region, a manager's region, HQ), nothing to others;
- someone who is not a member of the tenant: nothing.

The rules are SQL conditions over `User` joined to its `Membership` in the session's tenant, so
a list (`users`, with its search) and a lookup by id (`node`, `store { franchisee }`) apply the
same ones. Pointing a relation (a store's franchisee) at a person needs the viewer to see that
person's contacts already: what the viewer could see through the relation it sees anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from sqlalchemy import ColumnElement, exists, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from domain.access.reach import Reach
from domain.access.stores import store_condition
from domain.errors import NotFound
from domain.identity.models import Membership, User
from domain.permissions import Actor, Permission, Role, reach
from domain.stores.models import Store


class PersonView(IntEnum):
    """How much of a person a viewer sees; a larger view includes the smaller ones."""

    NONE = 0
    NAME = 1  # name, role, region: who they are
    CONTACT = 2  # and their e-mail and phone


def sees_everyone(actor: Actor) -> bool:
    """Whether the actor manages the tenant's people (sees every member whole)."""
    return reach(actor, Permission.USER_MANAGE) == Reach.TENANT


def person_condition(actor: Actor, view: PersonView) -> ColumnElement[bool]:
    """Members (a statement over User joined to Membership) of whom `actor` sees `view`."""
    if view <= PersonView.NONE or sees_everyone(actor):
        return true()
    permission = Permission.STORE_PII if view == PersonView.CONTACT else Permission.STORE_READ
    owns_a_reached_store = exists(
        select(Store.id).where(Store.franchisee_id == User.id, store_condition(actor, permission))
    )
    return or_(
        User.id == (actor.user_id if actor.user_id is not None else -1),
        Membership.role != Role.FRANCHISEE,
        owns_a_reached_store,
    )


async def person_views(
    session: AsyncSession, actor: Actor, user_ids: Iterable[int]
) -> dict[int, tuple[User, PersonView]]:
    """The members among `user_ids` the actor sees at all, with how much (one query)."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    contact = person_condition(actor, PersonView.CONTACT).label("contact")
    rows = await session.execute(
        select(User, contact)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id.in_(ids), person_condition(actor, PersonView.NAME))
        # A read path: the password hash stays in the database.
        .options(defer(User.password_hash))
    )
    return {user.id: (user, PersonView.CONTACT if sees else PersonView.NAME) for user, sees in rows}


async def pointable_people(
    session: AsyncSession, actor: Actor, user_ids: Iterable[int]
) -> set[int]:
    """Which of `user_ids` the actor may point a relation at: those whose contacts it sees."""
    views = await person_views(session, actor, user_ids)
    return {i for i, (_, view) in views.items() if view == PersonView.CONTACT}


async def check_pointable(session: AsyncSession, actor: Actor, user_id: int, field: str) -> None:
    """NOT_FOUND (as for no such person) unless the actor may point a relation at `user_id`."""
    if user_id not in await pointable_people(session, actor, [user_id]):
        raise NotFound("franchisee", field)
