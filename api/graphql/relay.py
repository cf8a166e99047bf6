"""Relay plumbing: global ids, model-backed nodes, and keyset-paged connections over SQL."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Self

import strawberry
from sqlalchemy import Select, func, select
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError

from api.graphql.context import Info
from api.graphql.keyset import Keyset
from domain.errors import Invalid, NotFound
from domain.permissions import Permission, reach

MAX_PAGE = 200
DEFAULT_PAGE = 20
_CURSOR_PREFIX = "offset:"
# Primary keys are PostgreSQL `integer` (SQLite holds the same): 1 to 2**31 - 1, ASCII digits.
MAX_PK = 2**31 - 1
_PK = re.compile(r"[1-9][0-9]{0,9}")


def decode_pk(node_id: object) -> int | None:
    """The primary key a global id's node part names, or None when it can name no row.

    The one place ids are read: ASCII digits only (``str.isdigit`` accepts other scripts and
    superscripts), no sign, no zero, within the integer range (a larger one would fail in the
    database as an unexpected error instead of being simply not found).
    """
    if not isinstance(node_id, str) or not _PK.fullmatch(node_id):
        return None
    value = int(node_id)
    return value if value <= MAX_PK else None


def decode_ids(node_ids: Iterable[object]) -> list[int]:
    """`decode_pk` of each id, -1 (no row) for those that name none: for node resolvers."""
    return [pk if (pk := decode_pk(i)) is not None else -1 for i in node_ids]


def node_type(info: Info, gid: relay.GlobalID) -> type[relay.Node]:
    """The node type a global id names; NOT_FOUND for a name that is no node type of the schema."""
    try:
        return gid.resolve_type(info)
    except GlobalIDValueError:
        raise NotFound("node", "id") from None


def decode_id(value: relay.GlobalID | str, expected: str | Sequence[str], field: str) -> int:
    """The primary key inside a global id of one of the `expected` types.

    A malformed id is INVALID; an id of another type is NOT_FOUND (as is a missing row later).
    """
    names = (expected,) if isinstance(expected, str) else tuple(expected)
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
    except Exception:
        raise Invalid(field, f"{value!r} is not a valid id") from None
    pk = decode_pk(gid.node_id)
    if gid.type_name not in names or pk is None:
        raise NotFound(names[0], field)
    return pk


def global_id(type_name: str, pk: int) -> relay.GlobalID:
    """The global id of a row."""
    return relay.GlobalID(type_name=type_name, node_id=str(pk))


class ModelNode(relay.Node):
    """A Relay node backed by one SQLAlchemy model; `node(id:)` loads through the id loader."""

    __model__: ClassVar[type[Any]]
    # What a viewer must hold (at any reach) to look this type up by id; None: the session's
    # visibility alone decides. Keeps `node(id:)` within the same permissions as the list fields.
    __read_permission__: ClassVar[Permission | None] = None

    @classmethod
    def from_model(cls, row: Any) -> Self:
        """The GraphQL object for a row."""
        raise NotImplementedError

    @classmethod
    def may_read(cls, info: Info) -> bool:
        """Whether the viewer holds the type's read permission (when it has one)."""
        actor = info.context.maybe_actor
        permission = cls.__read_permission__
        return permission is None or (actor is not None and reach(actor, permission) is not None)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        ids = decode_ids(node_ids)
        if not cls.may_read(info):
            ids = [-1 for _ in ids]
        rows = await info.context.loaders.by_id(cls.__model__).load_many(ids)
        nodes = [cls.from_model(r) if r is not None else None for r in rows]
        if required and any(n is None for n in nodes):
            raise NotFound(cls.__name__)
        return nodes


def _cursor(offset: int) -> str:
    return base64.b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def _offset(cursor: str | None, field: str) -> int:
    if cursor is None:
        return 0
    try:
        raw = base64.b64decode(cursor.encode(), validate=True).decode()
    except Exception:
        raise Invalid(field, "invalid cursor") from None
    if not raw.startswith(_CURSOR_PREFIX) or not raw[len(_CURSOR_PREFIX) :].isdigit():
        raise Invalid(field, "invalid cursor")
    return int(raw[len(_CURSOR_PREFIX) :]) + 1


@strawberry.type(description="A page of a list, with cursors to fetch the next one.")
class Connection(relay.Connection[relay.NodeType]):
    """A Relay connection with the total count."""

    total_count: int = strawberry.field(description="How many items the whole list holds.")

    @classmethod
    def of(
        cls, edges: list[relay.Edge[Any]], has_next: bool, has_previous: bool, total: int
    ) -> Self:
        """A page of `edges`, its page info taken from its first and last edge."""
        return cls(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=has_next,
                has_previous_page=has_previous,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=total,
        )

    @classmethod
    async def page(
        cls,
        info: Info,
        statement: Select[Any],
        to_node: Callable[[Any], relay.NodeType],
        first: int | None,
        after: str | None,
    ) -> Self:
        """Run `statement` (already filtered and ordered) for one page after `after`.

        Keyset paging: each edge's cursor holds its row's sort key (signed), and `after` seeks
        past it, so a deep page costs what the first one does and rows inserted meanwhile
        neither repeat nor hide rows of the next page.
        """
        size = page_size(first)
        session = info.context.session
        total = await session.scalar(
            select(func.count()).select_from(statement.order_by(None).subquery())
        )
        keyset = Keyset(statement, info.context.settings.secret_key.get_secret_value())
        rows = (await session.execute(keyset.after(after, "after").limit(size + 1))).all()
        edges = [relay.Edge(cursor=keyset.cursor(row), node=to_node(row[0])) for row in rows[:size]]
        return cls.of(edges, len(rows) > size, after is not None, int(total or 0))

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[Any],
        start: int,
        size: int,
        total: int,
        to_node: Callable[[Any], relay.NodeType],
    ) -> Self:
        """A page from up to `size + 1` rows fetched at offset `start` (the extra one says more)."""
        edges = [
            relay.Edge(cursor=_cursor(start + i), node=to_node(r))
            for i, r in enumerate(rows[:size])
        ]
        return cls.of(edges, len(rows) > size, start > 0, total)


def page_size(first: int | None) -> int:
    """The page size `first` asks for; refuses sizes out of range."""
    size = DEFAULT_PAGE if first is None else first
    if size < 0 or size > MAX_PAGE:
        raise Invalid("first", f"first must be between 0 and {MAX_PAGE}")
    return size


def page_window(first: int | None, after: str | None) -> tuple[int, int]:
    """(offset, size) of a page of a list computed in memory (not a SQL statement)."""
    return _offset(after, "after"), page_size(first)
