"""The people and store the browser journeys use: a franchisee, their merchandiser, HQ."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import update

from domain.db import Database
from domain.identity.models import Membership, User
from domain.permissions import Role
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session
from tests.factories import (
    Member,
    make_member,
    make_region,
    make_store,
    make_tenant,
    system,
    unique,
)


@dataclass(frozen=True)
class Shop:
    """A tenant with one store: who works there, and what the pages should show."""

    tenant: str
    franchisee: str
    merchandiser: str
    hq: str
    store_name: str
    franchisee_name: str
    merchandiser_name: str


async def _name(db: Database, tenant: Tenant, member: Member, name: str, phone: str) -> None:
    async with tenant_session(db, system(tenant)) as session:
        await session.execute(
            update(User).where(User.id == member.user.id).values(name=name, phone=phone)
        )
        # What the tenant knows of the person (and shows) is on their membership.
        await session.execute(
            update(Membership)
            .where(Membership.user_id == member.user.id)
            .values(name=name, phone=phone)
        )
        await session.commit()


async def make_shop(db: Database) -> Shop:
    """A brand with a merchandiser, a franchisee and their store, named as in the demo."""
    tenant = await make_tenant(db, slug=unique("taozi"), name="桃子服饰")
    region = await make_region(db, tenant, "R1", ["山东"])
    hq = await make_member(db, tenant, Role.HQ_ADMIN)
    merchandiser = await make_member(db, tenant, Role.MERCHANDISER, region)
    franchisee = await make_member(db, tenant, Role.FRANCHISEE)
    await _name(db, tenant, merchandiser, "王芳", "13800000001")
    await _name(db, tenant, franchisee, "李强", "13900000002")
    store_name = "桃子 济南泉城路店"
    await make_store(
        db,
        tenant,
        region,
        merchandiser,
        franchisee,
        code="S0001",
        name=store_name,
        city="济南",
        budget=Decimal("25000.00"),
    )
    return Shop(
        tenant=tenant.slug,
        franchisee=franchisee.email,
        merchandiser=merchandiser.email,
        hq=hq.email,
        store_name=store_name,
        franchisee_name="李强",
        merchandiser_name="王芳",
    )
