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

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.audit.recorder import record
from domain.orders.models import LineSource, Order, OrderApproval, OrderLine, OrderStatus
from domain.orders.service import DraftLine, create_draft
from domain.permissions import Actor
from domain.stores.models import Store


@dataclass(frozen=True)
class StoreProposal:
    """What the engine picked for one store."""

    store: Store
    lines: Sequence[DraftLine]
    holdout: bool = False


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
    session: AsyncSession, actor: Actor, run_id: int, proposals: Sequence[StoreProposal]
) -> Written:
    """Write the drafts of a batch of stores (the caller commits, with the run's progress)."""
    written = Written()
    store_ids = [p.store.id for p in proposals]
    drafts = list(
        await session.scalars(
            select(Order)
            .where(
                Order.store_id.in_(store_ids),
                Order.run_id.is_not(None),
                Order.status == OrderStatus.DRAFT,
            )
            .options(selectinload(Order.lines))
        )
    )
    own = {o.store_id: o for o in drafts if o.run_id == run_id}
    own |= await _sent_by_run(session, run_id, store_ids, own)
    asked = set(
        await session.scalars(
            select(OrderApproval.order_id).where(OrderApproval.order_id.in_([o.id for o in drafts]))
        )
    )
    gone = [o for o in drafts if o.run_id != run_id and untouched(o, asked)]
    written.superseded = len(gone)
    for proposal in proposals:
        previous = own.get(proposal.store.id)
        if previous is not None:
            if not untouched(previous, asked):
                written.kept += 1
                continue
            gone.append(previous)
    await _remove(session, gone, run_id)
    # The batch's stores in one query (held here, so create_draft finds each in the identity map).
    held = list(await session.scalars(select(Store).where(Store.id.in_(store_ids))))
    for proposal in proposals:
        previous = own.get(proposal.store.id)
        if previous is not None and previous not in gone:
            continue
        if not proposal.lines:
            continue
        order = await create_draft(
            session,
            actor,
            proposal.store.id,
            proposal.lines,
            run_id=run_id,
            holdout=proposal.holdout,
        )
        written.orders += 1
        written.lines += len(order.lines)
        written.units += order.total_units
        written.cost += order.total_cost
    await session.flush()
    del held
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


async def _sent_by_run(
    session: AsyncSession, run_id: int, store_ids: list[int], drafts: dict[int, Order]
) -> dict[int, Order]:
    """The run's orders of these stores that have left draft (sent, confirmed...): kept as is."""
    rows = await session.scalars(
        select(Order)
        .where(
            Order.run_id == run_id,
            Order.store_id.in_(store_ids),
            Order.status != OrderStatus.DRAFT,
        )
        .options(selectinload(Order.lines))
    )
    return {o.store_id: o for o in rows if o.store_id not in drafts}
