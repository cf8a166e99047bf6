"""Factories: rows for tests, made through tenant sessions like the application makes them."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

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


def _region(code: str, provinces: list[str]) -> Region:
    return Region(
        code=code, name=f"Region {code}", provinces=[RegionProvince(province=p) for p in provinces]
    )


async def make_region(db: Database, tenant: Tenant, code: str, provinces: list[str]) -> Region:
    """A region with provinces."""
    async with tenant_session(db, system(tenant)) as session:
        region = _region(code, provinces)
        session.add(region)
        await session.commit()
        return region


def _user(role: Role, email: str | None = None) -> User:
    email = email or f"{unique(role.value)}@example.test"
    return User(email=email, name=email.split("@")[0], password_hash=_PASSWORD_HASH)


def _membership(user: User, role: Role, region: Region | None) -> Membership:
    return Membership(
        user_id=user.id, role=role, region_id=region.id if region else None, name=user.name
    )


def _member(tenant: Tenant, user: User, membership: Membership) -> Member:
    actor = Actor(
        tenant_id=tenant.id,
        role=membership.role,
        user_id=user.id,
        region_id=membership.region_id,
        label=user.email,
        membership_id=membership.id,
    )
    return Member(user=user, actor=actor, email=user.email)


async def make_member(
    db: Database, tenant: Tenant, role: Role, region: Region | None = None, email: str | None = None
) -> Member:
    """A user with one membership."""
    async with tenant_session(db, system(tenant)) as session:
        user = _user(role, email)
        session.add(user)
        await session.flush()
        membership = _membership(user, role, region)
        session.add(membership)
        await session.commit()
    return _member(tenant, user, membership)


def _store(
    region: Region, merchandiser: Member | None, franchisee: Member | None, **fields: Any
) -> Store:
    return Store(
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
        store = _store(region, merchandiser, franchisee, **fields)
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
    async with tenant_session(db, system(tenant)) as session:
        made = await _add_skus(session, n_styles, sizes, stock, category, price, cost)
        await session.commit()
    return made


async def _add_skus(
    session: AsyncSession,
    n_styles: int = 2,
    sizes: tuple[str, ...] = ("S", "M", "L"),
    stock: int = 100,
    category: str = "knitwear",
    price: Decimal = Decimal("199.00"),
    cost: Decimal = Decimal("90.00"),
) -> tuple[Warehouse, list[Sku]]:
    """`make_skus` in a session of the tenant's (each table one INSERT; the caller commits)."""
    warehouse = Warehouse(code=unique("W"), name="HQ warehouse")
    products = [
        Product(
            code=unique("P"),
            name="Test style",
            category=category,
            season=Season.ALL_SEASON,
            retail_price=price,
            unit_cost=cost,
            launched_on=date(2025, 1, 1),
        )
        for _ in range(n_styles)
    ]
    session.add(warehouse)
    session.add_all(products)
    await session.flush()
    skus = [
        Sku(
            product_id=product.id,
            code=f"{product.code}-BLK-{size}",
            colour="black",
            size=size,
            barcode=ean13(f"69{next(_seq):010d}"[-12:]),
        )
        for product in products
        for size in sizes
    ]
    session.add_all(skus)
    await session.flush()
    session.add_all(
        WarehouseStock(warehouse_id=warehouse.id, sku_id=sku.id, on_hand=stock) for sku in skus
    )
    return warehouse, skus


async def make_world(db: Database, stores_per_merchandiser: int = 2) -> World:
    """Two regions, an HQ admin, a manager and two merchandisers per region, stores with franchisees.

    Made in one transaction, each table in one INSERT (per-test set-up: most tests start here);
    the rows are the ones `make_region`, `make_member`, `make_store` and `make_skus` make.
    """
    tenant = await make_tenant(db)
    async with tenant_session(db, system(tenant)) as session:
        regions = [
            _region("R1", ["Beijing", "Shandong"]),
            _region("R2", ["Jiangsu", "Zhejiang"]),
        ]
        # (role, region, the merchandiser of a franchisee's store) of each person, in the order
        # the per-row factories made them: HQ, then per region its manager and merchandisers,
        # each merchandiser followed by the franchisees of their stores.
        cast: list[tuple[Role, Region | None, int | None]] = [(Role.HQ_ADMIN, None, None)]
        for region in regions:
            cast.append((Role.REGIONAL_MANAGER, region, None))
            for _ in range(2):
                cast.append((Role.MERCHANDISER, region, None))
                cast += [(Role.FRANCHISEE, None, len(cast) - 1)] * stores_per_merchandiser
        users = [_user(role) for role, _, _ in cast]
        session.add_all(regions)
        session.add_all(users)
        await session.flush()
        memberships = [
            _membership(user, role, region)
            for user, (role, region, _) in zip(users, cast, strict=True)
        ]
        session.add_all(memberships)
        await session.flush()
        members = [
            _member(tenant, user, membership)
            for user, membership in zip(users, memberships, strict=True)
        ]
        stores: list[Store] = []
        franchisees: list[Member] = []
        assignments: list[tuple[Store, Member]] = []
        for member, (_, _, of) in zip(members, cast, strict=True):
            if of is not None:  # a franchisee: their store, with its merchandiser
                merchandiser = members[of]
                region = next(r for r in regions if r.id == merchandiser.actor.region_id)
                store = _store(region, merchandiser, member)
                stores.append(store)
                franchisees.append(member)
                assignments.append((store, merchandiser))
        session.add_all(stores)
        await session.flush()
        session.add_all(
            MerchandiserAssignment(store_id=store.id, merchandiser_id=merchandiser.user.id)
            for store, merchandiser in assignments
        )
        warehouse, skus = await _add_skus(session)
        await session.commit()
    by_role = {
        role: [m for m, (r, _, _) in zip(members, cast, strict=True) if r == role] for role in Role
    }
    return World(
        tenant,
        regions,
        by_role[Role.HQ_ADMIN][0],
        by_role[Role.REGIONAL_MANAGER],
        by_role[Role.MERCHANDISER],
        franchisees,
        stores,
        skus,
        warehouse,
    )
