"""HQ stock promised to orders: reserve at confirmation, release or consume it exactly.

A reservation is taken with a conditional UPDATE per warehouse
(`reserved = reserved + n WHERE on_hand - reserved >= n`), so two confirmations racing for
the last units can never both get them: the database re-checks the condition on the row it
locks. Rows are always updated in (SKU, warehouse) order, so concurrent confirmations wait
for each other instead of deadlocking. What each order line holds in each warehouse is a
`StockReservation` row, which is what `release` and `consume` undo, unit for unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, update
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


async def reserve(session: AsyncSession, order: Order) -> list[StockReservation]:
    """Reserve HQ stock for every line of `order`, all or nothing.

    On a shortage, what this call had reserved is given back before raising
    INSUFFICIENT_STOCK (one error per short SKU, naming it and what is still free), so the
    stock is as it was even if the caller kept the transaction.
    """
    lines = sorted((line for line in order.lines if line.qty > 0), key=lambda line: line.sku_id)
    held: list[tuple[OrderLine, int, int]] = []
    short: list[tuple[OrderLine, int]] = []
    for line in lines:
        taken = await _take(session, line.sku_id, line.qty)
        held += [(line, warehouse_id, units) for warehouse_id, units in taken]
        got = sum(units for _, units in taken)
        if got < line.qty:
            short.append((line, got))
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
