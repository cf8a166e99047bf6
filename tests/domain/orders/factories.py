"""Orders made and moved through the order services, as the application does it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from domain.catalogue.models import Sku
from domain.db import Database
from domain.errors import DomainError
from domain.orders import service
from domain.orders.lines import LineChange
from domain.orders.models import Order, OrderStatus
from domain.orders.service import DraftLine
from domain.orders.states import Action
from domain.permissions import INTEGRATION_SCOPES, Actor, Role
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system, unique

# How to bring a new draft to each status, and as whom (None: the system).
PATHS: dict[OrderStatus, list[tuple[Action, Role | None]]] = {
    OrderStatus.DRAFT: [],
    OrderStatus.PROPOSED: [(Action.SEND, None)],
    OrderStatus.VIEWED: [(Action.SEND, None), (Action.VIEW, Role.FRANCHISEE)],
    OrderStatus.CONFIRMED: [(Action.SEND, None), (Action.CONFIRM, Role.FRANCHISEE)],
    OrderStatus.REJECTED: [(Action.SEND, None), (Action.REJECT, Role.FRANCHISEE)],
    OrderStatus.EXPIRED: [(Action.SEND, None), (Action.EXPIRE, None)],
    OrderStatus.CANCELLED: [(Action.CANCEL, None)],
    OrderStatus.PICKING: [
        (Action.SEND, None),
        (Action.CONFIRM, Role.FRANCHISEE),
        (Action.PICK, None),
    ],
    OrderStatus.SHIPPED: [
        (Action.SEND, None),
        (Action.CONFIRM, Role.FRANCHISEE),
        (Action.PICK, None),
        (Action.SHIP, None),
    ],
    OrderStatus.DELIVERED: [
        (Action.SEND, None),
        (Action.CONFIRM, Role.FRANCHISEE),
        (Action.PICK, None),
        (Action.SHIP, None),
        (Action.DELIVER, None),
    ],
}


@dataclass(frozen=True)
class Cast:
    """Everyone who may touch one store's orders, by the part they play."""

    hq: Actor
    manager: Actor
    merchandiser: Actor
    other_merchandiser: Actor
    franchisee: Actor
    other_franchisee: Actor
    system: Actor
    integration: Actor

    def by_role(self, role: Role | None) -> Actor:
        """The cast member playing `role` for the store (None: the system)."""
        return {
            None: self.system,
            Role.SYSTEM: self.system,
            Role.HQ_ADMIN: self.hq,
            Role.REGIONAL_MANAGER: self.manager,
            Role.MERCHANDISER: self.merchandiser,
            Role.FRANCHISEE: self.franchisee,
            Role.INTEGRATION: self.integration,
        }[role]


def cast(world: World, store: Store) -> Cast:
    """The cast of a store of the world (make_world pairs store i with franchisee i)."""
    index = next(i for i, s in enumerate(world.stores) if s.id == store.id)
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    other = next(
        m
        for m in world.merchandisers
        if m.user.id != store.merchandiser_id and m.actor.region_id == store.region_id
    )
    return Cast(
        hq=world.hq.actor,
        manager=next(m.actor for m in world.managers if m.actor.region_id == store.region_id),
        merchandiser=merchandiser.actor,
        other_merchandiser=other.actor,
        franchisee=world.franchisees[index].actor,
        other_franchisee=world.franchisees[(index + 1) % len(world.franchisees)].actor,
        system=system(world.tenant),
        integration=Actor(
            tenant_id=world.tenant.id,
            role=Role.INTEGRATION,
            scopes=INTEGRATION_SCOPES,
            label="integration:test",
        ),
    )


async def draft(
    db: Database,
    world: World,
    store: Store,
    lines: Sequence[tuple[Sku, int]] | None = None,
    run_id: int | None = None,
) -> Order:
    """A draft of the engine for `store` (by default 2 units of each of the first two SKUs)."""
    picks = lines if lines is not None else [(world.skus[0], 2), (world.skus[1], 2)]
    async with tenant_session(db, system(world.tenant)) as session:
        order = await service.create_draft(
            session,
            system(world.tenant),
            store.id,
            [
                DraftLine(sku.id, qty, {"mean": 1.5 * qty, "marginal_value": 12.5})
                for sku, qty in picks
            ],
            run_id=run_id,
        )
        await session.commit()
        return order


async def act(
    db: Database, actor: Actor, order: Order, action: Action, reason: str | None = None
) -> Order:
    """Apply `action` as `actor` and commit (raises the DomainError and rolls back if refused)."""
    async with tenant_session(db, actor) as session:
        try:
            moved = await service.apply(session, actor, order.id, action, reason)
        except DomainError:
            await session.rollback()
            raise
        await session.commit()
        return moved


async def order_in(
    db: Database,
    world: World,
    store: Store,
    status: OrderStatus,
    lines: Sequence[tuple[Sku, int]] | None = None,
) -> Order:
    """A new order of `store` brought to `status` through the services."""
    order = await draft(db, world, store, lines)
    people = cast(world, store)
    for action, role in PATHS[status]:
        order = await act(db, people.by_role(role), order, action, reason="test")
    assert order.status == status
    return order


async def adjust(db: Database, actor: Actor, order: Order, changes: dict[Sku, int]) -> Order:
    """The franchisee (or HQ) sets quantities on a proposal, and commits."""
    async with tenant_session(db, actor) as session:
        try:
            adjusted = await service.adjust_order(
                session, actor, order.id, [LineChange(s.id, q) for s, q in changes.items()]
            )
        except DomainError:
            await session.rollback()
            raise
        await session.commit()
        return adjusted


async def edit(
    db: Database,
    actor: Actor,
    order: Order,
    changes: dict[Sku, int],
    justification: str | None = None,
) -> service.Edited:
    """A merchandiser (or HQ) sets quantities on a draft, and commits."""
    async with tenant_session(db, actor) as session:
        try:
            edited = await service.edit_order(
                session,
                actor,
                order.id,
                [LineChange(s.id, q) for s, q in changes.items()],
                justification=justification,
            )
        except DomainError:
            await session.rollback()
            raise
        await session.commit()
        return edited


async def stock(db: Database, world: World, sku: Sku) -> tuple[int, int]:
    """(on hand, reserved) of a SKU, every warehouse together."""
    async with tenant_session(db, system(world.tenant)) as session:
        row = (
            await session.execute(
                select(func.sum(WarehouseStock.on_hand), func.sum(WarehouseStock.reserved)).where(
                    WarehouseStock.sku_id == sku.id
                )
            )
        ).one()
        return int(row[0] or 0), int(row[1] or 0)


async def set_stock(
    db: Database, world: World, sku: Sku, on_hand: int, warehouse: Warehouse | None = None
) -> Warehouse:
    """Set HQ stock of a SKU in a warehouse (a new warehouse when `warehouse` is 'new')."""
    async with tenant_session(db, system(world.tenant)) as session:
        target = warehouse or world.warehouse
        assert target is not None
        row = await session.scalar(
            select(WarehouseStock).where(
                WarehouseStock.sku_id == sku.id, WarehouseStock.warehouse_id == target.id
            )
        )
        if row is None:
            session.add(WarehouseStock(warehouse_id=target.id, sku_id=sku.id, on_hand=on_hand))
        else:
            row.on_hand = on_hand
        await session.commit()
        return target


async def new_warehouse(db: Database, world: World) -> Warehouse:
    """Another HQ warehouse of the world's tenant."""
    async with tenant_session(db, system(world.tenant)) as session:
        warehouse = Warehouse(code=unique("W"), name="Second warehouse")
        session.add(warehouse)
        await session.commit()
        return warehouse


async def stock_store(db: Database, world: World, store: Store, sku: Sku, on_hand: int) -> None:
    """Units the store itself holds of a SKU."""
    async with tenant_session(db, system(world.tenant)) as session:
        session.add(StoreInventory(store_id=store.id, sku_id=sku.id, on_hand=on_hand))
        await session.commit()
