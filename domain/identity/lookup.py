"""A member of the session's tenant by user id: the login with its membership, in one query."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.models import Membership, User


async def find_member(session: AsyncSession, user_id: int) -> tuple[User, Membership] | None:
    """The login and membership of `user_id` in the session's tenant (None when not a member)."""
    row = (
        await session.execute(
            select(User, Membership)
            .join(Membership, Membership.user_id == User.id)
            .where(User.id == user_id)
        )
    ).first()
    return None if row is None else (row.User, row.Membership)
