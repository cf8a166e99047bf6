"""HQ stock promised to orders: reserve at confirmation, release or consume it exactly.

A confirmation locks the stock rows of its SKUs in one statement (FOR UPDATE, in (SKU,
warehouse) order, so concurrent confirmations wait for each other instead of deadlocking),
shares the lines out over the warehouses, and reserves them all in a second statement, a
conditional UPDATE (`reserved = reserved + n WHERE on_hand - reserved >= n`), so two
confirmations racing for the last units can never both get them: the database re-checks the
condition on each row. Two statements however many lines: other stores' confirmations of the
same SKUs wait for these locks until the commit, so the fewer round trips under them the
better. Where rows cannot be locked (SQLite) and another writer got in between, what was
taken is given back and the lines are reserved one by one, re-reading after each miss.
What each order line holds in each warehouse is a `StockReservation` row, which is what
`release` and `consume` undo, unit for unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import case, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.recorder import record
from domain.catalogue.models import Sku
from domain.errors import DomainError, ErrorCode, FieldError
from domain.orders.models import Order, OrderLine, StockReservation
from domain.stock.models import WarehouseStock


async def available_by_sku(session: AsyncSession, sku_ids: Iterable[int]) -> dict[int, int]:
    """HQ units free to promise per SKU (on hand − reserved, summed over warehouses)."""
    ids = sorted(set(sku_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(WarehouseStock.sku_id, func.sum(WarehouseStock.on_hand - WarehouseStock.reserved))
        .where(WarehouseStock.sku_id.in_(ids))
        .group_by(WarehouseStock.sku_id)
    )
    found = {sku_id: int(total or 0) for sku_id, total in rows}
    return {i: found.get(i, 0) for i in ids}


async def _change(session: AsyncSession, warehouse_id: int, sku_id: int, **deltas: int) -> bool:
    """Apply `deltas` (reserved, on_hand) to one stock row; reserving only while enough is free."""
    stock = WarehouseStock
    stmt = update(stock).where(stock.warehouse_id == warehouse_id, stock.sku_id == sku_id)
    values = {}
    reserve = deltas.get("reserved", 0)
    if reserve > 0:
        stmt = stmt.where(stock.on_hand - stock.reserved >= reserve)
    values["reserved"] = stock.reserved + reserve
    if "on_hand" in deltas:
        values["on_hand"] = stock.on_hand + deltas["on_hand"]
    result = await session.execute(
        stmt.values(**values).execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


async def _take(session: AsyncSession, sku_id: int, need: int) -> list[tuple[int, int]]:
    """Reserve up to `need` units of one SKU, warehouse by warehouse: [(warehouse, units)]."""
    rows = await session.execute(
        select(WarehouseStock.warehouse_id, WarehouseStock.on_hand - WarehouseStock.reserved)
        .where(WarehouseStock.sku_id == sku_id)
        .order_by(WarehouseStock.warehouse_id)
    )
    taken: list[tuple[int, int]] = []
    for warehouse_id, free in rows.all():
        while need > 0 and free > 0:
            units = min(need, free)
            if await _change(session, warehouse_id, sku_id, reserved=units):
                taken.append((warehouse_id, units))
                need -= units
                break
            # Someone took some meanwhile: look again at what this warehouse has left.
            free = int(
                await session.scalar(
                    select(WarehouseStock.on_hand - WarehouseStock.reserved).where(
                        WarehouseStock.warehouse_id == warehouse_id,
                        WarehouseStock.sku_id == sku_id,
                    )
                )
                or 0
            )
        if need == 0:
            break
    return taken


@dataclass(frozen=True)
class Shortage:
    """A SKU an order asks more of than HQ has free."""

    sku_code: str
    wanted: int
    available: int


async def _locked_free(
    session: AsyncSession, sku_ids: set[int]
) -> dict[int, list[tuple[int, int, int]]]:
    """Per SKU, its stock rows as (row id, warehouse, free units), locked in (SKU, warehouse)
    order until the transaction ends (on PostgreSQL)."""
    stock = WarehouseStock
    rows = await session.execute(
        select(stock.id, stock.sku_id, stock.warehouse_id, stock.on_hand - stock.reserved)
        .where(stock.sku_id.in_(sorted(sku_ids)))
        .order_by(stock.sku_id, stock.warehouse_id)
        .with_for_update(of=stock)
    )
    found: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for row_id, sku_id, warehouse_id, free in rows.all():
        found[sku_id].append((row_id, warehouse_id, int(free)))
    return found


def _share_out(
    lines: list[OrderLine], stock: dict[int, list[tuple[int, int, int]]]
) -> tuple[list[tuple[OrderLine, int, int, int]], list[tuple[OrderLine, int]]]:
    """Each line's units over its SKU's warehouses, in warehouse order: [(line, row id,
    warehouse, units)], and the lines that cannot be served in full with what they could get."""
    free = {row_id: units for rows in stock.values() for row_id, _, units in rows}
    plan: list[tuple[OrderLine, int, int, int]] = []
    short: list[tuple[OrderLine, int]] = []
    for line in lines:
        need = line.qty
        for row_id, warehouse_id, _ in stock.get(line.sku_id, []):
            units = min(need, free[row_id])
            if units <= 0:
                continue
            free[row_id] -= units
            plan.append((line, row_id, warehouse_id, units))
            need -= units
            if need == 0:
                break
        if need > 0:
            short.append((line, line.qty - need))
    return plan, short


async def _reserve_rows(session: AsyncSession, units_by_row: dict[int, int]) -> set[int]:
    """Reserve units on several stock rows in one statement, on each only while enough is
    free; the ids of the rows reserved on."""
    stock = WarehouseStock
    wanted = case(units_by_row, value=stock.id)
    result = await session.execute(
        update(stock)
        .where(stock.id.in_(sorted(units_by_row)), stock.on_hand - stock.reserved >= wanted)
        .values(reserved=stock.reserved + wanted)
        .returning(stock.id)
        .execution_options(synchronize_session=False)
    )
    return set(result.scalars())


async def _reserve_line_by_line(
    session: AsyncSession, lines: list[OrderLine]
) -> tuple[list[tuple[OrderLine, int, int]], list[tuple[OrderLine, int]]]:
    held: list[tuple[OrderLine, int, int]] = []
    short: list[tuple[OrderLine, int]] = []
    for line in lines:
        taken = await _take(session, line.sku_id, line.qty)
        held += [(line, warehouse_id, units) for warehouse_id, units in taken]
        got = sum(units for _, units in taken)
        if got < line.qty:
            short.append((line, got))
    return held, short


async def reserve(session: AsyncSession, order: Order) -> list[StockReservation]:
    """Reserve HQ stock for every line of `order`, all or nothing.

    On a shortage, what this call had reserved is given back before raising
    INSUFFICIENT_STOCK (one error per short SKU, naming it and what is still free), so the
    stock is as it was even if the caller kept the transaction.
    """
    lines = sorted((line for line in order.lines if line.qty > 0), key=lambda line: line.sku_id)
    plan, short = _share_out(lines, await _locked_free(session, {line.sku_id for line in lines}))
    held: list[tuple[OrderLine, int, int]] = []
    if not short and plan:
        units_by_row: dict[int, int] = defaultdict(int)
        for _, row_id, _, units in plan:
            units_by_row[row_id] += units
        reserved = await _reserve_rows(session, units_by_row)
        if len(reserved) == len(units_by_row):
            held = [(line, warehouse_id, units) for line, _, warehouse_id, units in plan]
        else:  # unlocked rows (SQLite) changed since they were read: give back, go one by one
            stock_of = {
                row_id: (warehouse_id, line.sku_id) for line, row_id, warehouse_id, _ in plan
            }
            for row_id in sorted(reserved):
                warehouse_id, sku_id = stock_of[row_id]
                await _change(session, warehouse_id, sku_id, reserved=-units_by_row[row_id])
            held, short = await _reserve_line_by_line(session, lines)
    if short:
        for line, warehouse_id, units in held:
            await _change(session, warehouse_id, line.sku_id, reserved=-units)
        raise await _shortage_error(session, short)
    reservations = [
        StockReservation(
            store_id=order.store_id,
            order_id=order.id,
            order_line_id=line.id,
            warehouse_id=warehouse_id,
            sku_id=line.sku_id,
            qty=units,
        )
        for line, warehouse_id, units in held
    ]
    session.add_all(reservations)
    await _audit(
        session, "warehouse_stock.reserve", order, {(r.sku_id): r.qty for r in reservations}
    )
    return reservations


async def _shortage_error(session: AsyncSession, short: list[tuple[OrderLine, int]]) -> DomainError:
    sku_ids = [line.sku_id for line, _ in short]
    codes = dict((await session.execute(select(Sku.id, Sku.code).where(Sku.id.in_(sku_ids)))).all())
    free = await available_by_sku(session, sku_ids)
    shortages = [
        Shortage(codes.get(line.sku_id, str(line.sku_id)), line.qty, free[line.sku_id])
        for line, _ in short
    ]
    return DomainError.many(
        [
            FieldError(
                ErrorCode.INSUFFICIENT_STOCK,
                f"SKU {s.sku_code}: {s.wanted} wanted, only {s.available} available",
                None,
            )
            for s in shortages
        ]
    )


async def reservations_of(session: AsyncSession, order_id: int) -> list[StockReservation]:
    """An order's reservations, in (SKU, warehouse) order (the order stock rows are locked in)."""
    rows = await session.scalars(
        select(StockReservation)
        .where(StockReservation.order_id == order_id)
        .order_by(StockReservation.sku_id, StockReservation.warehouse_id)
    )
    return list(rows)


async def release(
    session: AsyncSession, order: Order, units: Mapping[int, int] | None = None
) -> dict[int, int]:
    """Give reserved units of `order` back to the free stock; returns units released per line.

    `units` maps order line id → how many to release (default: everything still held), e.g.
    the shortfall of a short shipment before it is consumed.
    """
    return await _undo(session, order, units, consume=False)


async def consume(
    session: AsyncSession, order: Order, units: Mapping[int, int] | None = None
) -> dict[int, int]:
    """Goods leave the warehouse: on hand and reserved both go down by the units shipped.

    `units` maps order line id → how many shipped (default: everything still held); a line
    cannot consume more than it holds. Returns the units consumed per line.
    """
    return await _undo(session, order, units, consume=True)


async def _undo(
    session: AsyncSession, order: Order, units: Mapping[int, int] | None, consume: bool
) -> dict[int, int]:
    reservations = await reservations_of(session, order.id)
    wanted = dict(units) if units is not None else None
    if wanted is not None:
        _check_within(reservations, wanted)
    done: dict[int, int] = defaultdict(int)
    by_sku: dict[int, int] = defaultdict(int)
    for r in reservations:
        n = (
            r.held
            if wanted is None
            else min(r.held, wanted.get(r.order_line_id, 0) - done.get(r.order_line_id, 0))
        )
        if n <= 0:
            continue
        deltas = {"reserved": -n, "on_hand": -n} if consume else {"reserved": -n}
        await _change(session, r.warehouse_id, r.sku_id, **deltas)
        if consume:
            r.consumed += n
        else:
            r.released += n
        done[r.order_line_id] += n
        by_sku[r.sku_id] += n
    if by_sku:
        action = "warehouse_stock.consume" if consume else "warehouse_stock.release"
        await _audit(session, action, order, by_sku)
    return dict(done)


def _check_within(reservations: list[StockReservation], wanted: Mapping[int, int]) -> None:
    held: dict[int, int] = defaultdict(int)
    for r in reservations:
        held[r.order_line_id] += r.held
    errors = [
        FieldError(
            ErrorCode.INVALID,
            f"line {line_id}: {n} units asked, {held.get(line_id, 0)} held",
            f"units.{line_id}",
        )
        for line_id, n in wanted.items()
        if n < 0 or n > held.get(line_id, 0)
    ]
    if errors:
        raise DomainError.many(errors)


async def _audit(
    session: AsyncSession, action: str, order: Order, units_by_sku: Mapping[int, int]
) -> None:
    # Stock rows are not audited one by one; this entry says what the order did to them.
    await record(
        session,
        action,
        "orders",
        order.id,
        after={"order": order.number, "units_by_sku": {str(k): v for k, v in units_by_sku.items()}},
    )
