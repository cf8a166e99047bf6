"""Every model, imported once so the metadata is complete (alembic, mapper configuration)."""

from domain.audit.models import AuditEntry
from domain.catalogue.models import Product, Sku
from domain.identity.models import ApiKey, LoginFailure, Membership, OAuthClient, RefreshToken, User
from domain.jobs.models import JobRun, OutboxMessage
from domain.orders.models import Order, OrderLine, OrderTransition
from domain.passport.models import ContactLogEntry
from domain.regions.models import Region, RegionProvince
from domain.sales.models import DailySale
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock
from domain.stores.models import CustomFieldDefinition, MerchandiserAssignment, Store
from domain.tenancy.models import Tenant

__all__ = [
    "ApiKey",
    "AuditEntry",
    "ContactLogEntry",
    "CustomFieldDefinition",
    "DailySale",
    "JobRun",
    "LoginFailure",
    "Membership",
    "MerchandiserAssignment",
    "OAuthClient",
    "Order",
    "OrderLine",
    "OrderTransition",
    "OutboxMessage",
    "Product",
    "RefreshToken",
    "Region",
    "RegionProvince",
    "Sku",
    "Store",
    "StoreInventory",
    "Tenant",
    "User",
    "Warehouse",
    "WarehouseStock",
]
