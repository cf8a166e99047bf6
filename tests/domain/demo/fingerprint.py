"""A checksum of everything a demo tenant holds, by business keys (codes, e-mails), not ids."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from domain.catalogue.models import Product, Sku
from domain.db import Database
from domain.identity.models import Membership, User
from domain.permissions import Actor
from domain.regions.models import Region, RegionProvince
from domain.sales.models import DailySale
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock
from domain.stores.models import MerchandiserAssignment, Store
from domain.tenancy.session import tenant_session

Merchandiser = aliased(User)
Franchisee = aliased(User)

_STORE_COLUMNS = [
    c
    for c in Store.__table__.c
    if c.name not in {"id", "tenant_id", "region_id", "merchandiser_id", "franchisee_id"}
    and c.name not in {"created_at", "updated_at"}
]

QUERIES: dict[str, Any] = {
    "regions": select(Region.code, Region.name).order_by(Region.code),
    "region_provinces": select(Region.code, RegionProvince.province)
    .join(Region, Region.id == RegionProvince.region_id)
    .order_by(RegionProvince.province),
    "members": select(User.email, User.name, User.phone, Membership.role, Region.code)
    .join(User, User.id == Membership.user_id)
    .outerjoin(Region, Region.id == Membership.region_id)
    .order_by(User.email),
    "stores": select(Region.code, Merchandiser.email, Franchisee.email, *_STORE_COLUMNS)
    .join(Region, Region.id == Store.region_id)
    .outerjoin(Merchandiser, Merchandiser.id == Store.merchandiser_id)
    .outerjoin(Franchisee, Franchisee.id == Store.franchisee_id)
    .order_by(Store.code),
    "assignments": select(
        Store.code,
        User.email,
        MerchandiserAssignment.started_at,
        MerchandiserAssignment.ended_at,
        MerchandiserAssignment.reason,
    )
    .join(Store, Store.id == MerchandiserAssignment.store_id)
    .join(User, User.id == MerchandiserAssignment.merchandiser_id)
    .order_by(Store.code, MerchandiserAssignment.started_at),
    "products": select(
        Product.code,
        Product.name,
        Product.name_en,
        Product.category,
        Product.season,
        Product.retail_price,
        Product.unit_cost,
        Product.launched_on,
        Product.is_active,
    ).order_by(Product.code),
    "skus": select(
        Product.code, Sku.code, Sku.colour, Sku.size, Sku.barcode, Sku.pack_size, Sku.is_active
    )
    .join(Product, Product.id == Sku.product_id)
    .order_by(Sku.code),
    "warehouse_stock": select(
        Warehouse.code, Warehouse.name, Sku.code, WarehouseStock.on_hand, WarehouseStock.reserved
    )
    .join(Warehouse, Warehouse.id == WarehouseStock.warehouse_id)
    .join(Sku, Sku.id == WarehouseStock.sku_id)
    .order_by(Warehouse.code, Sku.code),
    "store_inventory": select(Store.code, Sku.code, StoreInventory.on_hand)
    .join(Store, Store.id == StoreInventory.store_id)
    .join(Sku, Sku.id == StoreInventory.sku_id)
    .order_by(Store.code, Sku.code),
    "daily_sales": select(
        Store.code,
        Sku.code,
        DailySale.day,
        DailySale.qty,
        DailySale.revenue,
        DailySale.on_hand_close,
    )
    .join(Store, Store.id == DailySale.store_id)
    .join(Sku, Sku.id == DailySale.sku_id)
    .order_by(Store.code, Sku.code, DailySale.day),
}


async def fingerprint(db: Database, tenant_id: int) -> dict[str, tuple[int, str]]:
    """Per table: (row count, SHA-256 of its rows in business-key order)."""
    out: dict[str, tuple[int, str]] = {}
    async with tenant_session(db, Actor.system(tenant_id)) as session:
        for name, statement in QUERIES.items():
            digest = hashlib.sha256()
            count = 0
            for row in await session.execute(statement):
                digest.update(repr(tuple(row)).encode())
                count += 1
            out[name] = (count, digest.hexdigest())
    return out
