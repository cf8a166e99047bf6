"""Which stores to list and in what order: filters, text search and sort keys of the store list."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, or_, select

from domain.errors import Invalid
from domain.stores.models import Store, StoreStatus, Tier

MAX_SEARCH = 100


class StoreSort(StrEnum):
    """What the store list is ordered by."""

    CODE = "code"
    NAME = "name"
    BUDGET = "budget"
    TIER = "tier"
    CREATED = "created"


_SORT_COLUMNS: dict[StoreSort, Any] = {
    StoreSort.CODE: Store.code,
    StoreSort.NAME: Store.name,
    StoreSort.BUDGET: Store.budget,
    StoreSort.TIER: Store.tier,
    StoreSort.CREATED: Store.created_at,
}


@dataclass(frozen=True)
class StoreFilter:
    """Store list filters (all optional, combined with AND)."""

    region_id: int | None = None
    merchandiser_id: int | None = None
    unassigned: bool | None = None
    tier: Tier | None = None
    status: StoreStatus | None = None
    search: str | None = None


def _search(text: str) -> Any:
    """Code, name, city or franchisee name containing `text` (any case)."""
    needle = text.strip().lower()
    if len(needle) > MAX_SEARCH:
        raise Invalid("search", f"search text holds at most {MAX_SEARCH} characters")
    columns = (Store.code, Store.name, Store.city, Store.franchisee_name)
    return or_(*(func.lower(c).contains(needle, autoescape=True) for c in columns))


def stores_statement(
    filter: StoreFilter, sort: StoreSort = StoreSort.CODE, descending: bool = False
) -> Select[Any]:
    """The visible stores matching `filter`, ordered by `sort` (ties by id).

    A code is unique within the tenant, so the code order needs no tie-breaker: ordered by
    code alone, a page is a walk of the unique index (tenant_id, code) from the cursor on. With
    `id` after it, PostgreSQL must sort, and without fresh statistics (just after a bulk load)
    it reads and sorts every row past the cursor instead of 21.
    """
    stmt = select(Store)
    if filter.region_id is not None:
        stmt = stmt.where(Store.region_id == filter.region_id)
    if filter.merchandiser_id is not None:
        stmt = stmt.where(Store.merchandiser_id == filter.merchandiser_id)
    if filter.unassigned is not None:
        column = Store.merchandiser_id
        stmt = stmt.where(column.is_(None) if filter.unassigned else column.is_not(None))
    if filter.tier is not None:
        stmt = stmt.where(Store.tier == filter.tier)
    if filter.status is not None:
        stmt = stmt.where(Store.status == filter.status)
    if filter.search and filter.search.strip():
        stmt = stmt.where(_search(filter.search))
    column = _SORT_COLUMNS[sort]
    if sort is StoreSort.CODE:
        return stmt.order_by(column.desc() if descending else column.asc())
    if descending:
        return stmt.order_by(column.desc(), Store.id.desc())
    return stmt.order_by(column.asc(), Store.id.asc())
