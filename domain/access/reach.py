"""The one definition of which stores a grant reaches, and the in-memory check derived from it.

A grant's reach is one of four. Each is a rule "the store's `store_field` equals the actor's
`actor_field`" (or every store of the tenant), read here by the in-memory check and by
`domain.access.stores` for the SQL condition and the session's global criteria, so the
three cannot drift apart. An actor without the attribute (no region, no user) reaches no
store under that rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol


class Reach(IntEnum):
    """Over which stores a grant holds; a larger reach includes the smaller ones."""

    OWNED = 1  # the franchisee's own stores
    ASSIGNED = 2  # the stores the merchandiser is dedicated to
    REGION = 3  # every store of the actor's region
    TENANT = 4  # every store of the tenant


@dataclass(frozen=True)
class StoreRule:
    """A reach as data: the store column that must equal the actor's attribute (None: all)."""

    store_field: str | None
    actor_field: str | None


STORE_RULES: dict[Reach, StoreRule] = {
    Reach.TENANT: StoreRule(None, None),
    Reach.REGION: StoreRule("region_id", "region_id"),
    Reach.ASSIGNED: StoreRule("merchandiser_id", "user_id"),
    Reach.OWNED: StoreRule("franchisee_id", "user_id"),
}

#: A key no store has: the rule of an actor without the attribute matches nothing.
NO_STORE = -1


class Reacher(Protocol):
    """What the rules read of an actor."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def region_id(self) -> int | None: ...


class StoreFacts(Protocol):
    """What the rules read of a store."""

    @property
    def region_id(self) -> int | None: ...
    @property
    def merchandiser_id(self) -> int | None: ...
    @property
    def franchisee_id(self) -> int | None: ...


def actor_key(actor: Reacher, rule: StoreRule) -> int:
    """The value the store's column must equal under `rule` (NO_STORE when the actor lacks it)."""
    assert rule.actor_field is not None
    value = getattr(actor, rule.actor_field)
    return NO_STORE if value is None else int(value)


def in_reach(actor: Reacher, granted: Reach | None, store: StoreFacts) -> bool:
    """Whether a grant of `granted` reach, held by `actor`, covers `store` (None: no grant)."""
    if granted is None:
        return False
    rule = STORE_RULES[granted]
    if rule.store_field is None:
        return True
    key = actor_key(actor, rule)
    return key != NO_STORE and getattr(store, rule.store_field) == key
