"""The worklist: everything a merchandiser (or a regional manager, for the region) should act on.

Each item has an urgency score from this table (higher first):

| item                  | when                                              | score |
|-----------------------|---------------------------------------------------|-------|
| complaint_overdue     | unresolved past its deadline: critical/high/medium/low | 100/90/80/70 |
| escalation            | proposal unconfirmed >= escalate_manager_after_hours   | 65 |
| message_unread        | the store wrote and the viewer has not read it for a day | 62 |
| escalation            | proposal unconfirmed >= escalate_merchandiser_after_hours | 60 |
| order_rejected        | the franchisee rejected a proposal; nobody followed up yet | 57 |
| complaint_open        | unresolved, in time: critical/high                | 55 |
| approval_pending      | a draft over budget waits for HQ (those who approve)  | 52 |
| confirmation_pending  | proposal unconfirmed >= reminder_after_hours       | 50 |
| message_unread        | the store wrote, unread by the viewer (less than a day) | 45 |
| confirmation_pending  | proposal unconfirmed, reminder not yet due        | 40 |
| complaint_open        | unresolved, in time: medium/low                   | 35 |
| proposal_review       | a draft the merchandiser should review and send   | 30 |

Within equal scores the stores with the most open complaints come first (principle 7), then
whatever has waited longest. Escalations use the same thresholds as the reminder ladder.
A rejection is followed up once the store is sent a new proposal, written to in its thread by
staff, or a contact with it is logged by hand, after the rejection. Unread messages are one
item per thread: messages by others past the viewer's read marker, in the threads the viewer
takes part in (a regional manager or HQ once the thread is escalated to them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain import clock
from domain.access.stores import store_condition
from domain.complaints.models import Complaint
from domain.complaints.service import OPEN_STATUSES
from domain.db import UtcDateTime
from domain.messages.models import Message, MessageRead, MessageThread
from domain.messages.service import taking_part
from domain.orders.models import ApprovalStatus, Order, OrderApproval, OrderStatus
from domain.passport.models import ContactLogEntry
from domain.permissions import Actor, Permission, Role, authorize, reach
from domain.severity import Severity
from domain.stores.models import Store
from domain.tenancy.models import Tenant


class WorkKind(StrEnum):
    """What kind of work an item is."""

    COMPLAINT_OVERDUE = "complaint_overdue"
    ESCALATION = "escalation"
    COMPLAINT_OPEN = "complaint_open"
    CONFIRMATION_PENDING = "confirmation_pending"
    PROPOSAL_REVIEW = "proposal_review"
    ORDER_REJECTED = "order_rejected"
    MESSAGE_UNREAD = "message_unread"
    APPROVAL_PENDING = "approval_pending"


OVERDUE_SCORE = {Severity.CRITICAL: 100, Severity.HIGH: 90, Severity.MEDIUM: 80, Severity.LOW: 70}
OPEN_SCORE = {Severity.CRITICAL: 55, Severity.HIGH: 55, Severity.MEDIUM: 35, Severity.LOW: 35}
ESCALATED_MANAGER, ESCALATED_MERCHANDISER, PAST_REMINDER, PENDING, DRAFT = 65, 60, 50, 40, 30
UNREAD_LONG, REJECTED, APPROVAL, UNREAD = 62, 57, 52, 45
#: A message unread this long ranks with the escalations.
UNREAD_LONG_AFTER = timedelta(hours=24)


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
    unread_messages: int = 0

    @property
    def waited(self) -> timedelta:
        """How long the item has been waiting."""
        return self.now - self.since


def _severity_score(table: dict[Severity, int]) -> Any:
    return case(*((Complaint.severity == s, v) for s, v in table.items()), else_=0)


# The moments the statement compares with are parameters, so that one statement per actor is
# built once and reused: building the union of legs was a third of a worklist request's CPU.
_NOW = bindparam("now", type_=UtcDateTime())
_MANAGER_SINCE = bindparam("manager_since", type_=UtcDateTime())
_MERCHANDISER_SINCE = bindparam("merchandiser_since", type_=UtcDateTime())
_REMINDER_SINCE = bindparam("reminder_since", type_=UtcDateTime())
_UNREAD_LONG_SINCE = bindparam("unread_long_since", type_=UtcDateTime())


def _moments(tenant: Tenant, now: datetime) -> dict[str, datetime]:
    """The values of the statement's time parameters, for the tenant's policy, at `now`."""
    policy = tenant.policies.service
    return {
        "now": now,
        "manager_since": now - timedelta(hours=policy.escalate_manager_after_hours),
        "merchandiser_since": now - timedelta(hours=policy.escalate_merchandiser_after_hours),
        "reminder_since": now - timedelta(hours=policy.reminder_after_hours),
        "unread_long_since": now - UNREAD_LONG_AFTER,
    }


def _legs(actor: Actor) -> list[Any]:
    mine = store_condition(actor, Permission.WORKLIST_READ)
    no_int = cast(null(), Integer)

    drafts = (
        select(
            cast(literal(WorkKind.PROPOSAL_REVIEW.value), String(32)).label("kind"),
            cast(literal(DRAFT), Integer).label("score"),
            Order.store_id.label("store_id"),
            Order.id.label("order_id"),
            no_int.label("complaint_id"),
            Order.created_at.label("since"),
            cast(null(), UtcDateTime()).label("deadline"),
            cast(literal(0), Integer).label("messages"),
        )
        .join(Store, Store.id == Order.store_id)
        .where(mine, Order.status == OrderStatus.DRAFT)
    )
    pending_score = case(
        (Order.proposed_at <= _MANAGER_SINCE, ESCALATED_MANAGER),
        (Order.proposed_at <= _MERCHANDISER_SINCE, ESCALATED_MERCHANDISER),
        (Order.proposed_at <= _REMINDER_SINCE, PAST_REMINDER),
        else_=PENDING,
    )
    pending_kind = case(
        (Order.proposed_at <= _MERCHANDISER_SINCE, WorkKind.ESCALATION.value),
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
            cast(literal(0), Integer),
        )
        .join(Store, Store.id == Order.store_id)
        .where(mine, Order.status.in_([OrderStatus.PROPOSED, OrderStatus.VIEWED]))
    )
    overdue = Complaint.due_at < _NOW
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
            cast(literal(0), Integer),
        )
        .join(Store, Store.id == Complaint.store_id)
        .where(mine, Complaint.status.in_(OPEN_STATUSES))
    )
    legs = [drafts, pending, complaints, _rejections(mine)]
    return [*legs, *_approvals(actor), *_unread(actor, mine)]


def _rejections(mine: ColumnElement[bool]) -> Select[Any]:
    """Proposals the franchisee rejected that nobody has followed up (see the module docstring)."""
    newer = aliased(Order)
    rejected_at = func.coalesce(Order.closed_at, Order.created_at)
    followed_up = or_(
        exists().where(
            newer.store_id == Order.store_id,
            newer.proposed_at.is_not(None),
            newer.proposed_at > rejected_at,
        ),
        exists().where(
            Message.store_id == Order.store_id,
            Message.author_role != Role.FRANCHISEE,
            Message.created_at > rejected_at,
        ),
        exists().where(
            ContactLogEntry.store_id == Order.store_id,
            ContactLogEntry.source.is_(None),
            ContactLogEntry.occurred_at > rejected_at,
        ),
    )
    return (
        _columns(
            WorkKind.ORDER_REJECTED,
            literal(REJECTED),
            Order.store_id,
            Order.id,
            None,
            rejected_at,
        )
        .join(Store, Store.id == Order.store_id)
        .where(mine, Order.status == OrderStatus.REJECTED, ~followed_up)
    )


def _approvals(actor: Actor) -> list[Select[Any]]:
    """Over-budget requests waiting for a decision: work for those who may decide them."""
    if reach(actor, Permission.ORDER_APPROVE) is None:
        return []
    return [
        _columns(
            WorkKind.APPROVAL_PENDING,
            literal(APPROVAL),
            OrderApproval.store_id,
            OrderApproval.order_id,
            None,
            OrderApproval.requested_at,
        )
        .join(Store, Store.id == OrderApproval.store_id)
        .where(
            store_condition(actor, Permission.ORDER_APPROVE),
            OrderApproval.status == ApprovalStatus.PENDING,
        )
    ]


def _unread(actor: Actor, mine: ColumnElement[bool]) -> list[Select[Any]]:
    """One item per thread where others wrote past the viewer's read marker."""
    if actor.user_id is None:
        return []
    oldest = func.min(Message.created_at)
    score = case((oldest <= _UNREAD_LONG_SINCE, UNREAD_LONG), else_=UNREAD)
    return [
        _columns(WorkKind.MESSAGE_UNREAD, score, Message.store_id, None, None, oldest, func.count())
        .join(MessageThread, MessageThread.id == Message.thread_id)
        .join(Store, Store.id == Message.store_id)
        .outerjoin(
            MessageRead,
            (MessageRead.thread_id == Message.thread_id) & (MessageRead.user_id == actor.user_id),
        )
        .where(
            mine,
            taking_part(actor),
            or_(Message.author_user_id.is_(None), Message.author_user_id != actor.user_id),
            Message.id > func.coalesce(MessageRead.last_read_message_id, 0),
        )
        .group_by(Message.store_id)
    ]


def _columns(
    kind: WorkKind,
    score: Any,
    store_id: Any,
    order_id: Any,
    complaint_id: Any,
    since: Any,
    messages: Any = None,
) -> Select[Any]:
    """A leg's select, its columns in the union's order (without a deadline)."""
    none = cast(null(), Integer)
    return select(
        cast(literal(kind.value), String(32)),
        cast(score, Integer),
        store_id,
        none if order_id is None else order_id,
        none if complaint_id is None else complaint_id,
        since,
        cast(null(), UtcDateTime()),
        cast(literal(0) if messages is None else messages, Integer),
    )


@lru_cache(maxsize=512)
def worklist_statement(actor: Actor) -> Select[Any]:
    """Every item for the actor, most urgent first (see the table above), with the whole
    list's length on each row (`total`). Its time parameters are `_moments`' keys.

    Built once per actor (an Actor is an immutable value: who, which role, which stores) and
    kept: the statement holds no time and no policy value, only parameters for them.
    """
    items = union_all(*_legs(actor)).subquery("items")
    open_counts = (
        select(Complaint.store_id.label("store_id"), func.count(Complaint.id).label("n"))
        .where(Complaint.status.in_(OPEN_STATUSES))
        .group_by(Complaint.store_id)
        .subquery("open_counts")
    )
    store_open = func.coalesce(open_counts.c.n, 0)
    return (
        select(
            *items.c,
            store_open.label("store_open_complaints"),
            func.count().over().label("total"),
        )
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
    stmt = worklist_statement(actor)
    moments = _moments(tenant, now)
    rows = (await session.execute(stmt.offset(offset).limit(limit), moments)).all()
    if rows:
        total = int(rows[0].total)
    elif offset == 0:
        total = 0
    else:  # past the end: the length is counted on its own
        counted = select(func.count()).select_from(stmt.order_by(None).subquery())
        total = int(await session.scalar(counted, moments) or 0)
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
            unread_messages=int(row.messages),
        )
        for row in rows
    ]
    return items, total
