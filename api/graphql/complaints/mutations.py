"""Complaint mutations: create, assign, start, resolve, close, reopen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from api.graphql.complaints.types import (
    ComplaintAssignInput,
    ComplaintCreateInput,
    ComplaintIdInput,
    ComplaintPayload,
    ComplaintPhotoAddInput,
    ComplaintPhotoPayload,
    ComplaintPhotoType,
    ComplaintReopenInput,
    ComplaintResolveInput,
    ComplaintType,
)
from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.complaints import photos, service
from domain.complaints.models import Complaint, ComplaintCategory
from domain.complaints.photos import MAX_UPLOAD_BYTES
from domain.errors import Invalid
from domain.permissions import Permission
from domain.severity import Severity
from domain.storage.files import file_store


async def read_upload(upload: Any, limit: int, field: str = "file") -> bytes:
    """The uploaded file's bytes, refused (INVALID on `field`) past `limit` without reading on."""
    read = getattr(upload, "read", None)
    if read is None:
        raise Invalid(field, "send the file as a multipart upload")
    data = await read(limit + 1)
    if not isinstance(data, bytes):
        raise Invalid(field, "send the file as a multipart upload")
    if len(data) > limit:
        raise Invalid(field, f"a photo is at most {limit // (1024 * 1024)} MB")
    return data


async def _run(info: Info, action: Callable[[], Awaitable[Complaint]]) -> ComplaintPayload:
    async def run() -> ComplaintPayload:
        return ComplaintPayload(complaint=ComplaintType.from_model(await action()), user_errors=[])

    return await mutate(info, run, refusal(ComplaintPayload))


@strawberry.type
class ComplaintMutations:
    """Mutations on complaints."""

    @strawberry.mutation(
        description="File (franchisee) or log (staff) a complaint; it goes to the store's merchandiser.",
        permission_classes=needs(Permission.COMPLAINT_CREATE),
    )
    async def complaint_create(
        self,
        info: Info,
        input: Annotated[
            ComplaintCreateInput, strawberry.argument(description="The complaint to file.")
        ],
    ) -> ComplaintPayload:
        async def action() -> Complaint:
            return await service.create_complaint(
                info.context.session,
                info.context.actor,
                decode_id(input.store_id, "Store", "storeId"),
                ComplaintCategory(input.category),
                Severity(input.severity),
                input.description,
                order_id=decode_id(input.order_id, "Order", "orderId") if input.order_id else None,
                shipment_id=decode_id(input.shipment_id, "Shipment", "shipmentId")
                if input.shipment_id
                else None,
            )

        return await _run(info, action)

    @strawberry.mutation(
        description="Attach a photo to a complaint (a GraphQL multipart request): whoever may "
        "file complaints for its store, until it is closed; at most 10 per complaint.",
        permission_classes=needs(Permission.COMPLAINT_CREATE),
    )
    async def complaint_photo_add(
        self,
        info: Info,
        input: Annotated[
            ComplaintPhotoAddInput, strawberry.argument(description="The complaint and the file.")
        ],
    ) -> ComplaintPhotoPayload:
        session = info.context.session

        async def run() -> ComplaintPhotoPayload:
            complaint_id = decode_id(input.complaint_id, "Complaint", "complaintId")
            data = await read_upload(input.file, MAX_UPLOAD_BYTES)
            files = file_store(info.context.settings)
            photo = await photos.add_photo(session, info.context.actor, complaint_id, data, files)
            complaint = await session.get(Complaint, complaint_id)
            return ComplaintPhotoPayload(
                photo=ComplaintPhotoType.from_model(photo),
                complaint=ComplaintType.from_model(complaint) if complaint else None,
                user_errors=[],
            )

        return await mutate(info, run, refusal(ComplaintPhotoPayload))

    @strawberry.mutation(
        description="Give a complaint to a staff member serving its store.",
        permission_classes=needs(Permission.COMPLAINT_MANAGE),
    )
    async def complaint_assign(
        self,
        info: Info,
        input: Annotated[
            ComplaintAssignInput, strawberry.argument(description="The complaint and who takes it.")
        ],
    ) -> ComplaintPayload:
        async def action() -> Complaint:
            return await service.assign_complaint(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Complaint", "id"),
                decode_id(input.assignee_id, "User", "assigneeId"),
            )

        return await _run(info, action)

    @strawberry.mutation(
        description="Start working on a complaint.",
        permission_classes=needs(Permission.COMPLAINT_MANAGE),
    )
    async def complaint_start(
        self,
        info: Info,
        input: Annotated[ComplaintIdInput, strawberry.argument(description="The complaint.")],
    ) -> ComplaintPayload:
        async def action() -> Complaint:
            return await service.start_complaint(
                info.context.session, info.context.actor, decode_id(input.id, "Complaint", "id")
            )

        return await _run(info, action)

    @strawberry.mutation(
        description="Resolve a complaint with what was done; the franchisee is told.",
        permission_classes=needs(Permission.COMPLAINT_MANAGE),
    )
    async def complaint_resolve(
        self,
        info: Info,
        input: Annotated[
            ComplaintResolveInput,
            strawberry.argument(description="The complaint and its resolution."),
        ],
    ) -> ComplaintPayload:
        async def action() -> Complaint:
            return await service.resolve_complaint(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Complaint", "id"),
                input.resolution,
            )

        return await _run(info, action)

    @strawberry.mutation(
        description="Close a resolved complaint: the person who filed it accepts the resolution "
        "(the assignee is told), or staff handling the store's complaints close it.",
        permission_classes=needs(Permission.COMPLAINT_READ),
    )
    async def complaint_close(
        self,
        info: Info,
        input: Annotated[ComplaintIdInput, strawberry.argument(description="The complaint.")],
    ) -> ComplaintPayload:
        async def action() -> Complaint:
            return await service.close_complaint(
                info.context.session, info.context.actor, decode_id(input.id, "Complaint", "id")
            )

        return await _run(info, action)

    @strawberry.mutation(
        description="Take a resolved complaint back in hand with a new deadline: the person who "
        "filed it (saying why) or staff handling the store's complaints; the assignee is told.",
        permission_classes=needs(Permission.COMPLAINT_READ),
    )
    async def complaint_reopen(
        self,
        info: Info,
        input: Annotated[
            ComplaintReopenInput, strawberry.argument(description="The complaint, and why.")
        ],
    ) -> ComplaintPayload:
        async def action() -> Complaint:
            return await service.reopen_complaint(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Complaint", "id"),
                input.reason,
            )

        return await _run(info, action)
