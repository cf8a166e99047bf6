"""GraphQL types for complaints."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.errors import UserError
from api.graphql.identity.types import UserType
from api.graphql.relay import ModelNode, global_id
from domain import clock
from domain.complaints.models import (
    Complaint,
    ComplaintCategory,
    ComplaintPhoto,
    ComplaintStatus,
    Escalation,
)
from domain.complaints.service import OPEN_STATUSES
from domain.permissions import Role
from domain.severity import Severity

expose(
    ComplaintCategory,
    "ComplaintCategory",
    "What a complaint is about.",
    {
        "WRONG_GOODS": "Goods other than the ones ordered arrived.",
        "SHORTAGE": "Fewer units arrived than were shipped.",
        "DAMAGED": "Goods arrived damaged.",
        "QUALITY": "The goods themselves are faulty.",
        "LATE_DELIVERY": "The delivery came late.",
        "PICK_ACCURACY": "The pick did not suit the store.",
        "SERVICE": "The service (merchandiser, communication) fell short.",
        "OTHER": "Anything else.",
    },
)
expose(
    Severity,
    "ComplaintSeverity",
    "How bad it is; sets the deadline.",
    {
        "LOW": "Minor; the longest deadline.",
        "MEDIUM": "Needs an answer within days.",
        "HIGH": "Hurts the store's trade; answered within a day.",
        "CRITICAL": "Stops the store's trade; answered within hours.",
    },
)
expose(
    ComplaintStatus,
    "ComplaintStatus",
    "Where a complaint is.",
    {
        "OPEN": "Filed, nobody working on it yet.",
        "IN_PROGRESS": "Someone is working on it.",
        "RESOLVED": "A resolution was given; the store may reopen it.",
        "CLOSED": "Done.",
    },
)
expose(
    Escalation,
    "ComplaintEscalation",
    "Who has been called in because the deadline passed.",
    {
        "NONE": "Nobody yet: within its deadline.",
        "REGION": "The regional manager, when the deadline passed.",
        "HQ": "Headquarters, one more SLA period later.",
    },
)


async def _user(info: Info, user_id: int | None) -> UserType | None:
    return await UserType.load(info, user_id)


PHOTO_PATH = "/complaints/photos/{id}"


@strawberry.type(
    name="ComplaintPhoto",
    description="A photo attached to a complaint, re-encoded on upload (no metadata kept).",
)
class ComplaintPhotoType(ModelNode):
    """A complaint photo."""

    __model__ = ComplaintPhoto

    id: relay.NodeID[int]
    content_type: str = strawberry.field(description="image/jpeg or image/png.")
    size_bytes: int = strawberry.field(description="Size of the stored image, in bytes.")
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")
    created_at: datetime = strawberry.field(description="When it was uploaded.")
    uploaded_by_pk: strawberry.Private[int | None]

    @strawberry.field(
        description="Where to download it: a path on this server, answered only with the same "
        "credentials (Authorization header) as the API and to whoever may read the complaint."
    )
    def url(self) -> str:
        return PHOTO_PATH.format(id=global_id("ComplaintPhoto", self.id))

    @strawberry.field(description="Who uploaded it.")
    async def uploaded_by(self, info: Info) -> UserType | None:
        return await _user(info, self.uploaded_by_pk)

    @classmethod
    def from_model(cls, row: ComplaintPhoto) -> Self:
        return cls(
            id=row.id,
            content_type=row.content_type,
            size_bytes=row.size_bytes,
            width=row.width,
            height=row.height,
            created_at=row.created_at,
            uploaded_by_pk=row.uploaded_by_id,
        )


@strawberry.type(name="Complaint", description="A complaint of a store, tracked to a deadline.")
class ComplaintType(ModelNode):
    """A complaint."""

    __model__ = Complaint

    id: relay.NodeID[int]
    category: ComplaintCategory = strawberry.field(description="What it is about.")
    severity: Severity = strawberry.field(description="How bad it is.")
    status: ComplaintStatus = strawberry.field(description="Open, in progress, resolved or closed.")
    description: str = strawberry.field(description="What the store says happened.")
    filed_by_role: Role = strawberry.field(
        description="Filed by the franchisee or logged by staff."
    )
    due_at: datetime = strawberry.field(
        description="Deadline, from the tenant's SLA for the severity."
    )
    escalation: Escalation = strawberry.field(description="Who has been called in.")
    escalated_at: datetime | None = strawberry.field(description="When it was last escalated.")
    resolution: str | None = strawberry.field(description="How it was resolved.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    created_at: datetime = strawberry.field(description="When it was filed.")
    store_pk: strawberry.Private[int]
    order_pk: strawberry.Private[int | None]
    shipment_pk: strawberry.Private[int | None]
    filed_by_pk: strawberry.Private[int | None]
    assignee_pk: strawberry.Private[int | None]
    resolved_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="The store.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="The order it is about, if any.")
    def order_id(self) -> relay.GlobalID | None:
        return global_id("Order", self.order_pk) if self.order_pk else None

    @strawberry.field(description="The shipment it is about, if any.")
    def shipment_id(self) -> relay.GlobalID | None:
        return global_id("Shipment", self.shipment_pk) if self.shipment_pk else None

    @strawberry.field(description="Unresolved past its deadline.")
    def overdue(self) -> bool:
        return self.status in OPEN_STATUSES and self.due_at < clock.now()

    @strawberry.field(description="Who filed or logged it.")
    async def filed_by(self, info: Info) -> UserType | None:
        return await _user(info, self.filed_by_pk)

    @strawberry.field(description="Who handles it.")
    async def assignee(self, info: Info) -> UserType | None:
        return await _user(info, self.assignee_pk)

    @strawberry.field(description="Who resolved it.")
    async def resolved_by(self, info: Info) -> UserType | None:
        return await _user(info, self.resolved_by_pk)

    @strawberry.field(description="Photos attached to it, in upload order.")
    async def photos(self, info: Info) -> list[ComplaintPhotoType]:
        loader = info.context.loaders.children(
            ComplaintPhoto.complaint_id, order_by=[ComplaintPhoto.id]
        )
        return [ComplaintPhotoType.from_model(row) for row in await loader.load(self.id)]

    @classmethod
    def from_model(cls, row: Complaint) -> Self:
        return cls(
            id=row.id,
            category=row.category,
            severity=row.severity,
            status=row.status,
            description=row.description,
            filed_by_role=row.filed_by_role,
            due_at=row.due_at,
            escalation=row.escalation,
            escalated_at=row.escalated_at,
            resolution=row.resolution,
            resolved_at=row.resolved_at,
            closed_at=row.closed_at,
            created_at=row.created_at,
            store_pk=row.store_id,
            order_pk=row.order_id,
            shipment_pk=row.shipment_id,
            filed_by_pk=row.filed_by_id,
            assignee_pk=row.assignee_id,
            resolved_by_pk=row.resolved_by_id,
        )


@strawberry.input(description="Which complaints to list.")
class ComplaintFilter:
    """Complaint filters (all optional, combined with AND)."""

    store_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this store.")
    status: ComplaintStatus | None = strawberry.field(default=None, description="In this status.")
    overdue: bool | None = strawberry.field(
        default=None, description="Only overdue (true) or not overdue (false)."
    )
    severity: Severity | None = strawberry.field(default=None, description="Of this severity.")


@strawberry.input(description="A new complaint.")
class ComplaintCreateInput:
    """What the complaint is."""

    store_id: relay.GlobalID = strawberry.field(description="The store complaining.")
    category: ComplaintCategory = strawberry.field(description="What it is about.")
    severity: Severity = strawberry.field(description="How bad it is.")
    description: str = strawberry.field(description="What happened.")
    order_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The order it is about."
    )
    shipment_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The shipment it is about."
    )


@strawberry.input(description="Give a complaint to someone.")
class ComplaintAssignInput:
    """Who handles the complaint."""

    id: relay.GlobalID = strawberry.field(description="The complaint.")
    assignee_id: relay.GlobalID = strawberry.field(description="A staff member serving the store.")


@strawberry.input(description="Resolve a complaint.")
class ComplaintResolveInput:
    """How the complaint was resolved."""

    id: relay.GlobalID = strawberry.field(description="The complaint.")
    resolution: str = strawberry.field(description="What was done.")


@strawberry.input(description="A complaint to move (start, close).")
class ComplaintIdInput:
    """Which complaint."""

    id: relay.GlobalID = strawberry.field(description="The complaint.")


@strawberry.input(description="Reopen a resolved complaint.")
class ComplaintReopenInput:
    """Which complaint, and why the resolution did not hold."""

    id: relay.GlobalID = strawberry.field(description="The complaint.")
    reason: str | None = strawberry.field(
        default=None,
        description="Why it is reopened: required from the person who filed it; the assignee "
        "is told (at most 4,000 characters).",
    )


@strawberry.input(description="A photo to attach to a complaint (a multipart upload).")
class ComplaintPhotoAddInput:
    """Which complaint, and the file."""

    complaint_id: relay.GlobalID = strawberry.field(description="The complaint.")
    file: Upload = strawberry.field(
        description="A JPEG, PNG or WebP image of at most 10 MB and 40 megapixels, sent as a "
        "GraphQL multipart request; it is re-encoded (EXIF and other metadata dropped)."
    )


@strawberry.type(description="Result of attaching a photo.")
class ComplaintPhotoPayload:
    """The photo and its complaint, or why nothing was attached."""

    photo: ComplaintPhotoType | None = strawberry.field(description="The photo, when attached.")
    complaint: ComplaintType | None = strawberry.field(description="The complaint.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of a complaint mutation.")
class ComplaintPayload:
    """The complaint as saved, or why it was not."""

    complaint: ComplaintType | None = strawberry.field(description="The complaint, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
