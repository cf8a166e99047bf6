"""Complaint helpers: file one through the service, read one back."""

from __future__ import annotations

from domain.complaints import service
from domain.complaints.models import Complaint, ComplaintCategory
from domain.db import Database
from domain.permissions import Actor
from domain.severity import Severity
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system


async def file_complaint(
    db: Database,
    actor: Actor,
    store: Store,
    severity: Severity = Severity.MEDIUM,
    category: ComplaintCategory = ComplaintCategory.SHORTAGE,
    description: str = "Two cartons were missing from the delivery.",
    order_id: int | None = None,
    shipment_id: int | None = None,
) -> Complaint:
    """A complaint filed through the service and committed."""
    async with tenant_session(db, actor) as session:
        complaint = await service.create_complaint(
            session,
            actor,
            store.id,
            category,
            severity,
            description,
            order_id=order_id,
            shipment_id=shipment_id,
        )
        await session.commit()
        return complaint


async def complaint_row(db: Database, world: World, complaint_id: int) -> Complaint:
    """A complaint as stored now."""
    async with tenant_session(db, system(world.tenant)) as session:
        row = await session.get(Complaint, complaint_id)
        assert row is not None
        return row
