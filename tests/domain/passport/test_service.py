"""The passport's contact log and figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain import clock
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.orders.models import OrderStatus
from domain.passport.models import ContactKind
from domain.passport.service import log_contact, passport_figures
from domain.tenancy.session import tenant_session
from tests.domain.stores.factories import as_actor, confirm_order, record_sale
from tests.factories import World, system
from tests.factories_service import make_order


async def test_a_contact_records_who_and_when(db: Database, world: World) -> None:
    store = world.stores[0]
    merchandiser = world.merchandisers[0]
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    with clock.frozen_clock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC)):
        entry = await as_actor(
            db,
            merchandiser.actor,
            lambda s: log_contact(s, merchandiser.actor, store.id, ContactKind.VISIT, " 巡店 ", at),
        )
    assert (entry.user_id, entry.summary, entry.occurred_at, entry.channel) == (
        merchandiser.user.id,
        "巡店",
        at,
        ContactKind.VISIT,
    )
    assert entry.created_at == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_a_naive_time_is_refused(db: Database, world: World) -> None:
    actor = world.hq.actor
    with pytest.raises(DomainError) as caught:
        await as_actor(
            db,
            actor,
            lambda s: log_contact(
                s, actor, world.stores[0].id, ContactKind.NOTE, "x", datetime(2026, 1, 1)
            ),
        )
    assert (caught.value.code, caught.value.errors[0].field) == (ErrorCode.INVALID, "occurred_at")


async def test_figures_count_orders_and_recent_sales(db: Database, world: World) -> None:
    store = world.stores[0]
    await make_order(db, world, store, status=OrderStatus.PROPOSED)
    confirmed = await make_order(db, world, store, units=3)
    await confirm_order(db, world, confirmed.id, clock.now() - timedelta(days=1))
    await make_order(db, world, store, status=OrderStatus.CANCELLED)
    await record_sale(db, world, store, clock.now().date(), 4, Decimal("600.00"))
    async with tenant_session(db, system(world.tenant)) as session:
        figures = await passport_figures(session, store.id)
    assert (figures.orders, figures.open_proposals, figures.confirmed_orders) == (2, 1, 1)
    assert figures.confirmed_value == Decimal("270.00")
    assert (figures.sales_units, figures.sales_revenue) == (4, Decimal("600.00"))
    assert figures.last_order_at is not None
