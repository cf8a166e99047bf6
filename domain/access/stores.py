"""The store rules of `domain.access.reach` as SQL: a condition on Store for a permission, and
the session's global criteria (which stores and store-scoped rows a session sees)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, false, select, true

from domain.access.reach import NO_STORE, STORE_RULES, Reach, actor_key
from domain.permissions import ROLE_GRANTS, Actor, Permission, reach
from domain.stores.models import Store


def reach_condition(actor: Actor, granted: Reach | None) -> ColumnElement[bool]:
    """Stores a grant of `granted` reach held by `actor` covers, as a condition on Store."""
    if granted is None:
        return false()
    rule = STORE_RULES[granted]
    if rule.store_field is None:
        return true()
    column: ColumnElement[Any] = getattr(Store, rule.store_field)
    return column == actor_key(actor, rule)


def store_condition(actor: Actor, permission: Permission) -> ColumnElement[bool]:
    """Stores on which `actor` holds `permission`, as a condition on Store."""
    return reach_condition(actor, reach(actor, permission))


Criteria = Callable[[Any], Any]


# Loader criteria are cached lambdas that may close over plain values only: one per store
# column a rule can name, the column itself chosen by the rule.
_STORE_CRITERIA: dict[str, Callable[[int], tuple[Criteria, Criteria]]] = {
    "region_id": lambda key: (
        lambda cls: cls.region_id == key,
        lambda cls: cls.store_id.in_(select(Store.id).where(Store.region_id == key)),
    ),
    "merchandiser_id": lambda key: (
        lambda cls: cls.merchandiser_id == key,
        lambda cls: cls.store_id.in_(select(Store.id).where(Store.merchandiser_id == key)),
    ),
    "franchisee_id": lambda key: (
        lambda cls: cls.franchisee_id == key,
        lambda cls: cls.store_id.in_(select(Store.id).where(Store.franchisee_id == key)),
    ),
}


@lru_cache(maxsize=4096)
def _criteria(store_field: str, key: Any) -> tuple[Criteria, Criteria]:
    # The same pair for the same rule and key: domain.tenancy.session keeps the loader options
    # made of it, and builds them again only for a pair it has not seen.
    return _STORE_CRITERIA[store_field](key)


def store_visibility(actor: Actor) -> tuple[Criteria, Criteria] | None:
    """The session's criteria for Store and for store-scoped models (None: every store); the
    same (identical) pair for actors who see the same stores.

    What a session sees is the role's STORE_READ grant (an integration's scopes narrow what it
    may do, not which rows of its tenant it sees); no grant sees no store.
    """
    granted = ROLE_GRANTS[actor.role].get(Permission.STORE_READ)
    if granted is None:
        return _criteria("franchisee_id", NO_STORE)
    rule = STORE_RULES[granted]
    if rule.store_field is None:
        return None
    return _criteria(rule.store_field, actor_key(actor, rule))
