"""Warehouses, HQ stock and store inventory: set in bulk (feeds, files, people), read in lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.bulk import UpsertCounts, chunks
from domain.bulk.rows import RowErrors
from domain.bulk.upsert import bulk_upsert
from domain.catalogue.lookup import find_skus, pick_sku
from domain.catalogue.models import Sku
from domain.db.binding import session_tenant
from domain.errors import Collector, ErrorCode, Invalid
from domain.permissions import Actor, Permission, authorize, can
from domain.regions.provinces import canonical_province
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock
from domain.stores.access import visible_store
from domain.stores.models import Store
from domain.text import checked_name

MAX_ON_HAND = 2_000_000_000  # INTEGER column


@dataclass
class WarehouseFields:
    """A new warehouse."""

    code: str
    name: str
    province: str | None = None
    city: str | None = None


async def create_warehouse(
    session: AsyncSession, actor: Actor, fields: WarehouseFields
) -> Warehouse:
    """Create an HQ warehouse (code unique in the tenant, province one of China's)."""
    authorize(actor, Permission.STOCK_WRITE)
    errors = Collector()
    code = checked_name(errors, "code", fields.code, 32) or ""
    if code and await session.scalar(select(Warehouse.id).where(Warehouse.code == code)):
        errors.add("code", f"a warehouse with code {code} already exists", ErrorCode.DUPLICATE)
    name = checked_name(errors, "name", fields.name, 200) or ""
    province = (fields.province or "").strip() or None
    if province is not None:
        province = canonical_province(province)
        if province is None:
            errors.add("province", f"unknown province {fields.province!r}")
    city = checked_name(errors, "city", fields.city, 80, required=False)
    errors.raise_if_any()
    warehouse = Warehouse(code=code, name=name, province=province, city=city)
    session.add(warehouse)
    await session.flush()
    return warehouse


class WarehouseRef(NamedTuple):
    """A warehouse named by a bulk row."""

    id: int
    code: str


class StoreRef(NamedTuple):
    """What a bulk row needs to know of a store (enough for the permission check)."""

    id: int
    code: str
    region_id: int | None
    merchandiser_id: int | None
    franchisee_id: int | None


async def find_stores(
    session: AsyncSession, codes: Iterable[str] = (), ids: Iterable[int] = ()
) -> tuple[dict[str, StoreRef], dict[int, StoreRef]]:
    """Stores the session may see, by code and by id (unknown or invisible ones are absent)."""
    columns = (Store.id, Store.code, Store.region_id, Store.merchandiser_id, Store.franchisee_id)
    by_code: dict[str, StoreRef] = {}
    by_id: dict[int, StoreRef] = {}
    for batch in chunks(set(codes)):
        for row in await session.execute(select(*columns).where(Store.code.in_(batch))):
            by_code[row.code] = StoreRef(*row)
    for batch in chunks(set(ids)):
        for row in await session.execute(select(*columns).where(Store.id.in_(batch))):
            by_id[row.id] = StoreRef(*row)
    return by_code, by_id


def _pick(
    by_code: dict[str, Any], by_id: dict[int, Any], code: str | None, ident: int | None, what: str
) -> tuple[Any, tuple[str, str, ErrorCode] | None]:
    """The row a code or id names (both: they must agree), or (field, message, code) of the problem."""
    if not code and ident is None:
        return None, (f"{what}_code", f"a {what} code or id is required", ErrorCode.REQUIRED)
    found_code = by_code.get(code) if code else None
    found_id = by_id.get(ident) if ident is not None else None
    if code and found_code is None:
        return None, (f"{what}_code", f"{what} {code} not found", ErrorCode.NOT_FOUND)
    if ident is not None and found_id is None:
        return None, (f"{what}_id", f"{what} not found", ErrorCode.NOT_FOUND)
    if found_code is not None and found_id is not None and found_code.id != found_id.id:
        return None, (f"{what}_id", f"{what} id is not {what} {code}", ErrorCode.INVALID)
    return found_code or found_id, None


@dataclass(frozen=True, slots=True)
class StockRow:
    """Units of one SKU on hand in one warehouse (`row` locates the row in errors)."""

    row: int
    on_hand: int
    warehouse_code: str | None = None
    warehouse_id: int | None = None
    sku_code: str | None = None
    barcode: str | None = None


def _check_on_hand(errors: RowErrors, row: int, on_hand: int) -> bool:
    if on_hand < 0:
        errors.add(row, "on_hand", "on hand cannot be negative")
        return False
    if on_hand > MAX_ON_HAND:
        errors.add(row, "on_hand", "on hand is too large")
        return False
    return True


async def upsert_stock(
    session: AsyncSession,
    actor: Actor,
    rows: Sequence[StockRow],
    write: bool = True,
    source: str | None = None,
) -> UpsertCounts:
    """Set HQ stock on hand per warehouse × SKU; what is reserved is kept.

    The whole batch is checked first (warehouses and SKUs resolved in bulk; on hand below
    what is reserved for confirmed orders is refused) and raises RowsRejected with every bad
    row; nothing is written then. With `write=False` only checks.
    """
    authorize(actor, Permission.STOCK_WRITE)
    wh_rows = await session.execute(
        select(Warehouse.id, Warehouse.code).where(
            Warehouse.code.in_({r.warehouse_code for r in rows if r.warehouse_code})
            | Warehouse.id.in_({r.warehouse_id for r in rows if r.warehouse_id is not None})
        )
    )
    whs = [WarehouseRef(wid, code) for wid, code in wh_rows]
    wh_code = {w.code: w for w in whs}
    wh_id = {w.id: w for w in whs}
    skus = await find_skus(
        session, (r.sku_code for r in rows if r.sku_code), (r.barcode for r in rows if r.barcode)
    )
    errors = RowErrors()
    keys: dict[tuple[int, int], StockRow] = {}
    for r in rows:
        warehouse, problem = _pick(wh_code, wh_id, r.warehouse_code, r.warehouse_id, "warehouse")
        if problem:
            errors.add(r.row, problem[0], problem[1], problem[2])
        sku, sku_problem = pick_sku(skus, r.sku_code, r.barcode)
        if sku_problem:
            errors.add(r.row, sku_problem.field, sku_problem.message, sku_problem.code)
        ok = _check_on_hand(errors, r.row, r.on_hand)
        if warehouse is None or sku is None or not ok:
            continue
        key = (warehouse.id, sku.id)
        if key in keys:
            errors.add(
                r.row,
                "sku_code",
                f"same warehouse and SKU as row {keys[key].row}",
                ErrorCode.DUPLICATE,
            )
            continue
        keys[key] = r
    existing = await _existing_stock(session, keys)
    for key, r in keys.items():
        reserved = existing.get(key, 0)
        if r.on_hand < reserved:
            errors.add(
                r.row,
                "on_hand",
                f"{reserved} units are reserved for confirmed orders; on hand cannot be {r.on_hand}",
                ErrorCode.INSUFFICIENT_STOCK,
            )
    errors.raise_if_any()
    counts = UpsertCounts(
        created=sum(k not in existing for k in keys), updated=sum(k in existing for k in keys)
    )
    if write:
        now = clock.now()
        tenant = session_tenant(session)
        await bulk_upsert(
            session,
            WarehouseStock.__table__,  # type: ignore[arg-type]
            ("tenant_id", "warehouse_id", "sku_id", "on_hand", "reserved", "updated_at"),
            ((tenant, wid, sid, r.on_hand, 0, now) for (wid, sid), r in keys.items()),
            key=("tenant_id", "warehouse_id", "sku_id"),
            update=("on_hand", "updated_at"),
        )
        await _audit(session, "warehouse_stock.upsert", "warehouse_stock", counts, source)
    return counts


async def _existing_stock(
    session: AsyncSession, keys: dict[tuple[int, int], StockRow]
) -> dict[tuple[int, int], int]:
    """(warehouse, SKU) → reserved, for the keys that already have a stock row."""
    out: dict[tuple[int, int], int] = {}
    sku_ids = {s for _, s in keys}
    for batch in chunks(sku_ids):
        stmt = select(
            WarehouseStock.warehouse_id, WarehouseStock.sku_id, WarehouseStock.reserved
        ).where(WarehouseStock.sku_id.in_(batch))
        for wid, sid, reserved in await session.execute(stmt):
            if (wid, sid) in keys:
                out[(wid, sid)] = reserved
    return out


async def _audit(
    session: AsyncSession, action: str, entity: str, counts: UpsertCounts, source: str | None
) -> None:
    after: dict[str, Any] = {"created": counts.created, "updated": counts.updated}
    if source:
        after["source"] = source
    await record(session, action, entity, None, None, after)


@dataclass(frozen=True, slots=True)
class StoreInventoryRow:
    """Units of one SKU on hand in one store (`row` locates the row in errors)."""

    row: int
    on_hand: int
    store_code: str | None = None
    store_id: int | None = None
    sku_code: str | None = None
    barcode: str | None = None


async def upsert_store_inventory(
    session: AsyncSession,
    actor: Actor,
    rows: Sequence[StoreInventoryRow],
    write: bool = True,
    source: str | None = None,
) -> UpsertCounts:
    """Set what stores have on hand per SKU; checked as a whole first like `upsert_stock`.

    Stores the actor cannot see are "not found"; stores it sees but may not stock are refused.
    """
    authorize(actor, Permission.STOCK_WRITE)
    by_code, by_id = await find_stores(
        session,
        (r.store_code for r in rows if r.store_code),
        (r.store_id for r in rows if r.store_id is not None),
    )
    skus = await find_skus(
        session, (r.sku_code for r in rows if r.sku_code), (r.barcode for r in rows if r.barcode)
    )
    errors = RowErrors()
    keys: dict[tuple[int, int], StoreInventoryRow] = {}
    for r in rows:
        store, problem = _pick(by_code, by_id, r.store_code, r.store_id, "store")
        if problem:
            errors.add(r.row, problem[0], problem[1], problem[2])
        elif not can(actor, Permission.STOCK_WRITE, store):
            errors.add(
                r.row,
                "store_code",
                f"not allowed to set stock of store {store.code}",
                ErrorCode.FORBIDDEN,
            )
            store = None
        sku, sku_problem = pick_sku(skus, r.sku_code, r.barcode)
        if sku_problem:
            errors.add(r.row, sku_problem.field, sku_problem.message, sku_problem.code)
        ok = _check_on_hand(errors, r.row, r.on_hand)
        if store is None or sku is None or not ok:
            continue
        key = (store.id, sku.id)
        if key in keys:
            errors.add(
                r.row, "sku_code", f"same store and SKU as row {keys[key].row}", ErrorCode.DUPLICATE
            )
            continue
        keys[key] = r
    errors.raise_if_any()
    existing: set[tuple[int, int]] = set()
    for batch in chunks({s for s, _ in keys}):
        stmt = select(StoreInventory.store_id, StoreInventory.sku_id).where(
            StoreInventory.store_id.in_(batch)
        )
        existing.update(k for k in (tuple(r) for r in await session.execute(stmt)) if k in keys)
    counts = UpsertCounts(created=len(keys) - len(existing), updated=len(existing))
    if write:
        now = clock.now()
        tenant = session_tenant(session)
        await bulk_upsert(
            session,
            StoreInventory.__table__,  # type: ignore[arg-type]
            ("tenant_id", "store_id", "sku_id", "on_hand", "updated_at"),
            ((tenant, st, sk, r.on_hand, now) for (st, sk), r in keys.items()),
            key=("tenant_id", "store_id", "sku_id"),
            update=("on_hand", "updated_at"),
        )
        await _audit(session, "store_inventory.upsert", "store_inventory", counts, source)
    return counts


def stock_levels_statement(
    warehouse_id: int | None = None,
    sku_id: int | None = None,
    product_id: int | None = None,
    below_available: int | None = None,
) -> Select[WarehouseStock]:
    """HQ stock rows, filtered, in a stable order (warehouse, then SKU)."""
    stmt = select(WarehouseStock)
    if warehouse_id is not None:
        stmt = stmt.where(WarehouseStock.warehouse_id == warehouse_id)
    if sku_id is not None:
        stmt = stmt.where(WarehouseStock.sku_id == sku_id)
    if product_id is not None:
        stmt = stmt.where(
            WarehouseStock.sku_id.in_(select(Sku.id).where(Sku.product_id == product_id))
        )
    if below_available is not None:
        stmt = stmt.where(WarehouseStock.on_hand - WarehouseStock.reserved < below_available)
    return stmt.order_by(WarehouseStock.warehouse_id, WarehouseStock.sku_id)


async def store_inventory_statement(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    sku_id: int | None = None,
    product_id: int | None = None,
    in_stock: bool | None = None,
) -> Select[StoreInventory]:
    """A store's inventory rows, in SKU order; the store must be visible to the actor."""
    await visible_store(session, actor, store_id, Permission.STOCK_READ)
    stmt = select(StoreInventory).where(StoreInventory.store_id == store_id)
    if sku_id is not None:
        stmt = stmt.where(StoreInventory.sku_id == sku_id)
    if product_id is not None:
        stmt = stmt.where(
            StoreInventory.sku_id.in_(select(Sku.id).where(Sku.product_id == product_id))
        )
    if in_stock is not None:
        stmt = stmt.where(StoreInventory.on_hand > 0 if in_stock else StoreInventory.on_hand == 0)
    return stmt.order_by(StoreInventory.sku_id)


def check_bulk_size(rows: Sequence[Any], limit: int) -> None:
    """Refuse an empty batch or one larger than `limit` rows."""
    if not rows:
        raise Invalid("rows", "at least one row is required", ErrorCode.REQUIRED)
    if len(rows) > limit:
        raise Invalid("rows", f"at most {limit} rows per call (use the file import for more)")
