"""Stores: create and change them (profile, budget, preferences, custom fields), each change
checked by the same rules (domain.stores.validation) and allowed by the permission its fields need."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import DomainError, ErrorCode, FieldError, Forbidden, Invalid
from domain.permissions import Actor, Permission, authorize
from domain.stores.access import may, visible_store
from domain.stores.assignment import clean_reason, start_assignment
from domain.stores.custom_fields import field_rules
from domain.stores.fields import (
    PII_FIELDS,
    PREFERENCE_FIELDS,
    StoreFields,
    load_references,
)
from domain.stores.models import Store
from domain.stores.owners import with_owner_contacts
from domain.stores.validation import check_store_fields

#: Refuses (NOT_FOUND, as for no such person) a person the actor may not make a store's owner,
#: naming the field. Whom one may point a store at is a rule about people seen through the stores
#: they own (domain.access.people.check_pointable), which builds on stores: callers hand it in.
OwnerCheck = Callable[[AsyncSession, Actor, int, str], Awaitable[None]]


async def _check_owner(
    check: OwnerCheck | None, session: AsyncSession, actor: Actor, user_id: int
) -> None:
    if check is None:
        raise Forbidden("this change cannot set who owns the store", field="franchisee_id")
    await check(session, actor, user_id, "franchisee_id")


def permissions_for(names: list[str]) -> set[Permission]:
    """What changing these fields needs (over the store)."""
    needed: set[Permission] = set()
    for name in names:
        if name == "budget":
            needed.add(Permission.STORE_BUDGET)
        elif name in PREFERENCE_FIELDS:
            needed.add(Permission.STORE_PREFERENCES)
        elif name == "merchandiser_id":
            needed.add(Permission.STORE_ASSIGN)
        elif name == "franchisee_id":
            needed.add(Permission.STORE_FRANCHISEE)
        else:
            needed.add(Permission.STORE_WRITE)
        if name in PII_FIELDS:
            needed.add(Permission.STORE_PII)
    return needed


def authorize_fields(actor: Actor, store: Store, names: list[str]) -> None:
    """FORBIDDEN, naming the first field the actor may not change on `store`."""
    for name in names:
        for permission in sorted(permissions_for([name])):
            if may(actor, permission, store):
                continue
            if permission == Permission.STORE_FRANCHISEE:
                message = "only HQ or the region's manager may change who owns a store"
            else:
                message = f"{actor.role.value} may not {permission.value} on this store"
            raise Forbidden(message, field=name)


async def _checked(
    session: AsyncSession, fields: StoreFields, current: Store | None
) -> dict[str, Any]:
    refs = await load_references(session, [fields])
    checked = check_store_fields(fields, refs, current)
    if checked.errors:
        raise DomainError.many(checked.errors)
    return checked.values


async def create_store(
    session: AsyncSession,
    actor: Actor,
    fields: StoreFields,
    reason: str | None = None,
    check_owner: OwnerCheck | None = None,
) -> Store:
    """Open a store in a region the actor manages, with its merchandiser when one is given.

    The region may be left out: the region covering the province is taken. A franchisee given
    needs `check_owner` (without one, FORBIDDEN).
    """
    authorize(actor, Permission.STORE_WRITE)
    values = await _checked(session, fields, None)
    authorize(actor, Permission.STORE_WRITE, region_id=values["region_id"])
    merchandiser_id = values.pop("merchandiser_id", None)
    if merchandiser_id is not None:
        authorize(actor, Permission.STORE_ASSIGN, region_id=values["region_id"])
    if values.get("franchisee_id") is not None:
        authorize(actor, Permission.STORE_FRANCHISEE, region_id=values["region_id"])
        await _check_owner(check_owner, session, actor, values["franchisee_id"])
        await with_owner_contacts(session, fields, values)
    store = Store(**values)
    session.add(store)
    await session.flush()
    if merchandiser_id is not None:
        await start_assignment(
            session, actor, store, merchandiser_id, clean_reason(reason, False) or "store opened"
        )
    return store


async def update_store(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    fields: StoreFields,
    reason: str | None = None,
    needed: set[Permission] | None = None,
    check_owner: OwnerCheck | None = None,
) -> Store:
    """Change a store's fields; each group of fields needs its permission over the store
    (`needed` when the caller has decided it, e.g. custom fields a franchisee may fill). A new
    franchisee needs `check_owner` (without one, FORBIDDEN).

    Moving a store to another region needs the right to write stores there, and a merchandiser
    of that region (given in the same change). A new merchandiser starts a new assignment.
    """
    names = fields.given()
    if not names:
        raise Invalid(None, "nothing to change")
    store = await visible_store(session, actor, store_id, *sorted(needed or ()), field="id")
    if needed is None:
        authorize_fields(actor, store, names)
    values = await _checked(session, fields, store)
    if "region_id" in values and values["region_id"] != store.region_id:
        authorize(actor, Permission.STORE_WRITE, region_id=values["region_id"])
    owner = values.get("franchisee_id")
    if owner is not None and owner != store.franchisee_id:
        await _check_owner(check_owner, session, actor, owner)
        await with_owner_contacts(session, fields, values)
    merchandiser_id = values.pop("merchandiser_id", store.merchandiser_id)
    # validation has checked that the merchandiser serves the store's (new) region
    reassign = merchandiser_id is not None and merchandiser_id != store.merchandiser_id
    text = clean_reason(reason, required=store.merchandiser_id is not None) if reassign else None
    for name, value in values.items():
        setattr(store, name, value)
    await session.flush()
    if reassign:
        await start_assignment(session, actor, store, merchandiser_id, text)
    return store


async def set_budget(session: AsyncSession, actor: Actor, store_id: int, budget: Decimal) -> Store:
    """Set how much the store will put into its next order."""
    return await update_store(session, actor, store_id, StoreFields(budget=budget))


async def set_preferences(
    session: AsyncSession, actor: Actor, store_id: int, fields: StoreFields
) -> Store:
    """Change the store's preferences (only preference fields may be given)."""
    others = [n for n in fields.given() if n not in PREFERENCE_FIELDS]
    if others:
        raise Invalid(others[0], "not a preference; change it with the store's other fields")
    return await update_store(session, actor, store_id, fields)


async def set_custom_values(
    session: AsyncSession, actor: Actor, store_id: int, values: dict[str, Any]
) -> Store:
    """Set custom field values on a store (a None value removes one; required ones stay).

    Staff who may write the store set any field; fields HQ marked franchisee-editable are
    the store's preferences, which its franchisee may set too.
    """
    if not values:
        raise Invalid("custom_fields", "give at least one value")
    store = await visible_store(session, actor, store_id, Permission.STORE_PREFERENCES, field="id")
    if not may(actor, Permission.STORE_WRITE, store):
        rules = await field_rules(session)
        staff_only = [k for k in values if k in rules and not rules[k].franchisee_editable]
        if staff_only:
            raise DomainError.many(
                [
                    FieldError(
                        ErrorCode.FORBIDDEN,
                        f"{rules[k].label} is filled by your merchandiser or head office",
                        f"custom_fields.{k}",
                    )
                    for k in staff_only
                ]
            )
    return await update_store(
        session,
        actor,
        store_id,
        StoreFields(custom_fields=values),
        needed={Permission.STORE_PREFERENCES},
    )
