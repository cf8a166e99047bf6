"""Events about stores that concepts built on stores react to (through `domain.events`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MerchandiserAssigned:
    """A store has a new merchandiser (in the publisher's transaction, before it is audited)."""

    store_id: int
    merchandiser_id: int
