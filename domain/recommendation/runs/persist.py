"""Writing a run's proposals: one draft order per store, replacing what an earlier attempt wrote.

A batch of stores is written in one transaction with the run's progress, so what the progress
says is done is exactly what is in the database. For each store:

- a draft this run already wrote (an earlier attempt killed midway, or the same key asked
  again) is replaced if nobody has touched it, and kept as it is otherwise (edited, or
  already sent): either way the store ends with exactly one proposal of the run (the
  database's unique (tenant, run, store) says so too);
- untouched drafts of *earlier* runs for the store are superseded (deleted): they were the
  engine's own work in progress, never sent, and a store should not carry two engine drafts;
- nothing is reserved (stock is reserved when the franchisee confirms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.audit.recorder import record
from domain.orders.models import LineSource, Order, OrderApproval, OrderLine, OrderStatus
from domain.orders.service import DraftRequest, create_drafts
from domain.permissions import Actor


@dataclass
class Written:
    """What a batch wrote."""

    orders: int = 0
    kept: int = 0
    superseded: int = 0
    lines: int = 0
    units: int = 0
    cost: Decimal = Decimal(0)

    def add(self, other: Written) -> None:
        """Add another batch's counts to these."""
        self.orders += other.orders
        self.kept += other.kept
        self.superseded += other.superseded
        self.lines += other.lines
        self.units += other.units
        self.cost += other.cost


def untouched(order: Order, approved: set[int]) -> bool:
    """Whether a draft is still exactly the engine's: nobody edited, annotated or sent it."""
    return (
        order.status == OrderStatus.DRAFT
        and order.proposed_at is None
        and order.note is None
        and order.id not in approved
        and all(
            line.source == LineSource.ENGINE and line.changed_by is None for line in order.lines
        )
    )


async def write_batch(
    session: AsyncSession, actor: Actor, run_id: int, proposals: Sequence[DraftRequest]
) -> Written:
    """Write the drafts of a batch of stores (the caller commits, with the run's progress)."""
    written = Written()
    # the run's own orders of these stores (one per store), and other runs' drafts
    orders = list(
        await session.scalars(
            select(Order)
            .where(
                Order.store_id.in_([p.store_id for p in proposals]),
                or_(
                    Order.run_id == run_id,
                    and_(Order.run_id.is_not(None), Order.status == OrderStatus.DRAFT),
                ),
            )
            .options(selectinload(Order.lines))
        )
    )
    asked = set(
        await session.scalars(
            select(OrderApproval.order_id).where(OrderApproval.order_id.in_([o.id for o in orders]))
        )
    )
    own = {o.store_id: o for o in orders if o.run_id == run_id}
    gone = [o for o in orders if o.run_id != run_id and untouched(o, asked)]
    written.superseded = len(gone)
    kept = {store_id for store_id, order in own.items() if not untouched(order, asked)}
    written.kept = len(kept)
    gone += [order for store_id, order in own.items() if store_id not in kept]
    await _remove(session, gone, run_id)
    requests = [p for p in proposals if p.lines and p.store_id not in kept]
    for order in await create_drafts(session, actor, requests, run_id=run_id):
        written.orders += 1
        written.lines += len(order.lines)
        written.units += order.total_units
        written.cost += order.total_cost
    return written


async def _remove(session: AsyncSession, orders: Sequence[Order], run_id: int) -> None:
    """Delete untouched engine drafts in two statements, with one audit entry per draft.

    They are the engine's own unsent work: nothing reserved, no transition, no approval; the
    audit entry keeps what each held, and which run replaced it.
    """
    if not orders:
        return
    ids = [o.id for o in orders]
    for order in orders:
        await record(
            session,
            "order.replace_draft",
            "orders",
            order.id,
            before={
                "number": order.number,
                "run_id": order.run_id,
                "store_id": order.store_id,
                "lines": {str(line.sku_id): line.qty for line in order.lines},
            },
            after={"replaced_by_run": run_id},
        )
        session.expunge(order)
    await session.execute(
        delete(OrderLine).where(OrderLine.order_id.in_(ids)),
        execution_options={"synchronize_session": False},
    )
    await session.execute(
        delete(Order).where(Order.id.in_(ids)), execution_options={"synchronize_session": False}
    )
    await session.flush()
