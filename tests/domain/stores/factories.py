"""Factories for the stores tests: custom field definitions, confirmed orders, daily sales."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from domain.db import Database
from domain.orders.models import Order, OrderStatus
from domain.permissions import Actor
from domain.sales.models import DailySale
from domain.stores.models import CustomFieldDefinition, FieldType, Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system

T = TypeVar("T")


async def make_custom_field(
    db: Database,
    world: World,
    key: str,
    type: FieldType = FieldType.TEXT,
    required: bool = False,
    choices: list[str] | None = None,
) -> CustomFieldDefinition:
    """A custom field definition of the world's tenant."""
    async with tenant_session(db, system(world.tenant)) as session:
        row = CustomFieldDefinition(
            key=key,
            label=key.replace("_", " ").title(),
            type=type,
            required=required,
            choices=choices or [],
        )
        session.add(row)
        await session.commit()
        return row


async def as_actor(db: Database, actor: Actor, action: Callable[[Any], Awaitable[T]]) -> T:
    """Run `action(session)` in a session of `actor` and commit."""
    async with tenant_session(db, actor) as session:
        result = await action(session)
        await session.commit()
        return result


async def confirm_order(db: Database, world: World, order_id: int, at: datetime) -> None:
    """Mark an order confirmed at `at` (the order services are built in parallel)."""
    async with tenant_session(db, system(world.tenant)) as session:
        order = await session.get(Order, order_id)
        assert order is not None
        order.status = OrderStatus.CONFIRMED
        order.confirmed_at = at
        await session.commit()


async def record_sale(
    db: Database, world: World, store: Store, day: date, qty: int, revenue: Decimal | None
) -> None:
    """One daily sale of the world's first SKU."""
    async with tenant_session(db, system(world.tenant)) as session:
        session.add(
            DailySale(store_id=store.id, sku_id=world.skus[0].id, day=day, qty=qty, revenue=revenue)
        )
        await session.commit()
