"""The worklist: everything a merchandiser (or a regional manager, for the region) should act on.

Each item has an urgency score from this table (higher first):

| item                  | when                                              | score |
|-----------------------|---------------------------------------------------|-------|
| complaint_overdue     | unresolved past its deadline: critical/high/medium/low | 100/90/80/70 |
| escalation            | proposal unconfirmed >= escalate_manager_after_hours   | 65 |
| escalation            | proposal unconfirmed >= escalate_merchandiser_after_hours | 60 |
| complaint_open        | unresolved, in time: critical/high                | 55 |
| confirmation_pending  | proposal unconfirmed >= reminder_after_hours       | 50 |
| confirmation_pending  | proposal unconfirmed, reminder not yet due        | 40 |
| complaint_open        | unresolved, in time: medium/low                   | 35 |
| proposal_review       | a draft the merchandiser should review and send   | 30 |

Within equal scores the stores with the most open complaints come first (principle 7), then
whatever has waited longest. Escalations use the same thresholds as the reminder ladder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Integer, Select, String, case, cast, func, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.complaints.models import Complaint, Severity
from domain.complaints.service import OPEN_STATUSES
from domain.db import UtcDateTime
from domain.orders.models import Order, OrderStatus
from domain.permissions import Actor, Permission, authorize
from domain.stores.models import Store
from domain.tenancy.models import Tenant
from domain.worklist.reach import store_condition


class WorkKind(StrEnum):
    """What kind of work an item is."""

    COMPLAINT_OVERDUE = "complaint_overdue"
    ESCALATION = "escalation"
    COMPLAINT_OPEN = "complaint_open"
    CONFIRMATION_PENDING = "confirmation_pending"
    PROPOSAL_REVIEW = "proposal_review"


OVERDUE_SCORE = {Severity.CRITICAL: 100, Severity.HIGH: 90, Severity.MEDIUM: 80, Severity.LOW: 70}
OPEN_SCORE = {Severity.CRITICAL: 55, Severity.HIGH: 55, Severity.MEDIUM: 35, Severity.LOW: 35}
ESCALATED_MANAGER, ESCALATED_MERCHANDISER, PAST_REMINDER, PENDING, DRAFT = 65, 60, 50, 40, 30


@dataclass(frozen=True)
class WorkItem:
    """One thing to do, with why it ranks where it does."""

    kind: WorkKind
    score: int
    store_id: int
    order_id: int | None
    complaint_id: int | None
    since: datetime
    deadline: datetime | None
    store_open_complaints: int
    now: datetime

    @property
    def waited(self) -> timedelta:
        """How long the item has been waiting."""
        return self.now - self.since


def _severity_score(table: dict[Severity, int]) -> Any:
    return case(*((Complaint.severity == s, v) for s, v in table.items()), else_=0)


def _legs(actor: Actor, tenant: Tenant, now: datetime) -> list[Any]:
    policy = tenant.policies.service
    mine = store_condition(actor, Permission.WORKLIST_READ)
    no_int = cast(null(), Integer)

    def waited_since(hours: int) -> datetime:
        return now - timedelta(hours=hours)

    drafts = (
        select(
            cast(literal(WorkKind.PROPOSAL_REVIEW.value), String(32)).label("kind"),
            cast(literal(DRAFT), Integer).label("score"),
            Order.store_id.label("store_id"),
            Order.id.label("order_id"),
            no_int.label("complaint_id"),
            Order.created_at.label("since"),
            cast(null(), UtcDateTime()).label("deadline"),
        )
        .join(Store, Store.id == Order.store_id)
        .where(mine, Order.status == OrderStatus.DRAFT)
    )
    pending_score = case(
        (Order.proposed_at <= waited_since(policy.escalate_manager_after_hours), ESCALATED_MANAGER),
        (
            Order.proposed_at <= waited_since(policy.escalate_merchandiser_after_hours),
            ESCALATED_MERCHANDISER,
        ),
        (Order.proposed_at <= waited_since(policy.reminder_after_hours), PAST_REMINDER),
        else_=PENDING,
    )
    pending_kind = case(
        (
            Order.proposed_at <= waited_since(policy.escalate_merchandiser_after_hours),
            WorkKind.ESCALATION.value,
        ),
        else_=WorkKind.CONFIRMATION_PENDING.value,
    )
    pending = (
        select(
            cast(pending_kind, String(32)),
            cast(pending_score, Integer),
            Order.store_id,
            Order.id,
            no_int,
            func.coalesce(Order.proposed_at, Order.created_at),
            Order.expires_at,
        )
        .join(Store, Store.id == Order.store_id)
        .where(mine, Order.status.in_([OrderStatus.PROPOSED, OrderStatus.VIEWED]))
    )
    overdue = Complaint.due_at < now
    complaints = (
        select(
            cast(
                case(
                    (overdue, WorkKind.COMPLAINT_OVERDUE.value), else_=WorkKind.COMPLAINT_OPEN.value
                ),
                String(32),
            ),
            cast(
                case((overdue, _severity_score(OVERDUE_SCORE)), else_=_severity_score(OPEN_SCORE)),
                Integer,
            ),
            Complaint.store_id,
            Complaint.order_id,
            Complaint.id,
            Complaint.created_at,
            Complaint.due_at,
        )
        .join(Store, Store.id == Complaint.store_id)
        .where(mine, Complaint.status.in_(OPEN_STATUSES))
    )
    return [drafts, pending, complaints]


def worklist_statement(actor: Actor, tenant: Tenant, now: datetime) -> Select[Any]:
    """Every item for the actor, most urgent first (see the table above)."""
    items = union_all(*_legs(actor, tenant, now)).subquery("items")
    open_counts = (
        select(Complaint.store_id.label("store_id"), func.count(Complaint.id).label("n"))
        .where(Complaint.status.in_(OPEN_STATUSES))
        .group_by(Complaint.store_id)
        .subquery("open_counts")
    )
    store_open = func.coalesce(open_counts.c.n, 0)
    return (
        select(*items.c, store_open.label("store_open_complaints"))
        .outerjoin(open_counts, open_counts.c.store_id == items.c.store_id)
        .order_by(
            items.c.score.desc(),
            store_open.desc(),
            items.c.since,
            items.c.kind,
            func.coalesce(items.c.complaint_id, items.c.order_id),
        )
    )


async def worklist(
    session: AsyncSession, actor: Actor, offset: int = 0, limit: int = 20
) -> tuple[list[WorkItem], int]:
    """One page of the actor's worklist and how many items it holds in all."""
    authorize(actor, Permission.WORKLIST_READ)
    tenant = await session.get(Tenant, actor.tenant_id)
    assert tenant is not None
    now = clock.now()
    stmt = worklist_statement(actor, tenant, now)
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = (await session.execute(stmt.offset(offset).limit(limit))).all()
    items = [
        WorkItem(
            kind=WorkKind(row.kind),
            score=int(row.score),
            store_id=row.store_id,
            order_id=row.order_id,
            complaint_id=row.complaint_id,
            since=row.since,
            deadline=row.deadline,
            store_open_complaints=int(row.store_open_complaints),
            now=now,
        )
        for row in rows
    ]
    return items, int(total or 0)
