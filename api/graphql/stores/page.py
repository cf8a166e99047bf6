"""A page of the store list read as plain rows: the page, its total and its regions in one
statement where the selection allows.

The store list is the portal's busiest query; read as ORM instances it cost a statement for
the count, one for the page, and two for the regions (the region and, eagerly, its
provinces), and SQLAlchemy's instance bookkeeping for each row. Here the page's statement
selects only the columns the selection reads (`store_columns`), the total as a window count
over the same filtered rows (on the first page; a page after a cursor counts apart, as the
seek narrows the rows), and the region's code and name by a join when nothing more of the
region is asked for. Tenancy is unchanged: the session's criteria apply to every entity of
the statement (stores and the joined regions), and row-level security below them.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Select, func, select
from strawberry import relay

from api.graphql.context import Info
from api.graphql.keyset import Keyset
from api.graphql.lookahead import selected
from api.graphql.regions.types import RegionType
from api.graphql.relay import Connection, page_size
from api.graphql.stores.types import PLAIN_FIELDS, StoreType
from domain.regions.models import Region
from domain.stores.models import Store

# Region fields a join answers (the provinces need their own table).
_JOINED_REGION_FIELDS = frozenset({"__typename", "id", "code", "name"})
_TOTAL = "_page_total"
_REGION_CODE = "_region_code"
_REGION_NAME = "_region_name"


async def store_page(
    info: Info,
    statement: Select[Any],
    columns: list[Any],
    fields: frozenset[str],
    first: int | None,
    after: str | None,
) -> Connection[StoreType]:
    """The page after `after` of `statement` (the filtered, ordered store list), reading only
    `columns`; the nodes' regions preloaded when joined."""
    size = page_size(first)
    session = info.context.session
    wants_total = "totalCount" in selected(info)
    total_in_page = wants_total and after is None
    join_region = "region" in fields and (
        selected(info, "edges", "node", "region") <= _JOINED_REGION_FIELDS
    )
    extra: list[Any] = []
    if join_region:
        extra += [Region.code.label(_REGION_CODE), Region.name.label(_REGION_NAME)]
    if total_in_page:
        extra.append(func.count().over().label(_TOTAL))
    stmt = statement.with_only_columns(*columns, *extra)
    if join_region:
        stmt = stmt.outerjoin(Region, Region.id == Store.region_id)
    keyset = Keyset(stmt, info.context.settings.secret_key.get_secret_value())
    result = await session.execute(keyset.after(after, "after").limit(size + 1))
    read = set(result.keys())
    # The plain fields: those read from their column, the others None (never selected).
    unread: dict[str, Any] = dict.fromkeys((f for f in PLAIN_FIELDS if f not in read), None)
    columns_read = tuple(f for f in PLAIN_FIELDS if f in read)
    rows = result.all()
    total = 0
    if total_in_page:
        total = rows[0]._mapping[_TOTAL] if rows else 0
    elif wants_total:
        total = (
            await session.scalar(
                select(func.count()).select_from(
                    statement.with_only_columns(Store.id).order_by(None).subquery()
                )
            )
        ) or 0
    regions: dict[int, RegionType] = {}
    page = rows[:size]
    # A cursor is signed (an HMAC each): made for the edges that may be read, every edge's
    # when the selection asks for `cursor`, else only the first and last (pageInfo's).
    every_cursor = "cursor" in selected(info, "edges")
    edges = []
    for index, row in enumerate(page):
        node = _node(row, columns_read, unread)
        if join_region:
            node.preloaded["region"] = _region(row, regions)
        readable = every_cursor or index == 0 or index == len(page) - 1
        edges.append(relay.Edge(cursor=keyset.cursor(row) if readable else "", node=node))
    return Connection[StoreType].of(edges, len(rows) > size, after is not None, int(total))


def _node(row: Any, columns_read: tuple[str, ...], unread: dict[str, Any]) -> StoreType:
    # A row of the columns the selection reads: it answers the same attributes as a Store
    # loaded with only those columns (the others are never read: see `store_columns`).
    plain = {f: getattr(row, f) for f in columns_read}
    return StoreType(id=row.id, row=cast(Store, row), **plain, **unread)


def _region(row: Any, regions: dict[int, RegionType]) -> RegionType | None:
    values = row._mapping
    if values[_REGION_NAME] is None:  # not visible: as the region loader would answer
        return None
    region = regions.get(row.region_id)
    if region is None:
        # Provinces are not selected (_JOINED_REGION_FIELDS): never read.
        region = RegionType(
            id=row.region_id, code=values[_REGION_CODE], name=values[_REGION_NAME], provinces=[]
        )
        regions[row.region_id] = region
    return region
