"""Every model, imported once so the metadata is complete (alembic, mapper configuration)."""

from domain.audit.models import AuditEntry
from domain.catalogue.models import Product, Sku
from domain.complaints.models import Complaint, ComplaintPhoto
from domain.identity.models import (
    ApiKey,
    Invitation,
    LoginFailure,
    Membership,
    OAuthClient,
    RefreshToken,
    User,
)
from domain.jobs.models import JobRun, OutboxMessage
from domain.messages.models import Message, MessageRead, MessageThread
from domain.notifications.models import Notification, NotificationDelivery
from domain.orders.models import (
    Order,
    OrderApproval,
    OrderLine,
    OrderTransition,
    StockReservation,
)
from domain.passport.models import ContactLogEntry
from domain.recommendation.runs.models import RecommendationRun
from domain.regions.models import Region, RegionProvince
from domain.reminders.models import ProposalReminder
from domain.sales.models import DailySale
from domain.shipments.models import (
    CarrierAccount,
    PickList,
    PickListLine,
    Shipment,
    TrackingEvent,
)
from domain.stock.models import StoreInventory, Warehouse, WarehouseStock
from domain.stores.models import CustomFieldDefinition, MerchandiserAssignment, Store
from domain.surveys.models import Survey
from domain.tenancy.models import Tenant

__all__ = [
    "ApiKey",
    "AuditEntry",
    "CarrierAccount",
    "Complaint",
    "ComplaintPhoto",
    "ContactLogEntry",
    "CustomFieldDefinition",
    "DailySale",
    "Invitation",
    "JobRun",
    "LoginFailure",
    "Membership",
    "MerchandiserAssignment",
    "Message",
    "MessageRead",
    "MessageThread",
    "Notification",
    "NotificationDelivery",
    "OAuthClient",
    "Order",
    "OrderApproval",
    "OrderLine",
    "OrderTransition",
    "OutboxMessage",
    "PickList",
    "PickListLine",
    "Product",
    "ProposalReminder",
    "RecommendationRun",
    "RefreshToken",
    "Region",
    "RegionProvince",
    "Shipment",
    "Sku",
    "StockReservation",
    "Store",
    "StoreInventory",
    "Survey",
    "Tenant",
    "TrackingEvent",
    "User",
    "Warehouse",
    "WarehouseStock",
]
