"""A store's owner (its franchisee): the contact details a store keeps of them follow the owner.

When a store changes hands, the name, e-mail and phone it keeps are the new owner's (unless the
same change gives them), so the new owner never reads the previous one's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.lookup import find_member
from domain.stores.fields import UNSET, StoreFields


async def owner_contacts(session: AsyncSession, user_id: int) -> dict[str, Any]:
    """The contact details a store keeps of the member `user_id` (empty when not a member)."""
    found = await find_member(session, user_id)
    if found is None:
        return {}
    user, membership = found
    return {
        "franchisee_name": membership.name,
        "franchisee_email": user.email,
        "franchisee_phone": membership.phone,
    }


async def with_owner_contacts(
    session: AsyncSession, fields: StoreFields, values: dict[str, Any]
) -> None:
    """Fill `values` with the new owner's contact details, except those `fields` gives."""
    owner = values.get("franchisee_id")
    if owner is None:
        return
    for name, value in (await owner_contacts(session, owner)).items():
        if getattr(fields, name) is UNSET:
            values[name] = value
