"""A store's local time: its time zone (else its tenant's) and its calendar day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from domain.stores.models import Store
from domain.tenancy.models import Tenant


def zone_of(store: Store, tenant: Tenant | None) -> ZoneInfo:
    """The store's time zone (else the tenant's, else China Standard Time)."""
    for name in (store.time_zone, tenant.time_zone if tenant else None, "Asia/Shanghai"):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("Asia/Shanghai")


def local_day(at: datetime, zone: ZoneInfo) -> date:
    """The store-local calendar day of `at`."""
    return at.astimezone(zone).date()


async def store_zone(session: AsyncSession, store: Store) -> ZoneInfo:
    """The store's time zone, reading its tenant's for a store that names none."""
    tenant = await session.get(Tenant, store.tenant_id)
    assert tenant is not None
    return zone_of(store, tenant)
