"""What every resolver gets in `info.context`: the request's session, actor and loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from api.graphql.loaders import Loaders
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.permissions import Actor
from domain.settings import Settings


@dataclass
class Context:
    """Per-request context. The session is already bound to the actor's tenant."""

    request: Request
    response: Response | None
    db: Database
    session: AsyncSession
    settings: Settings
    maybe_actor: Actor | None
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.session)

    @property
    def actor(self) -> Actor:
        """The authenticated actor (permission classes guarantee one is present)."""
        if self.maybe_actor is None:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "authentication required")
        return self.maybe_actor


Info = StrawberryInfo[Context, Any]
