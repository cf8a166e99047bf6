"""Domain enums exposed in GraphQL, each value with its description.

The domain's StrEnums know nothing of GraphQL; `expose` registers one with strawberry (the
class itself becomes the GraphQL enum, so fields are annotated with the domain type) and
describes every member, refusing to leave one undescribed.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=type[Enum])


def expose(enum_cls: E, name: str, description: str, values: Mapping[str, str]) -> E:
    """Register `enum_cls` as the GraphQL enum `name`; `values` maps member name → description."""
    missing = {m.name for m in enum_cls} ^ set(values)
    if missing:
        raise ValueError(
            f"{enum_cls.__name__}: describe exactly its members, not {sorted(missing)}"
        )
    registered = strawberry.enum(enum_cls, name=name, description=description)
    for value in registered.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = values[value.name]
    return registered


def _register_shared() -> None:
    # Enums several concepts use are registered here, once.
    from domain.stores.models import ContactChannel

    expose(
        ContactChannel,
        "ContactChannel",
        "How a store prefers to be reached.",
        {
            "EMAIL": "E-mail.",
            "SMS": "Text message through the SMS gateway.",
            "CHAT": "A chat app, through the store's signed webhook.",
        },
    )


_register_shared()
