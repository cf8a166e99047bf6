"""Filing, assigning, working and resolving complaints; listing them.

A complaint gets a deadline from the tenant's `complaint_sla_hours` for its severity, and the
store's merchandiser as assignee. Its status moves only along `TRANSITIONS`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.access.stores import store_condition
from domain.audit.recorder import record
from domain.complaints.models import Complaint, ComplaintCategory, ComplaintStatus, Escalation
from domain.errors import Collector, ErrorCode, Forbidden, Invalid, NotFound
from domain.identity.models import Membership, User
from domain.messages.service import excerpt, store_for
from domain.notifications.models import Audience
from domain.notifications.service import (
    notify,
    recipient_locale,
    send_to,
    staff_recipients,
    tenant_of,
)
from domain.notifications.timing import local_text
from domain.orders.models import Order
from domain.passport.history import log_contact
from domain.passport.models import ContactKind
from domain.permissions import Actor, Permission, Role, authorize, can
from domain.severity import Severity
from domain.shipments.models import Shipment
from domain.stores.models import Store
from domain.tenancy.local_time import zone_of
from domain.tenancy.models import Tenant
from domain.text import free_text_problem

MAX_TEXT = 4000
OPEN_STATUSES = (ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS)

# (from, action) -> to: the only moves a complaint can make.
TRANSITIONS: dict[tuple[ComplaintStatus, str], ComplaintStatus] = {
    (ComplaintStatus.OPEN, "start"): ComplaintStatus.IN_PROGRESS,
    (ComplaintStatus.OPEN, "resolve"): ComplaintStatus.RESOLVED,
    (ComplaintStatus.IN_PROGRESS, "resolve"): ComplaintStatus.RESOLVED,
    (ComplaintStatus.RESOLVED, "reopen"): ComplaintStatus.IN_PROGRESS,
    (ComplaintStatus.RESOLVED, "close"): ComplaintStatus.CLOSED,
}


def sla(tenant: Tenant, severity: Severity) -> timedelta:
    """How long a complaint of `severity` may stay unresolved under the tenant's policy."""
    hours = tenant.policies.service.complaint_sla_hours
    return timedelta(hours=hours.get(severity.value, hours.get("medium", 72)))


async def _shipment_store(session: AsyncSession, shipment_id: int) -> tuple[int, int] | None:
    """(store id, order id) of a visible shipment."""
    shipment = await session.get(Shipment, shipment_id)
    if shipment is None:
        return None
    return shipment.store_id, shipment.order_id


async def _check_links(
    session: AsyncSession,
    store: Store,
    order_id: int | None,
    shipment_id: int | None,
    errors: Collector,
) -> int | None:
    """Validate the order and shipment belong to the store; the order id (from the shipment too)."""
    if order_id is not None:
        order = await session.get(Order, order_id)
        if order is None or order.store_id != store.id:
            errors.add("order_id", "no such order for this store", ErrorCode.NOT_FOUND)
    if shipment_id is not None:
        found = await _shipment_store(session, shipment_id)
        if found is None or found[0] != store.id:
            errors.add("shipment_id", "no such shipment for this store", ErrorCode.NOT_FOUND)
        elif order_id is not None and found[1] != order_id:
            errors.add("shipment_id", "the shipment is not of that order")
        elif order_id is None:
            order_id = found[1]
    return order_id


async def create_complaint(
    session: AsyncSession,
    actor: Actor,
    store_id: int,
    category: ComplaintCategory,
    severity: Severity,
    description: str,
    order_id: int | None = None,
    shipment_id: int | None = None,
) -> Complaint:
    """File (franchisee) or log (staff) a complaint; assign it to the store's merchandiser."""
    actor, store = await store_for(session, actor, store_id, Permission.COMPLAINT_CREATE)
    errors = Collector()
    text = description.strip()
    if not text:
        errors.add("description", "describe the complaint", ErrorCode.REQUIRED)
    elif len(text) > MAX_TEXT:
        errors.add("description", f"at most {MAX_TEXT} characters")
    elif problem := free_text_problem(text):
        errors.add("description", f"the description {problem}")
    order_id = await _check_links(session, store, order_id, shipment_id, errors)
    errors.raise_if_any()
    tenant = await tenant_of(session, store)
    now = clock.now()
    complaint = Complaint(
        store_id=store.id,
        order_id=order_id,
        shipment_id=shipment_id,
        category=category,
        severity=severity,
        status=ComplaintStatus.OPEN,
        description=text,
        filed_by_id=actor.user_id,
        filed_by_role=actor.role,
        assignee_id=store.merchandiser_id,
        due_at=now + sla(tenant, severity),
        created_at=now,
    )
    session.add(complaint)
    await session.flush()
    verb = "filed" if actor.role == Role.FRANCHISEE else "logged"
    summary = f"{severity.value} complaint #{complaint.id} ({category.value}) {verb} by {actor.role.value}: {excerpt(text, 300)}"
    await log_contact(
        session, actor, store, ContactKind.COMPLAINT, summary, source=f"complaint:{complaint.id}"
    )
    if complaint.assignee_id is not None and complaint.assignee_id != actor.user_id:
        params = await complaint_facts(session, complaint, store)
        await notify(
            session,
            store,
            Audience.MERCHANDISER,
            "complaint.filed",
            params,
            f"complaint:{complaint.id}:filed",
        )
    return complaint


async def complaint_facts(
    session: AsyncSession, complaint: Complaint, store: Store
) -> dict[str, Any]:
    """The placeholders a complaint template may use."""
    tenant = await tenant_of(session, store)
    assignee = await session.get(User, complaint.assignee_id) if complaint.assignee_id else None
    return {
        "complaint": complaint.id,
        "severity": complaint.severity.value,
        "category": complaint.category.value,
        "due": local_text(complaint.due_at, zone_of(store, tenant)),
        "excerpt": excerpt(complaint.description),
        "assignee": assignee.name if assignee else "",
        "resolution": complaint.resolution or "",
    }


async def complaint_for(
    session: AsyncSession, actor: Actor, complaint_id: int, permission: Permission
) -> tuple[Actor, Complaint, Store]:
    """A visible complaint and its store, after checking `permission` on the store."""
    actor = actor
    complaint = await session.get(Complaint, complaint_id)
    store = await session.get(Store, complaint.store_id) if complaint else None
    if complaint is None or store is None:
        raise NotFound("complaint")
    authorize(actor, permission, store)
    return actor, complaint, store


async def _staff_actor(session: AsyncSession, user_id: int) -> Actor | None:
    membership = await session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.is_active.is_(True))
    )
    if membership is None or membership.role == Role.FRANCHISEE:
        return None
    return Actor(
        tenant_id=membership.tenant_id,
        role=membership.role,
        user_id=user_id,
        region_id=membership.region_id,
    )


async def assign_complaint(
    session: AsyncSession, actor: Actor, complaint_id: int, assignee_id: int
) -> Complaint:
    """Give a complaint to a staff member who may manage complaints of its store; tell them."""
    actor, complaint, store = await complaint_for(
        session, actor, complaint_id, Permission.COMPLAINT_MANAGE
    )
    if complaint.status not in OPEN_STATUSES:
        raise Invalid(
            "id",
            f"a {complaint.status.value} complaint cannot be reassigned",
            ErrorCode.INVALID_TRANSITION,
        )
    assignee = await _staff_actor(session, assignee_id)
    if assignee is None or not can(assignee, Permission.COMPLAINT_MANAGE, store):
        raise Invalid("assignee_id", "the assignee must be staff who serve this store")
    if complaint.assignee_id == assignee_id:
        return complaint
    complaint.assignee_id = assignee_id
    tenant = await tenant_of(session, store)
    params = await complaint_facts(session, complaint, store)
    stamp = int(clock.now().timestamp())
    for person in await staff_recipients(
        session, [assignee_id], Audience.MERCHANDISER, recipient_locale(tenant)
    ):
        if person.user_id != actor.user_id:
            await send_to(
                session,
                store,
                person,
                "complaint.assigned",
                params,
                f"complaint:{complaint.id}:assigned:{person.user_id}:{stamp}",
            )
    return complaint


def _move(complaint: Complaint, action: str) -> None:
    target = TRANSITIONS.get((complaint.status, action))
    if target is None:
        raise Invalid(
            "id",
            f"cannot {action} a {complaint.status.value} complaint",
            ErrorCode.INVALID_TRANSITION,
        )
    complaint.status = target


async def start_complaint(session: AsyncSession, actor: Actor, complaint_id: int) -> Complaint:
    """Mark a complaint as being worked on."""
    _, complaint, _ = await complaint_for(session, actor, complaint_id, Permission.COMPLAINT_MANAGE)
    _move(complaint, "start")
    return complaint


async def resolve_complaint(
    session: AsyncSession, actor: Actor, complaint_id: int, resolution: str
) -> Complaint:
    """Resolve a complaint with what was done; tell the franchisee and log it in the passport."""
    actor, complaint, store = await complaint_for(
        session, actor, complaint_id, Permission.COMPLAINT_MANAGE
    )
    text = resolution.strip()
    if not text:
        raise Invalid("resolution", "say how the complaint was resolved", ErrorCode.REQUIRED)
    if len(text) > MAX_TEXT:
        raise Invalid("resolution", f"at most {MAX_TEXT} characters")
    if problem := free_text_problem(text):
        raise Invalid("resolution", f"the resolution {problem}")
    _move(complaint, "resolve")
    now = clock.now()
    complaint.resolution, complaint.resolved_at, complaint.resolved_by_id = text, now, actor.user_id
    summary = f"Complaint #{complaint.id} resolved: {excerpt(text, 300)}"
    await log_contact(
        session, actor, store, ContactKind.COMPLAINT, summary, source=f"complaint:{complaint.id}"
    )
    params = await complaint_facts(session, complaint, store)
    await notify(
        session,
        store,
        Audience.FRANCHISEE,
        "complaint.resolved",
        params,
        f"complaint:{complaint.id}:resolved:{int(now.timestamp())}",
    )
    return complaint


async def _resolved_by_filer_or_staff(
    session: AsyncSession, actor: Actor, complaint_id: int
) -> tuple[Actor, Complaint, Store, bool]:
    """A complaint the actor may close or reopen, and whether the actor does so as its filer
    (rather than as staff who handle the store's complaints).

    Staff who manage the store's complaints may; so may the person who filed it (a
    franchisee accepting the resolution, or taking the complaint back up).
    """
    actor, complaint, store = await complaint_for(
        session, actor, complaint_id, Permission.COMPLAINT_READ
    )
    filer = actor.user_id is not None and complaint.filed_by_id == actor.user_id
    staff = can(actor, Permission.COMPLAINT_MANAGE, store)
    if not filer and not staff:
        raise Forbidden("only the person who filed it or staff who handle complaints may")
    return actor, complaint, store, not staff


async def close_complaint(session: AsyncSession, actor: Actor, complaint_id: int) -> Complaint:
    """Close a resolved complaint: its filer accepts the resolution, or staff close it.

    When the filer accepts, the assignee is told.
    """
    actor, complaint, store, filer = await _resolved_by_filer_or_staff(session, actor, complaint_id)
    _move(complaint, "close")
    complaint.closed_at = clock.now()
    await record(
        session,
        "complaint.accept" if filer else "complaint.close",
        "complaints",
        complaint.id,
        before={"status": ComplaintStatus.RESOLVED.value},
        after={"status": complaint.status.value, "by_filer": filer},
    )
    if filer:
        await _tell_assignee(session, actor, complaint, store, "complaint.accepted", "")
    return complaint


async def reopen_complaint(
    session: AsyncSession, actor: Actor, complaint_id: int, reason: str | None = None
) -> Complaint:
    """Take a resolved complaint back in hand (the resolution did not hold), with a new deadline.

    Its filer must say why (REQUIRED on `reason`); the assignee is told and the passport logs it.
    """
    actor, complaint, store, filer = await _resolved_by_filer_or_staff(session, actor, complaint_id)
    text = (reason or "").strip()
    if filer and not text:
        raise Invalid("reason", "say why the resolution did not hold", ErrorCode.REQUIRED)
    if len(text) > MAX_TEXT:
        raise Invalid("reason", f"at most {MAX_TEXT} characters")
    if problem := free_text_problem(text):
        raise Invalid("reason", f"the reason {problem}")
    _move(complaint, "reopen")
    tenant = await tenant_of(session, store)
    complaint.due_at = clock.now() + sla(tenant, complaint.severity)
    complaint.escalation = Escalation.NONE
    complaint.escalated_at = None
    await record(
        session,
        "complaint.reopen",
        "complaints",
        complaint.id,
        before={"status": ComplaintStatus.RESOLVED.value},
        after={"status": complaint.status.value, "reason": text or None, "by_filer": filer},
    )
    summary = f"Complaint #{complaint.id} reopened by {actor.role.value}: {excerpt(text, 300)}"
    await log_contact(
        session, actor, store, ContactKind.COMPLAINT, summary, source=f"complaint:{complaint.id}"
    )
    await _tell_assignee(session, actor, complaint, store, "complaint.reopened", text)
    return complaint


async def _tell_assignee(
    session: AsyncSession,
    actor: Actor,
    complaint: Complaint,
    store: Store,
    kind: str,
    reason: str,
) -> None:
    """Tell the complaint's assignee (the merchandiser, unless reassigned) of `kind`."""
    if complaint.assignee_id is None or complaint.assignee_id == actor.user_id:
        return
    tenant = await tenant_of(session, store)
    params = await complaint_facts(session, complaint, store) | {"reason": reason}
    stamp = int(clock.now().timestamp())
    for person in await staff_recipients(
        session, [complaint.assignee_id], Audience.MERCHANDISER, recipient_locale(tenant)
    ):
        await send_to(
            session, store, person, kind, params, f"complaint:{complaint.id}:{kind}:{stamp}"
        )


def overdue_condition(now: datetime) -> Any:
    """Unresolved and past its deadline."""
    return Complaint.status.in_(OPEN_STATUSES) & (Complaint.due_at < now)


def complaints_statement(
    actor: Actor,
    store_id: int | None = None,
    status: ComplaintStatus | None = None,
    overdue: bool | None = None,
    severity: Severity | None = None,
) -> Select[Complaint]:
    """The complaints the actor may read, filtered; unresolved first, nearest deadline first."""
    stmt = (
        select(Complaint)
        .join(Store, Store.id == Complaint.store_id)
        .where(store_condition(actor, Permission.COMPLAINT_READ))
    )
    if store_id is not None:
        stmt = stmt.where(Complaint.store_id == store_id)
    if status is not None:
        stmt = stmt.where(Complaint.status == status)
    if severity is not None:
        stmt = stmt.where(Complaint.severity == severity)
    if overdue is not None:
        condition = overdue_condition(clock.now())
        stmt = stmt.where(condition if overdue else ~condition)
    unresolved_first = case((Complaint.status.in_(OPEN_STATUSES), 0), else_=1)
    return stmt.order_by(unresolved_first, Complaint.due_at, Complaint.id)
