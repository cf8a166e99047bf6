"""Working a complaint: who gets it, who may act on it, resolving, closing and reopening."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.complaints import service
from domain.complaints.models import ComplaintStatus
from domain.db import Database
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.notifications.models import Audience, Notification
from domain.passport.models import ContactKind, ContactLogEntry
from domain.permissions import Actor, Role
from domain.severity import Severity
from domain.tenancy.session import tenant_session
from tests.domain.complaints.factories import complaint_row, file_complaint
from tests.factories import Member, World, make_member, make_tenant, system
from tests.factories_service import notifications_of


async def act(db: Database, member: Member, call: str, *args: object) -> object:
    """Run one complaint service function as `member`, committed."""
    async with tenant_session(db, member.actor) as session:
        result = await getattr(service, call)(session, member.actor, *args)
        await session.commit()
        return result


async def test_franchisees_complaint_goes_to_the_stores_merchandiser_who_is_told(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    complaint = await file_complaint(db, world.franchisees[0].actor, store, Severity.HIGH)
    assert complaint.status == ComplaintStatus.OPEN
    assert complaint.assignee_id == world.merchandisers[0].user.id
    [told] = [n for n in await notifications_of(db, world, store) if n.kind == "complaint.filed"]
    assert (told.audience, told.recipient_user_id) == (
        Audience.MERCHANDISER,
        world.merchandisers[0].user.id,
    )
    assert "high" in told.subject


async def test_a_complaint_the_merchandiser_logs_does_not_notify_themselves(
    db: Database, world: World
) -> None:
    store = world.stores[1]
    complaint = await file_complaint(db, world.merchandisers[0].actor, store)
    assert complaint.filed_by_role.value == "merchandiser"
    assert not [n for n in await notifications_of(db, world, store) if n.kind == "complaint.filed"]


async def test_assigning_to_staff_who_serve_the_store_tells_the_assignee(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    complaint = await file_complaint(db, world.franchisees[0].actor, store)
    await act(db, world.hq, "assign_complaint", complaint.id, world.managers[0].user.id)

    assert (await complaint_row(db, world, complaint.id)).assignee_id == world.managers[0].user.id
    [told] = [n for n in await notifications_of(db, world, store) if n.kind == "complaint.assigned"]
    assert told.recipient_user_id == world.managers[0].user.id


async def test_assignee_must_serve_the_store(db: Database, world: World) -> None:
    store = world.stores[0]
    complaint = await file_complaint(db, world.franchisees[0].actor, store)
    for outsider in (world.merchandisers[1], world.managers[1], world.franchisees[0]):
        with pytest.raises(DomainError) as refused:
            await act(db, world.hq, "assign_complaint", complaint.id, outsider.user.id)
        assert (refused.value.code, refused.value.errors[0].field) == (
            ErrorCode.INVALID,
            "assignee_id",
        )
    assert (await complaint_row(db, world, complaint.id)).assignee_id == world.merchandisers[
        0
    ].user.id


async def test_resolution_tells_the_franchisee_and_goes_in_the_passport(
    db: Database, world: World
) -> None:
    store = world.stores[0]
    complaint = await file_complaint(db, world.franchisees[0].actor, store)
    await act(db, world.merchandisers[0], "start_complaint", complaint.id)
    resolved = await act(
        db, world.merchandisers[0], "resolve_complaint", complaint.id, "  Resent the two cartons. "
    )
    row = await complaint_row(db, world, complaint.id)
    assert row.status == ComplaintStatus.RESOLVED
    assert (row.resolution, row.resolved_by_id) == (
        "Resent the two cartons.",
        world.merchandisers[0].user.id,
    )
    assert resolved is not None and row.resolved_at is not None
    [told] = [n for n in await notifications_of(db, world, store) if n.kind == "complaint.resolved"]
    assert told.audience == Audience.FRANCHISEE and "Resent the two cartons." in told.body
    async with tenant_session(db, system(world.tenant)) as session:
        contacts = list(
            await session.scalars(
                select(ContactLogEntry.summary).where(
                    ContactLogEntry.store_id == store.id,
                    ContactLogEntry.channel == ContactKind.COMPLAINT,
                )
            )
        )
    assert any("resolved: Resent the two cartons." in c for c in contacts)


async def test_resolution_needs_a_text(db: Database, world: World) -> None:
    complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0])
    with pytest.raises(DomainError) as refused:
        await act(db, world.merchandisers[0], "resolve_complaint", complaint.id, "   ")
    assert (refused.value.code, refused.value.errors[0].field) == (ErrorCode.REQUIRED, "resolution")
    assert (await complaint_row(db, world, complaint.id)).status == ComplaintStatus.OPEN


async def test_reopening_takes_a_resolved_complaint_back_in_hand_and_it_can_close(
    db: Database, world: World
) -> None:
    complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0])
    merchandiser = world.merchandisers[0]
    await act(db, merchandiser, "resolve_complaint", complaint.id, "Credited the store.")
    await act(db, merchandiser, "reopen_complaint", complaint.id)
    assert (await complaint_row(db, world, complaint.id)).status == ComplaintStatus.IN_PROGRESS
    await act(db, merchandiser, "resolve_complaint", complaint.id, "Credited, and resent.")
    await act(db, merchandiser, "close_complaint", complaint.id)
    row = await complaint_row(db, world, complaint.id)
    assert row.status == ComplaintStatus.CLOSED and row.closed_at is not None


@pytest.mark.parametrize(
    ("steps", "refused_call"),
    [
        ((), "reopen_complaint"),
        ((), "close_complaint"),
        (("start_complaint",), "start_complaint"),
        (("close",), "resolve_complaint"),
        (("close",), "assign_complaint"),
    ],
)
async def test_moves_outside_the_table_are_refused(
    db: Database, world: World, steps: tuple[str, ...], refused_call: str
) -> None:
    merchandiser = world.merchandisers[0]
    complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0])
    for step in steps:
        if step == "close":
            await act(db, merchandiser, "resolve_complaint", complaint.id, "Done.")
            await act(db, merchandiser, "close_complaint", complaint.id)
        else:
            await act(db, merchandiser, step, complaint.id)
    before = (await complaint_row(db, world, complaint.id)).status
    args: tuple[object, ...] = (complaint.id,)
    if refused_call == "resolve_complaint":
        args += ("Again.",)
    if refused_call == "assign_complaint":
        args += (world.managers[0].user.id,)
    with pytest.raises(DomainError) as refused:
        await act(db, merchandiser, refused_call, *args)
    assert refused.value.code == ErrorCode.INVALID_TRANSITION
    assert (await complaint_row(db, world, complaint.id)).status == before


async def test_only_staff_serving_the_store_may_work_a_complaint(
    db: Database, world: World
) -> None:
    complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0])
    # The franchisee sees it but may not manage it; another merchandiser of the region sees the
    # store but does not serve it; a manager of another region does not even see it.
    with pytest.raises(Forbidden):
        await act(db, world.franchisees[0], "start_complaint", complaint.id)
    with pytest.raises(Forbidden):
        await act(db, world.merchandisers[1], "start_complaint", complaint.id)
    with pytest.raises(NotFound):
        await act(db, world.managers[1], "start_complaint", complaint.id)
    await act(db, world.managers[0], "start_complaint", complaint.id)
    assert (await complaint_row(db, world, complaint.id)).status == ComplaintStatus.IN_PROGRESS


async def test_a_franchisee_files_only_for_their_own_store(db: Database, world: World) -> None:
    with pytest.raises(NotFound):
        await file_complaint(db, world.franchisees[0].actor, world.stores[1])
    async with tenant_session(db, system(world.tenant)) as session:
        filed = list(
            await session.scalars(
                select(Notification.id).where(Notification.store_id == world.stores[1].id)
            )
        )
    assert filed == []


async def test_complaint_needs_a_description_within_limits(db: Database, world: World) -> None:
    for text, code in (("   ", ErrorCode.REQUIRED), ("x" * 4001, ErrorCode.INVALID)):
        with pytest.raises(DomainError) as refused:
            await file_complaint(db, world.franchisees[0].actor, world.stores[0], description=text)
        assert (refused.value.code, refused.value.errors[0].field) == (code, "description")


async def test_another_tenants_staff_cannot_reach_the_complaint(db: Database, world: World) -> None:
    complaint = await file_complaint(db, world.franchisees[0].actor, world.stores[0])
    other = await make_tenant(db)
    stranger = await make_member(db, other, Role.HQ_ADMIN)
    intruder = Actor(tenant_id=other.id, role=Role.HQ_ADMIN, user_id=stranger.user.id)
    async with tenant_session(db, intruder) as session:
        with pytest.raises(NotFound):
            await service.start_complaint(session, intruder, complaint.id)
