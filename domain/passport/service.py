"""The service passport (档案): reading a store's record, and logging every contact with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.catalogue.models import Product, Sku
from domain.errors import Collector, ErrorCode
from domain.notifications.history import log_contact as write_contact
from domain.orders.models import Order, OrderStatus
from domain.passport.models import ContactKind, ContactLogEntry
from domain.permissions import Actor, Permission
from domain.sales.models import DailySale
from domain.stores.access import visible_store
from domain.stores.models import Store
from domain.stores.workload import CONFIRMED, OPEN_PROPOSAL, WINDOW_DAYS, sale_amount
from domain.text import free_text_problem

MAX_SUMMARY: Final = 2000
# Contacts a person logs by hand; messages, reminders and complaints are logged by their concept.
MANUAL_CHANNELS: Final = frozenset(
    {
        ContactKind.PHONE,
        ContactKind.VISIT,
        ContactKind.CHAT,
        ContactKind.EMAIL,
        ContactKind.SMS,
        ContactKind.NOTE,
    }
)
EARLIEST_CONTACT: Final = datetime(2000, 1, 1, tzinfo=UTC)
# A phone's clock may run a little ahead of ours.
CLOCK_SKEW: Final = timedelta(minutes=5)


async def passport_store(session: AsyncSession, actor: Actor, store_id: int) -> Store:
    """The store whose passport the actor reads (NOT_FOUND when not visible)."""
    return await visible_store(session, actor, store_id, Permission.STORE_READ, field="id")


async def log_contact(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    channel: ContactKind,
    summary: str,
    occurred_at: datetime | None = None,
) -> ContactLogEntry:
    """Record a contact with a store (a call, a visit...): channel, summary, who, when."""
    store = await visible_store(session, actor, store_id, Permission.CONTACT_WRITE)
    errors = Collector()
    if channel not in MANUAL_CHANNELS:
        allowed = ", ".join(sorted(c.value for c in MANUAL_CHANNELS))
        errors.add("channel", f"{channel.value} contacts are logged by the system ({allowed})")
    text = summary.strip()
    if not text:
        errors.add("summary", "say what the contact was about", ErrorCode.REQUIRED)
    elif len(text) > MAX_SUMMARY:
        errors.add("summary", f"a summary holds at most {MAX_SUMMARY} characters")
    elif problem := free_text_problem(text):
        errors.add("summary", f"the summary {problem}")
    now = clock.now()
    if occurred_at is not None and occurred_at.tzinfo is None:
        errors.add("occurred_at", "give the time with its time zone")
    elif occurred_at is not None and not EARLIEST_CONTACT <= occurred_at <= now + CLOCK_SKEW:
        errors.add("occurred_at", "a contact cannot be in the future")
    errors.raise_if_any()
    entry = await write_contact(session, actor, store, channel, text)
    entry.occurred_at = min(occurred_at, now) if occurred_at is not None else now
    await session.flush()
    return entry


def contact_log_statement(store_id: int) -> Select[Any]:
    """A store's contacts, the latest first."""
    return (
        select(ContactLogEntry)
        .where(ContactLogEntry.store_id == store_id)
        .order_by(ContactLogEntry.occurred_at.desc(), ContactLogEntry.id.desc())
    )


@dataclass(frozen=True)
class PassportFigures:
    """A store's orders and sales at a glance (sales and confirmations over the last 28 days)."""

    orders: int
    open_proposals: int
    confirmed_orders: int
    confirmed_value: Decimal
    last_order_at: datetime | None
    sales_units: int
    sales_revenue: Decimal
    window_days: int = WINDOW_DAYS


async def passport_figures(session: AsyncSession, store_id: int) -> PassportFigures:
    """Order counts and recent sales of one store, in two queries."""
    since = clock.now() - timedelta(days=WINDOW_DAYS)
    orders = (
        await session.execute(
            select(
                func.count(Order.id),
                func.count(Order.id).filter(Order.status.in_(OPEN_PROPOSAL)),
                func.count(Order.id).filter(
                    Order.status.in_(CONFIRMED), Order.confirmed_at >= since
                ),
                func.sum(Order.total_cost).filter(
                    Order.status.in_(CONFIRMED), Order.confirmed_at >= since
                ),
                func.max(Order.created_at),
            ).where(Order.store_id == store_id, Order.status != OrderStatus.CANCELLED)
        )
    ).one()
    first_day = (clock.now() - timedelta(days=WINDOW_DAYS - 1)).date()
    units, revenue = (
        await session.execute(
            select(func.sum(DailySale.qty), func.sum(sale_amount()))
            .join(Sku, Sku.id == DailySale.sku_id)
            .join(Product, Product.id == Sku.product_id)
            .where(DailySale.store_id == store_id, DailySale.day >= first_day)
        )
    ).one()
    return PassportFigures(
        orders=orders[0],
        open_proposals=orders[1],
        confirmed_orders=orders[2],
        confirmed_value=Decimal(str(orders[3] or 0)).quantize(Decimal("0.01")),
        last_order_at=orders[4],
        sales_units=int(units or 0),
        sales_revenue=Decimal(str(revenue or 0)).quantize(Decimal("0.01")),
    )
