"""A store's past for the franchisee's pages: deliveries with their tracking, and the API
calls its merchandiser and HQ make (a reply, a resolution, a custom field) during a journey."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select

from domain import clock
from domain.db import Database
from domain.orders.models import Order, OrderLine, OrderStatus
from domain.shipments.models import Shipment, ShipmentStatus, TrackingEvent
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.e2e.shop import Shop
from tests.factories import PASSWORD, make_skus, system, unique


@dataclass(frozen=True)
class Deliveries:
    """The store's two deliveries: one arrived (to rate), one late on the road."""

    delivered: str
    late: str


async def _tenant(db: Database, shop: Shop) -> Tenant:
    async with db.session() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == shop.tenant))
        assert tenant is not None
        return tenant


async def seed_deliveries(db: Database, shop: Shop) -> Deliveries:
    """Two orders of the shop's store, shipped with SF: one delivered and signed for, one
    in transit past its expected day."""
    tenant = await _tenant(db, shop)
    _, skus = await make_skus(db, tenant, n_styles=1)
    now = clock.now()
    numbers = []
    async with tenant_session(db, system(tenant)) as session:
        store = await session.scalar(select(Store).where(Store.name == shop.store_name))
        assert store is not None
        for delivered in (True, False):
            shipped = now - timedelta(days=4 if delivered else 3)
            number = f"PO-{unique('')[-6:]}"
            order = Order(
                store_id=store.id,
                number=number,
                status=OrderStatus.DELIVERED if delivered else OrderStatus.SHIPPED,
                merchandiser_id=store.merchandiser_id,
                budget=Decimal("25000.00"),
                total_cost=Decimal("900.00"),
                total_retail=Decimal("1990.00"),
                total_units=10,
                proposed_at=shipped - timedelta(days=3),
                confirmed_at=shipped - timedelta(days=2),
                shipped_at=shipped,
                delivered_at=now - timedelta(days=1) if delivered else None,
                created_at=shipped - timedelta(days=3),
            )
            order.lines = [
                OrderLine(
                    sku_id=skus[0].id,
                    recommended_qty=10,
                    qty=10,
                    unit_cost=Decimal("90.00"),
                    retail_price=Decimal("199.00"),
                )
            ]
            session.add(order)
            await session.flush()
            shipment = Shipment(
                store_id=store.id,
                order_id=order.id,
                carrier="sf",
                tracking_number=f"SF{unique('')[-10:]}",
                parcels=2,
                status=ShipmentStatus.DELIVERED if delivered else ShipmentStatus.IN_TRANSIT,
                shipped_at=shipped,
                estimated_delivery=(shipped + timedelta(days=2)).date(),
                delivered_at=order.delivered_at,
                last_event_at=now - timedelta(days=1),
                signed_by="李强" if delivered else None,
                signed_at=order.delivered_at,
                photo_ref="SF-POD-0001" if delivered else None,
            )
            session.add(shipment)
            await session.flush()
            steps = [
                (ShipmentStatus.PICKED_UP, "济南 配货中心", "已揽收", 0),
                (ShipmentStatus.IN_TRANSIT, "济南 转运中心", "运输中", 1),
            ]
            if delivered:
                steps.append((ShipmentStatus.DELIVERED, "济南 泉城路", "已签收", 3))
            for i, (status, place, text, day) in enumerate(steps):
                session.add(
                    TrackingEvent(
                        store_id=store.id,
                        shipment_id=shipment.id,
                        carrier="sf",
                        event_id=f"{shipment.tracking_number}-{i}",
                        status=status,
                        occurred_at=shipped + timedelta(days=day, hours=2),
                        location=place,
                        description=text,
                        signed_by="李强" if status == ShipmentStatus.DELIVERED else None,
                    )
                )
            numbers.append(number)
        await session.commit()
    return Deliveries(delivered=numbers[0], late=numbers[1])


class Api:
    """The GraphQL API as one person (JSON sign-in, bearer token), as an integration sees it."""

    def __init__(self, app_url: str, tenant: str, email: str) -> None:
        self.app_url = app_url
        self.tenant = tenant
        self.email = email

    async def __call__(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        async with httpx.AsyncClient(base_url=self.app_url, timeout=30) as client:
            login = await client.post(
                "/auth/login",
                json={"tenant": self.tenant, "email": self.email, "password": PASSWORD},
            )
            login.raise_for_status()
            token = login.json()["access_token"]
            answer = await client.post(
                "/graphql",
                json={"query": query, "variables": variables or {}},
                headers={"Authorization": f"Bearer {token}"},
            )
            answer.raise_for_status()
            body = answer.json()
            assert "errors" not in body, body
            return body["data"]

    async def store_id(self) -> str:
        """The id of the (first) store this person sees."""
        data = await self("{ stores(first: 1) { edges { node { id } } } }")
        return str(data["stores"]["edges"][0]["node"]["id"])
