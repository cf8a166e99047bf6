"""Writes the people and the store network of a demo plan: regions, users (global, found
again by e-mail), memberships, stores and their merchandiser assignment history.

Bulk inserts bypass the per-object audit listener, so each step writes one explicit audit
entry saying what it created.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.recorder import record
from domain.demo.people import login_email
from domain.demo.plan import DemoPlan
from domain.identity.models import Membership, User
from domain.permissions import Role
from domain.regions.models import Region, RegionProvince
from domain.stores.models import CustomFieldDefinition, FieldType, MerchandiserAssignment, Store

LOCATION_TYPES = ["mall", "street", "outlet", "transport hub"]


def table_of(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


async def insert_rows(session: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(table_of(model)), rows)


async def ids_by(session: AsyncSession, key: Any, ident: Any) -> dict[Any, int]:
    return {k: int(i) for k, i in await session.execute(select(key, ident))}


def _morning(day: Any) -> datetime:
    """09:00 in China (01:00 UTC) on a day."""
    return datetime.combine(day, time(1, 0), tzinfo=UTC)


async def write_people(
    session: AsyncSession, plan: DemoPlan, tenant_id: int, password_hash: str, now: datetime
) -> dict[str, int]:
    """Regions, users (global, found again by e-mail) and memberships; returns user ids by e-mail."""
    spec = plan.spec
    await insert_rows(
        session,
        Region,
        [
            {
                "tenant_id": tenant_id,
                "code": r.code,
                "name": r.name,
                "created_at": now,
                "updated_at": now,
            }
            for r in spec.regions
        ],
    )
    regions = await ids_by(session, Region.code, Region.id)
    await insert_rows(
        session,
        RegionProvince,
        [
            {"tenant_id": tenant_id, "region_id": regions[r.code], "province": p}
            for r in spec.regions
            for p in r.provinces
        ],
    )
    people: list[tuple[str, str, str | None, Role, int | None]] = [
        (login_email("hq", spec.slug), plan.hq.name, plan.hq.phone, Role.HQ_ADMIN, None)
    ]
    for i, (region, person) in enumerate(zip(spec.regions, plan.managers, strict=True)):
        people.append(
            (
                login_email(f"r{i + 1}", spec.slug),
                person.name,
                person.phone,
                Role.REGIONAL_MANAGER,
                regions[region.code],
            )
        )
    for i, person in enumerate(plan.merchandisers):
        people.append(
            (
                login_email(f"m{i + 1}", spec.slug),
                person.name,
                person.phone,
                Role.MERCHANDISER,
                regions[spec.regions[i // 2].code],
            )
        )
    for store in plan.stores:
        people.append(
            (
                store.franchisee_email,
                store.franchisee_name,
                store.franchisee_phone,
                Role.FRANCHISEE,
                None,
            )
        )
    users = await _upsert_users(session, people, password_hash, now)
    await insert_rows(
        session,
        Membership,
        [
            {
                "tenant_id": tenant_id,
                "user_id": users[email],
                "role": role,
                "region_id": region,
                "is_active": True,
                "name": name,
                "phone": phone,
                "created_at": now,
                "updated_at": now,
            }
            for email, name, phone, role, region in people
        ],
    )
    await record(
        session,
        "demo.seed.people",
        "memberships",
        None,
        None,
        {"regions": len(regions), "members": len(people)},
    )
    return users


async def _upsert_users(
    session: AsyncSession,
    people: Sequence[tuple[str, str, str | None, Role, int | None]],
    password_hash: str,
    now: datetime,
) -> dict[str, int]:
    """Users are global: a demo login that exists already is brought back to its demo state."""
    emails = [p[0] for p in people]
    existing = {
        e: int(i)
        for e, i in await session.execute(select(User.email, User.id).where(User.email.in_(emails)))
    }
    users = table_of(User)
    for email, name, phone, _, _ in people:
        values = {
            "name": name,
            "phone": phone,
            "password_hash": password_hash,
            "is_active": True,
            "updated_at": now,
        }
        if email in existing:
            await session.execute(users.update().where(users.c.id == existing[email]), values)
    await insert_rows(
        session,
        User,
        [
            {
                "email": email,
                "name": name,
                "phone": phone,
                "password_hash": password_hash,
                "is_platform_admin": False,
                "is_active": True,
                "created_at": now,
                "updated_at": now,
            }
            for email, name, phone, _, _ in people
            if email not in existing
        ],
    )
    rows = await session.execute(select(User.email, User.id).where(User.email.in_(emails)))
    return {e: int(i) for e, i in rows}


async def write_stores(
    session: AsyncSession, plan: DemoPlan, tenant_id: int, users: dict[str, int], now: datetime
) -> dict[str, int]:
    """Custom field definitions, stores and their merchandiser assignment history."""
    spec = plan.spec
    await insert_rows(
        session,
        CustomFieldDefinition,
        [
            {
                "tenant_id": tenant_id,
                "key": "location_type",
                "label": "位置类型 Location type",
                "type": FieldType.CHOICE,
                "choices": LOCATION_TYPES,
                "required": False,
                "help_text": "Where the store stands.",
                "created_at": now,
                "updated_at": now,
            },
            {
                "tenant_id": tenant_id,
                "key": "fitting_rooms",
                "label": "试衣间 Fitting rooms",
                "type": FieldType.NUMBER,
                "choices": [],
                "required": False,
                "help_text": "How many fitting rooms the store has.",
                "created_at": now,
                "updated_at": now,
            },
        ],
    )
    regions = await ids_by(session, Region.code, Region.id)
    merchandisers = [
        users[login_email(f"m{i + 1}", spec.slug)] for i in range(len(plan.merchandisers))
    ]
    rows = []
    for s in plan.stores:
        rows.append(
            {
                "tenant_id": tenant_id,
                "code": s.code,
                "name": s.name,
                "region_id": regions[spec.regions[s.region].code],
                "merchandiser_id": merchandisers[s.merchandiser],
                "franchisee_id": users[s.franchisee_email],
                "franchisee_name": s.franchisee_name,
                "franchisee_phone": s.franchisee_phone,
                "franchisee_email": s.franchisee_email,
                "province": s.province,
                "city": s.city,
                "address": s.address,
                "latitude": s.latitude,
                "longitude": s.longitude,
                "opened_on": s.opened_on,
                "floor_area": s.floor_area,
                "display_capacity": s.display_capacity,
                "tier": s.tier,
                "status": s.status,
                "budget": s.budget,
                "time_zone": None,
                "excluded_skus": [],
                "custom_fields": {
                    "location_type": s.location_type,
                    "fitting_rooms": s.fitting_rooms,
                },
                "created_at": now,
                "updated_at": now,
                **s.preferences,
            }
        )
    await insert_rows(session, Store, rows)
    stores = await ids_by(session, Store.code, Store.id)
    await insert_rows(
        session, MerchandiserAssignment, _assignments(plan, tenant_id, stores, merchandisers, users)
    )
    await record(session, "demo.seed.stores", "stores", None, None, {"stores": len(rows)})
    return stores


def _assignments(
    plan: DemoPlan,
    tenant_id: int,
    stores: dict[str, int],
    merchandisers: list[int],
    users: dict[str, int],
) -> list[dict[str, Any]]:
    """One current assignment per store; every twentieth store was handed over during the
    history from its region's other merchandiser (the passport keeps both)."""
    spec = plan.spec
    hq = users[login_email("hq", spec.slug)]
    out: list[dict[str, Any]] = []
    for n, s in enumerate(plan.stores):
        start = _morning(max(s.opened_on, spec.first_day - timedelta(days=400)))
        current = merchandisers[s.merchandiser]
        base = {"tenant_id": tenant_id, "store_id": stores[s.code], "assigned_by_id": hq}
        if n % 20 == 7 and s.open_day < spec.history_days // 2:
            handover = _morning(spec.first_day + timedelta(days=spec.history_days // 2))
            previous = merchandisers[s.merchandiser ^ 1]
            out.append(
                {
                    **base,
                    "merchandiser_id": previous,
                    "started_at": start,
                    "ended_at": handover,
                    "reason": "新店分配 initial assignment",
                }
            )
            out.append(
                {
                    **base,
                    "merchandiser_id": current,
                    "started_at": handover,
                    "ended_at": None,
                    "reason": "区域调整 territory rebalanced",
                }
            )
        else:
            out.append(
                {
                    **base,
                    "merchandiser_id": current,
                    "started_at": start,
                    "ended_at": None,
                    "reason": "新店分配 initial assignment",
                }
            )
    return out
