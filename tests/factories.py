"""Factories: rows for tests, made through tenant sessions like the application makes them."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from domain.catalogue.models import Product, Season, Sku
from domain.db import Database
from domain.demo.catalogue import ean13
from domain.identity.models import Membership, User
from domain.identity.passwords import hash_password
from domain.identity.tokens import issue_access_token
from domain.permissions import Actor, Role
from domain.regions.models import Region, RegionProvince
from domain.settings import Settings
from domain.stock.models import Warehouse, WarehouseStock
from domain.stores.models import MerchandiserAssignment, Store, Tier
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)
# One password hash for every test user: argon2 is deliberately slow.
_PASSWORD_HASH = hash_password(PASSWORD)


def unique(prefix: str) -> str:
    """A short unique string."""
    return f"{prefix}{next(_seq)}{uuid.uuid4().hex[:6]}"


@dataclass
class Member:
    """A user with a role in a tenant, and what a test needs to act as them."""

    user: User
    actor: Actor
    email: str

    def token(self, settings: Settings) -> str:
        """A fresh access token."""
        return issue_access_token(settings, self.actor)


@dataclass
class World:
    """A small tenant: two regions, their people and a few stores and SKUs."""

    tenant: Tenant
    regions: list[Region]
    hq: Member
    managers: list[Member]
    merchandisers: list[Member]
    franchisees: list[Member]
    stores: list[Store]
    skus: list[Sku] = field(default_factory=list)
    warehouse: Warehouse | None = None


async def make_tenant(db: Database, slug: str | None = None, **fields: Any) -> Tenant:
    """A new tenant with a unique slug."""
    async with db.session() as session:
        tenant = Tenant(slug=slug or unique("t"), name=fields.pop("name", "Test brand"), **fields)
        session.add(tenant)
        await session.commit()
        return tenant


def system(tenant: Tenant) -> Actor:
    """The system actor of a tenant."""
    return Actor.system(tenant.id, label="test")


async def make_region(db: Database, tenant: Tenant, code: str, provinces: list[str]) -> Region:
    """A region with provinces."""
    async with tenant_session(db, system(tenant)) as session:
        region = Region(
            code=code,
            name=f"Region {code}",
            provinces=[RegionProvince(province=p) for p in provinces],
        )
        session.add(region)
        await session.commit()
        return region


async def make_member(
    db: Database, tenant: Tenant, role: Role, region: Region | None = None, email: str | None = None
) -> Member:
    """A user with one membership."""
    email = email or f"{unique(role.value)}@example.test"
    async with tenant_session(db, system(tenant)) as session:
        user = User(email=email, name=email.split("@")[0], password_hash=_PASSWORD_HASH)
        session.add(user)
        await session.flush()
        membership = Membership(
            user_id=user.id, role=role, region_id=region.id if region else None, name=user.name
        )
        session.add(membership)
        await session.commit()
    actor = Actor(
        tenant_id=tenant.id,
        role=role,
        user_id=user.id,
        region_id=region.id if region else None,
        label=email,
        membership_id=membership.id,
    )
    return Member(user=user, actor=actor, email=email)


async def make_store(
    db: Database,
    tenant: Tenant,
    region: Region,
    merchandiser: Member | None = None,
    franchisee: Member | None = None,
    **fields: Any,
) -> Store:
    """A store in the region's first province, with its merchandiser assigned."""
    async with tenant_session(db, system(tenant)) as session:
        store = Store(
            code=fields.pop("code", unique("S")),
            name=fields.pop("name", "Test store"),
            region_id=region.id,
            province=fields.pop(
                "province", region.provinces[0].province if region.provinces else "Beijing"
            ),
            city=fields.pop("city", "Test city"),
            budget=fields.pop("budget", Decimal("10000.00")),
            tier=fields.pop("tier", Tier.B),
            merchandiser_id=merchandiser.user.id if merchandiser else None,
            franchisee_id=franchisee.user.id if franchisee else None,
            franchisee_name=franchisee.user.name if franchisee else None,
            franchisee_email=franchisee.email if franchisee else None,
            franchisee_phone="13800000000" if franchisee else None,
            **fields,
        )
        session.add(store)
        await session.flush()
        if merchandiser:
            session.add(
                MerchandiserAssignment(store_id=store.id, merchandiser_id=merchandiser.user.id)
            )
        await session.commit()
        return store


async def make_skus(
    db: Database,
    tenant: Tenant,
    n_styles: int = 2,
    sizes: tuple[str, ...] = ("S", "M", "L"),
    stock: int = 100,
    category: str = "knitwear",
    price: Decimal = Decimal("199.00"),
    cost: Decimal = Decimal("90.00"),
) -> tuple[Warehouse, list[Sku]]:
    """Styles with one colour in `sizes`, and HQ stock of each SKU."""
    skus: list[Sku] = []
    async with tenant_session(db, system(tenant)) as session:
        warehouse = Warehouse(code=unique("W"), name="HQ warehouse")
        session.add(warehouse)
        for _ in range(n_styles):
            product = Product(
                code=unique("P"),
                name="Test style",
                category=category,
                season=Season.ALL_SEASON,
                retail_price=price,
                unit_cost=cost,
                launched_on=date(2025, 1, 1),
            )
            session.add(product)
            await session.flush()
            for size in sizes:
                sku = Sku(
                    product_id=product.id,
                    code=f"{product.code}-BLK-{size}",
                    colour="black",
                    size=size,
                    barcode=ean13(f"69{next(_seq):010d}"[-12:]),
                )
                session.add(sku)
                skus.append(sku)
        await session.flush()
        for sku in skus:
            session.add(WarehouseStock(warehouse_id=warehouse.id, sku_id=sku.id, on_hand=stock))
        await session.commit()
    return warehouse, skus


async def make_world(db: Database, stores_per_merchandiser: int = 2) -> World:
    """Two regions, an HQ admin, a manager and two merchandisers per region, stores with franchisees."""
    tenant = await make_tenant(db)
    regions = [
        await make_region(db, tenant, "R1", ["Beijing", "Shandong"]),
        await make_region(db, tenant, "R2", ["Jiangsu", "Zhejiang"]),
    ]
    hq = await make_member(db, tenant, Role.HQ_ADMIN)
    managers, merchandisers, franchisees, stores = [], [], [], []
    for region in regions:
        managers.append(await make_member(db, tenant, Role.REGIONAL_MANAGER, region))
        for _ in range(2):
            merchandiser = await make_member(db, tenant, Role.MERCHANDISER, region)
            merchandisers.append(merchandiser)
            for _ in range(stores_per_merchandiser):
                franchisee = await make_member(db, tenant, Role.FRANCHISEE)
                store = await make_store(db, tenant, region, merchandiser, franchisee)
                franchisees.append(franchisee)
                stores.append(store)
    warehouse, skus = await make_skus(db, tenant)
    return World(tenant, regions, hq, managers, merchandisers, franchisees, stores, skus, warehouse)
