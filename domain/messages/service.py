"""Sending and reading a store's messages; a new message notifies the other side.

The franchisee's side is the franchisee; the staff side is the merchandiser, joined by the
regional manager (and then HQ) once the thread is escalated. A message from the franchisee
notifies every staff participant; one from staff notifies the franchisee (within the store's
daily cap and quiet hours). Every message is a contact in the store's passport.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.access.stores import store_condition
from domain.errors import ErrorCode, Invalid, NotFound
from domain.identity.models import User
from domain.messages.models import Message, MessageRead, MessageThread, ThreadLevel
from domain.notifications.models import Audience
from domain.notifications.service import notify
from domain.passport.history import log_contact
from domain.passport.models import ContactKind
from domain.permissions import Actor, Permission, Role, authorize
from domain.stores.models import Store
from domain.text import free_text_problem

MAX_BODY = 4000
EXCERPT = 140
_LEVELS = (ThreadLevel.STORE, ThreadLevel.REGION, ThreadLevel.HQ)
# A manager who writes joins the thread at their level.
_JOINS = {Role.REGIONAL_MANAGER: ThreadLevel.REGION, Role.HQ_ADMIN: ThreadLevel.HQ}


def excerpt(text: str, length: int = EXCERPT) -> str:
    """The start of a text, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def staff_audiences(level: ThreadLevel) -> list[Audience]:
    """Who is on the staff side of a thread at `level`."""
    joined = _LEVELS.index(level)
    return [Audience.MERCHANDISER, Audience.REGIONAL_MANAGER, Audience.HQ][: joined + 1]


async def store_for(
    session: AsyncSession, actor: Actor, store_id: int, permission: Permission
) -> tuple[Actor, Store]:
    """The store (NOT_FOUND when invisible) after checking `permission` on it."""
    actor = actor
    store = await session.get(Store, store_id)
    if store is None:
        raise NotFound("store", "store_id")
    authorize(actor, permission, store)
    return actor, store


async def thread_of(session: AsyncSession, store: Store) -> MessageThread | None:
    """The store's thread, if anyone has written yet."""
    return await session.scalar(select(MessageThread).where(MessageThread.store_id == store.id))


async def _mark(
    session: AsyncSession, thread: MessageThread, user_id: int, upto: int
) -> MessageRead:
    marker = await session.scalar(
        select(MessageRead).where(
            MessageRead.thread_id == thread.id, MessageRead.user_id == user_id
        )
    )
    if marker is None:
        marker = MessageRead(
            store_id=thread.store_id, thread_id=thread.id, user_id=user_id, last_read_message_id=0
        )
        session.add(marker)
    marker.last_read_message_id = max(marker.last_read_message_id or 0, upto)
    marker.read_at = clock.now()
    return marker


async def send_message(session: AsyncSession, actor: Actor, store_id: int, body: str) -> Message:
    """Post a message in the store's thread and notify the other side."""
    actor, store = await store_for(session, actor, store_id, Permission.MESSAGE_SEND)
    text = body.strip()
    if not text:
        raise Invalid("body", "a message cannot be empty", ErrorCode.REQUIRED)
    if len(text) > MAX_BODY:
        raise Invalid("body", f"a message holds at most {MAX_BODY} characters")
    if problem := free_text_problem(text):
        raise Invalid("body", f"the message {problem}")
    now = clock.now()
    thread = await thread_of(session, store)
    if thread is None:
        thread = MessageThread(store_id=store.id, level=ThreadLevel.STORE)
        session.add(thread)
        await session.flush()
    joins = _JOINS.get(actor.role)
    if joins is not None and _LEVELS.index(joins) > _LEVELS.index(thread.level):
        thread.level, thread.escalated_at = joins, now
    message = Message(
        store_id=store.id,
        thread_id=thread.id,
        author_user_id=actor.user_id,
        author_role=actor.role,
        body=text,
        created_at=now,
    )
    session.add(message)
    await session.flush()
    thread.last_message_at = now
    if actor.user_id is not None:
        await _mark(session, thread, actor.user_id, message.id)
    await log_contact(
        session,
        actor,
        store,
        ContactKind.MESSAGE,
        f"{actor.role.value}: {excerpt(text, 300)}",
        source=f"message:{message.id}",
    )
    author = await session.get(User, actor.user_id) if actor.user_id else None
    params = {"author": author.name if author else actor.label, "excerpt": excerpt(text)}
    audiences = (
        staff_audiences(thread.level) if actor.role == Role.FRANCHISEE else [Audience.FRANCHISEE]
    )
    for audience in audiences:
        await notify(
            session,
            store,
            audience,
            "message.received",
            params,
            f"message:{message.id}:{audience.value}",
        )
    return message


async def escalate_thread(session: AsyncSession, actor: Actor, store_id: int) -> MessageThread:
    """Bring the regional manager (then HQ) into the store's thread, and tell them."""
    actor, store = await store_for(session, actor, store_id, Permission.MESSAGE_SEND)
    thread = await thread_of(session, store)
    if thread is None:
        raise Invalid("store_id", "nothing to escalate: the thread has no message yet")
    if thread.level == ThreadLevel.HQ:
        raise Invalid("store_id", "the thread already includes head office")
    thread.level = _LEVELS[_LEVELS.index(thread.level) + 1]
    thread.escalated_at = clock.now()
    audience = staff_audiences(thread.level)[-1]
    last = await session.scalar(
        select(Message).where(Message.thread_id == thread.id).order_by(Message.id.desc()).limit(1)
    )
    params = {"author": actor.label, "excerpt": excerpt(last.body) if last else ""}
    await notify(
        session,
        store,
        audience,
        "message.received",
        params,
        f"thread:{thread.id}:{thread.level.value}",
    )
    summary = (
        f"Message thread escalated to {audience.value.replace('_', ' ')} by {actor.role.value}"
    )
    await log_contact(
        session, actor, store, ContactKind.NOTE, summary, source=f"thread:{thread.id}"
    )
    return thread


async def mark_read(
    session: AsyncSession, actor: Actor, store_id: int, message_id: int | None = None
) -> MessageThread | None:
    """Mark the store's thread read by the actor, up to `message_id` (default: everything)."""
    actor, store = await store_for(session, actor, store_id, Permission.MESSAGE_READ)
    if actor.user_id is None:
        raise Invalid(None, "only people have read state")
    thread = await thread_of(session, store)
    if thread is None:
        return None
    if message_id is None:
        upto = await session.scalar(
            select(func.max(Message.id)).where(Message.thread_id == thread.id)
        )
    else:
        upto = await session.scalar(
            select(Message.id).where(Message.id == message_id, Message.thread_id == thread.id)
        )
        if upto is None:
            raise NotFound("message", "message_id")
    await _mark(session, thread, actor.user_id, int(upto or 0))
    return thread


def messages_statement(thread_id: int) -> Select[Message]:
    """A thread's messages, newest first (pages go back in time)."""
    return select(Message).where(Message.thread_id == thread_id).order_by(Message.id.desc())


async def unread_counts(
    session: AsyncSession, user_id: int, thread_ids: Sequence[int]
) -> dict[int, int]:
    """Messages by others each thread holds beyond the user's read marker."""
    if not thread_ids:
        return {}
    stmt = (
        select(Message.thread_id, func.count(Message.id))
        .outerjoin(
            MessageRead,
            (MessageRead.thread_id == Message.thread_id) & (MessageRead.user_id == user_id),
        )
        .where(
            Message.thread_id.in_(thread_ids),
            or_(Message.author_user_id.is_(None), Message.author_user_id != user_id),
            Message.id > func.coalesce(MessageRead.last_read_message_id, 0),
        )
        .group_by(Message.thread_id)
    )
    counts = {int(tid): int(n) for tid, n in (await session.execute(stmt)).all()}
    return {tid: counts.get(tid, 0) for tid in thread_ids}


def taking_part(actor: Actor) -> ColumnElement[bool]:
    """Threads (joined with their Store) the actor takes part in: their stores' threads;
    managers' once escalated to them."""
    condition = store_condition(actor, Permission.MESSAGE_READ)
    if actor.role == Role.REGIONAL_MANAGER:
        return condition & MessageThread.level.in_([ThreadLevel.REGION, ThreadLevel.HQ])
    if actor.role == Role.HQ_ADMIN:
        return condition & (MessageThread.level == ThreadLevel.HQ)
    return condition


def participating(actor: Actor) -> Select[MessageThread]:
    """Threads the actor takes part in: their stores' threads; managers once escalated to them."""
    return (
        select(MessageThread)
        .join(Store, Store.id == MessageThread.store_id)
        .where(taking_part(actor))
    )


def inbox_statement(actor: Actor, unread_only: bool = False) -> Select[MessageThread]:
    """The actor's threads, most recent conversation first (optionally only those with unread)."""
    stmt = participating(actor)
    if unread_only and actor.user_id is not None:
        unread = (
            select(Message.id)
            .outerjoin(
                MessageRead,
                (MessageRead.thread_id == Message.thread_id)
                & (MessageRead.user_id == actor.user_id),
            )
            .where(
                Message.thread_id == MessageThread.id,
                or_(Message.author_user_id.is_(None), Message.author_user_id != actor.user_id),
                Message.id > func.coalesce(MessageRead.last_read_message_id, 0),
            )
            .exists()
        )
        stmt = stmt.where(unread)
    return stmt.order_by(MessageThread.last_message_at.desc(), MessageThread.id.desc())


async def total_unread(session: AsyncSession, actor: Actor) -> int:
    """Unread messages across every thread the actor takes part in."""
    if actor.user_id is None:
        return 0
    ids = list(await session.scalars(participating(actor).with_only_columns(MessageThread.id)))
    return sum((await unread_counts(session, actor.user_id, ids)).values())
