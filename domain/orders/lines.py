"""Changing an order's lines: quantities set, SKUs added or cut, checked against the limits.

One set of checks serves the merchandiser editing a draft and the franchisee adjusting a
proposal: SKUs orderable and in whole packs, HQ stock (available = on hand − reserved, summed
over warehouses), the store's display capacity (what it holds plus what the order brings) and
the budget. A change that does not make things worse always passes (a cut is never refused,
even on an order that was already over a limit). A removed line stays with qty 0, so the cut
is visible to the dashboards and to the next recommendation; `changed_by` says who changed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.models import Product, Sku
from domain.errors import Collector, ErrorCode
from domain.orders.models import LineSource, Order, OrderLine
from domain.orders.reservations import available_by_sku
from domain.stock.models import StoreInventory
from domain.stores.models import Store

MAX_QTY = 100_000


@dataclass(frozen=True)
class LineChange:
    """Set the quantity of one SKU on the order (0 cuts it; an SKU not there yet is added)."""

    sku_id: int
    qty: int


@dataclass(frozen=True)
class Orderable:
    """What a change needs to know of a SKU."""

    id: int
    code: str
    pack_size: int
    active: bool
    unit_cost: Decimal
    retail_price: Decimal


async def orderable(session: AsyncSession, sku_ids: Sequence[int]) -> dict[int, Orderable]:
    """The SKUs (with their style's prices) by id; unknown ones are absent."""
    if not sku_ids:
        return {}
    rows = await session.execute(
        select(
            Sku.id,
            Sku.code,
            Sku.pack_size,
            Sku.is_active & Product.is_active,
            Product.unit_cost,
            Product.retail_price,
        )
        .join(Product, Product.id == Sku.product_id)
        .where(Sku.id.in_(set(sku_ids)))
    )
    return {row[0]: Orderable(*row) for row in rows}


def check_qty(errors: Collector, field: str, qty: int, sku: Orderable | None) -> bool:
    """Whether `qty` is a valid quantity of `sku` (errors recorded under `field`)."""
    if qty < 0:
        errors.add(field, "quantity cannot be negative")
    elif qty > MAX_QTY:
        errors.add(field, f"at most {MAX_QTY} units per line")
    elif sku is not None and qty % sku.pack_size:
        errors.add(field, f"SKU {sku.code} ships in packs of {sku.pack_size}")
    else:
        return True
    return False


async def store_units(session: AsyncSession, store_id: int) -> int:
    """Units the store has on hand now, every SKU together."""
    return (await units_by_store(session, [store_id]))[store_id]


async def units_by_store(session: AsyncSession, store_ids: Sequence[int]) -> dict[int, int]:
    """Units each store has on hand now (every SKU together), 0 for a store with none."""
    rows = await session.execute(
        select(StoreInventory.store_id, func.sum(StoreInventory.on_hand))
        .where(StoreInventory.store_id.in_(set(store_ids)))
        .group_by(StoreInventory.store_id)
    )
    found = {store_id: int(total or 0) for store_id, total in rows}
    return {store_id: found.get(store_id, 0) for store_id in store_ids}


@dataclass(frozen=True)
class Capacity:
    """A store's display room for an order: what it displays at most, holds, and can take."""

    display_capacity: int
    held: int

    @property
    def room(self) -> int:
        """Units an order may bring before the store's display is full."""
        return max(self.display_capacity - self.held, 0)


@dataclass
class Plan:
    """The checked changes: (line or None for a new one, SKU, old qty, new qty)."""

    steps: list[tuple[OrderLine | None, Orderable, int, int]]
    cost: Decimal
    units: int


def _plan(
    order: Order, changes: Sequence[LineChange], skus: dict[int, Orderable], errors: Collector
) -> Plan:
    existing = {line.sku_id: line for line in order.lines}
    seen: set[int] = set()
    steps: list[tuple[OrderLine | None, Orderable, int, int]] = []
    for i, change in enumerate(changes):
        sku = skus.get(change.sku_id)
        if sku is None:
            errors.add(f"lines.{i}.sku_id", "SKU not found", ErrorCode.NOT_FOUND)
            continue
        if change.sku_id in seen:
            errors.add(f"lines.{i}.sku_id", f"SKU {sku.code} is listed twice", ErrorCode.DUPLICATE)
            continue
        seen.add(change.sku_id)
        if not check_qty(errors, f"lines.{i}.qty", change.qty, sku):
            continue
        line = existing.get(change.sku_id)
        old = line.qty if line is not None else 0
        if change.qty == old:
            continue
        if change.qty > old and not sku.active:
            errors.add(f"lines.{i}.sku_id", f"SKU {sku.code} can no longer be ordered")
            continue
        steps.append((line, sku, old, change.qty))
    cost = order.total_cost + sum(
        ((new - old) * sku.unit_cost for _, sku, old, new in steps), Decimal(0)
    )
    units = order.total_units + sum(new - old for _, _, old, new in steps)
    return Plan(steps, cost, units)


async def _check_stock(
    session: AsyncSession, plan: Plan, changes: Sequence[LineChange], errors: Collector
) -> None:
    rising = {sku.id: new for _, sku, old, new in plan.steps if new > old}
    free = await available_by_sku(session, rising)
    index = {c.sku_id: i for i, c in enumerate(changes)}
    for _, sku, old, new in plan.steps:
        if new > old and new > free[sku.id]:
            errors.add(
                f"lines.{index[sku.id]}.qty",
                f"SKU {sku.code}: {new} wanted, only {free[sku.id]} available at HQ",
                ErrorCode.INSUFFICIENT_STOCK,
            )


async def _check_capacity(
    session: AsyncSession, order: Order, store: Store, plan: Plan, errors: Collector
) -> None:
    if plan.units <= order.total_units:
        return
    capacity = Capacity(store.display_capacity, await store_units(session, store.id))
    if plan.units > capacity.room:
        errors.add(
            "lines",
            f"the store holds {capacity.held} units and displays at most "
            f"{store.display_capacity}: this order can bring {capacity.room}, not {plan.units}",
            ErrorCode.OVER_CAPACITY,
        )


def _check_budget(order: Order, plan: Plan, errors: Collector) -> None:
    if plan.cost > order.budget and plan.cost > order.total_cost:
        errors.add(
            "lines",
            f"the order would cost {plan.cost}, over the budget of {order.budget} "
            f"({order.budget - order.total_cost} left)",
            ErrorCode.OVER_BUDGET,
        )


async def change_lines(
    session: AsyncSession,
    order: Order,
    store: Store,
    changes: Sequence[LineChange],
    by: LineSource,
    strict_budget: bool,
) -> list[dict[str, Any]]:
    """Check and apply `changes` (all or none); the changes made, for the audit entry.

    With `strict_budget` the new cost may not pass the budget (the franchisee's rule); without,
    the caller settles the budget (the merchandiser's rule: HQ approval beyond a limit).
    """
    errors = Collector()
    skus = await orderable(session, [c.sku_id for c in changes])
    plan = _plan(order, changes, skus, errors)
    await _check_stock(session, plan, changes, errors)
    await _check_capacity(session, order, store, plan, errors)
    if strict_budget:
        _check_budget(order, plan, errors)
    errors.raise_if_any()
    made: list[dict[str, Any]] = []
    for line, sku, old, new in plan.steps:
        if line is None:
            line = OrderLine(
                sku_id=sku.id,
                recommended_qty=0,
                qty=new,
                unit_cost=sku.unit_cost,
                retail_price=sku.retail_price,
                source=by,
                reason={},
            )
            order.lines.append(line)
        else:
            line.qty = new
            line.changed_by = by
        made.append({"sku": sku.code, "from": old, "to": new})
    recompute(order)
    return made


def recompute(order: Order) -> None:
    """The order's totals from its lines."""
    order.total_units = sum(line.qty for line in order.lines)
    order.total_cost = sum((line.qty * line.unit_cost for line in order.lines), Decimal(0))
    order.total_retail = sum((line.qty * line.retail_price for line in order.lines), Decimal(0))
