"""Overdue complaints climb: to the regional manager when the deadline passes, to HQ one SLA later."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.complaints.models import Complaint, Escalation
from domain.complaints.service import OPEN_STATUSES, complaint_facts, sla
from domain.db.binding import session_actor, session_tenant
from domain.notifications.models import Audience
from domain.notifications.service import notify
from domain.passport.history import log_contact
from domain.passport.models import ContactKind
from domain.severity import Severity
from domain.stores.models import Store
from domain.tenancy.models import Tenant

NEXT = {Escalation.NONE: Escalation.REGION, Escalation.REGION: Escalation.HQ}
AUDIENCE = {Escalation.REGION: Audience.REGIONAL_MANAGER, Escalation.HQ: Audience.HQ}


def _step_due(tenant: Tenant, now: datetime) -> ColumnElement[bool]:
    """Open complaints due a step up: the first when the deadline passes, the next one SLA
    period (by severity) after the first."""
    next_step = or_(
        Complaint.escalation == Escalation.NONE,
        *(
            and_(
                Complaint.severity == severity,
                Complaint.escalated_at <= now - sla(tenant, severity),
            )
            for severity in Severity
        ),
    )
    return and_(
        Complaint.status.in_(OPEN_STATUSES),
        Complaint.due_at < now,
        Complaint.escalation != Escalation.HQ,
        next_step,
    )


async def has_due(session: AsyncSession) -> bool:
    """Whether the session's tenant has a complaint due a step up (the periodic scan's probe)."""
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    found = await session.scalar(
        select(Complaint.id).where(_step_due(tenant, clock.now())).limit(1)
    )
    return found is not None


async def escalate_overdue(session: AsyncSession) -> dict[str, int]:
    """Escalate every overdue complaint of the session's tenant that is due a step up."""
    tenant = await session.get(Tenant, session_tenant(session))
    assert tenant is not None
    now = clock.now()
    overdue = await session.scalars(
        select(Complaint).where(_step_due(tenant, now)).order_by(Complaint.id)
    )
    done = 0
    for complaint in list(overdue):
        await escalate(session, complaint, NEXT[complaint.escalation])
        done += 1
    return {"escalated": done}


async def escalate(session: AsyncSession, complaint: Complaint, level: Escalation) -> None:
    """Raise a complaint to `level`: tell them, log it in the passport, audit it."""
    store = await session.get(Store, complaint.store_id)
    assert store is not None
    before = complaint.escalation
    complaint.escalation, complaint.escalated_at = level, clock.now()
    audience = AUDIENCE[level]
    params = await complaint_facts(session, complaint, store)
    await notify(
        session,
        store,
        audience,
        "complaint.escalated",
        params,
        f"complaint:{complaint.id}:escalated:{level.value}",
    )
    summary = f"Complaint #{complaint.id} overdue since {params['due']}: escalated to {audience.value.replace('_', ' ')}"
    await log_contact(
        session,
        session_actor(session),
        store,
        ContactKind.COMPLAINT,
        summary,
        source=f"complaint:{complaint.id}",
    )
    await record(
        session,
        "complaint.escalated",
        "complaints",
        complaint.id,
        {"escalation": before.value},
        {"escalation": level.value},
    )
