"""Dataloaders, one set per request: every relation is loaded in batches, never row by row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, defer
from sqlalchemy.sql.base import ExecutableOption
from strawberry.dataloader import DataLoader

from domain.db.lists import one_of
from domain.identity.models import User

M = TypeVar("M")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loaders:
    """The request's dataloaders, made on first use and cached by name."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    def custom(
        self, name: Hashable, batch: Callable[[Sequence[K]], Awaitable[Sequence[V]]]
    ) -> DataLoader[K, V]:
        """A loader for any batch function, made once per request under `name`."""
        loader = self._loaders.get(name)
        if loader is None:
            loader = DataLoader(load_fn=batch)
            self._loaders[name] = loader
        return loader

    def by_id(self, model: type[M]) -> DataLoader[int, M | None]:
        """Rows of `model` by primary key (None when missing or not visible)."""

        async def batch(ids: Sequence[int]) -> list[M | None]:
            pk: Any = model.id  # type: ignore[attr-defined]
            stmt = select(model).where(one_of(self.session, pk, ids))
            if model is User:
                # No read path shows a password hash: it stays in the database.
                stmt = stmt.options(defer(User.password_hash, raiseload=True))
            rows = await self.session.scalars(stmt)
            found = {row.id: row for row in rows}  # type: ignore[attr-defined]
            return [found.get(i) for i in ids]

        return self.custom(("by_id", model), batch)

    def children(
        self,
        column: InstrumentedAttribute[Any],
        order_by: Sequence[ColumnElement[Any] | InstrumentedAttribute[Any]] = (),
        where: Sequence[ColumnElement[bool]] = (),
        name: str = "",
        options: Sequence[ExecutableOption] = (),
    ) -> DataLoader[Any, list[Any]]:
        """Rows grouped by a foreign key `column` (one-to-many), in `order_by` order."""
        model = column.class_

        async def batch(keys: Sequence[Any]) -> list[list[Any]]:
            stmt = (
                select(model)
                .where(one_of(self.session, column, keys), *where)
                .order_by(*order_by)
                .options(*options)
            )
            grouped: dict[Any, list[Any]] = defaultdict(list)
            for row in await self.session.scalars(stmt):
                grouped[getattr(row, column.key)].append(row)
            return [grouped.get(k, []) for k in keys]

        return self.custom(("children", column, name), batch)
