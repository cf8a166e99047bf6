"""The person who filed a complaint accepts its resolution or reopens it; the merchandiser hears."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from domain import clock
from domain.audit.models import AuditEntry
from domain.complaints.models import ComplaintStatus, Escalation
from domain.complaints.service import close_complaint, reopen_complaint, resolve_complaint
from domain.db import Database
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.passport.models import ContactKind, ContactLogEntry
from domain.severity import Severity
from domain.tenancy.session import tenant_session
from tests.domain.complaints.factories import complaint_row, file_complaint
from tests.factories import Member, World, system
from tests.factories_service import notifications_of

NOW = datetime(2031, 3, 2, 9, 0, tzinfo=UTC)


async def resolved(db: Database, world: World, filer: Member) -> int:
    """A complaint of store 0 filed by `filer`, resolved by the store's merchandiser."""
    complaint = await file_complaint(db, filer.actor, world.stores[0], Severity.HIGH)
    merchandiser = world.merchandisers[0]
    async with tenant_session(db, merchandiser.actor) as session:
        await resolve_complaint(session, merchandiser.actor, complaint.id, "Resent 2 cartons.")
        await session.commit()
    return complaint.id


async def as_member(db: Database, member: Member, call: object, *args: object) -> None:
    async with tenant_session(db, member.actor) as session:
        try:
            await call(session, member.actor, *args)  # type: ignore[operator]
        except DomainError:
            await session.rollback()
            raise
        await session.commit()


async def test_the_filer_accepts_the_resolution_and_the_merchandiser_is_told(
    db: Database, world: World
) -> None:
    franchisee = world.franchisees[0]
    complaint_id = await resolved(db, world, franchisee)
    await as_member(db, franchisee, close_complaint, complaint_id)
    row = await complaint_row(db, world, complaint_id)
    assert (row.status, row.closed_at is not None) == (ComplaintStatus.CLOSED, True)
    told = [
        n
        for n in await notifications_of(db, world, world.stores[0])
        if n.kind == "complaint.accepted"
    ]
    assert [n.recipient_user_id for n in told] == [world.merchandisers[0].user.id]
    async with tenant_session(db, system(world.tenant)) as session:
        audit = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "complaint.accept",
                AuditEntry.entity_id == str(complaint_id),
            )
        )
    assert audit is not None and audit.actor_user_id == franchisee.user.id


async def test_the_filer_reopens_saying_why_with_a_new_deadline(db: Database, world: World) -> None:
    franchisee = world.franchisees[0]
    with clock.frozen_clock(NOW) as frozen:
        complaint_id = await resolved(db, world, franchisee)
        frozen.set(NOW + timedelta(days=5))  # long past the first deadline
        with pytest.raises(DomainError) as silent:
            await as_member(db, franchisee, reopen_complaint, complaint_id, "  ")
        assert (silent.value.code, silent.value.errors[0].field) == (ErrorCode.REQUIRED, "reason")
        assert (await complaint_row(db, world, complaint_id)).status == ComplaintStatus.RESOLVED
        await as_member(db, franchisee, reopen_complaint, complaint_id, "still 1 carton short")
    row = await complaint_row(db, world, complaint_id)
    assert row.status == ComplaintStatus.IN_PROGRESS
    assert row.due_at > NOW + timedelta(days=5)  # a fresh SLA from the reopening
    assert row.escalation == Escalation.NONE
    store = world.stores[0]
    [told] = [n for n in await notifications_of(db, world, store) if n.kind == "complaint.reopened"]
    assert told.recipient_user_id == world.merchandisers[0].user.id
    assert "still 1 carton short" in told.body
    async with tenant_session(db, system(world.tenant)) as session:
        contacts = list(
            await session.scalars(
                select(ContactLogEntry.summary).where(
                    ContactLogEntry.store_id == store.id,
                    ContactLogEntry.channel == ContactKind.COMPLAINT,
                )
            )
        )
        audit = await session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "complaint.reopen",
                AuditEntry.entity_id == str(complaint_id),
            )
        )
    assert any("reopened by franchisee: still 1 carton short" in c for c in contacts)
    assert audit is not None and audit.after is not None
    assert audit.after["reason"] == "still 1 carton short"


async def test_only_the_filer_among_franchisees_may(db: Database, world: World) -> None:
    # Logged by the merchandiser: the store's franchisee did not file it.
    complaint_id = await resolved(db, world, world.merchandisers[0])
    for call in (close_complaint, reopen_complaint):
        args = (complaint_id, "no") if call is reopen_complaint else (complaint_id,)
        with pytest.raises(Forbidden):
            await as_member(db, world.franchisees[0], call, *args)
        # another store's franchisee does not even see it
        with pytest.raises(NotFound):
            await as_member(db, world.franchisees[1], call, *args)
    assert (await complaint_row(db, world, complaint_id)).status == ComplaintStatus.RESOLVED
    # staff who handle the store's complaints may, with or without a word
    await as_member(db, world.merchandisers[0], reopen_complaint, complaint_id)
    assert (await complaint_row(db, world, complaint_id)).status == ComplaintStatus.IN_PROGRESS
