"""`GET /complaints/photos/{id}`: a complaint photo, authenticated like /graphql.

Answered only to whoever may read the complaint (NOT_FOUND otherwise, as if it did not
exist), never cached by shared caches, and never sniffed into something other than an image.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.auth.credentials import authenticate
from api.graphql.relay import decode_id
from domain.complaints.photos import photo_for
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.settings import Settings
from domain.storage.files import file_store
from domain.tenancy.session import tenant_session

_STATUS = {ErrorCode.UNAUTHENTICATED: 401, ErrorCode.FORBIDDEN: 403, ErrorCode.NOT_FOUND: 404}


async def complaint_photo(request: Request) -> Response:
    """The photo's bytes, with its content type."""
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    try:
        actor = await authenticate(request, db, settings)
        if actor is None:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "authentication required")
        async with tenant_session(db, actor) as session:
            photo = await photo_for(
                session, actor, decode_id(request.path_params["id"], "ComplaintPhoto", "id")
            )
            data = await file_store(settings).get(photo.storage_key)
    except DomainError as error:
        first = error.errors[0]
        return JSONResponse(
            {"error": first.code.value, "message": error.message, "field": first.field},
            status_code=_STATUS.get(first.code, 400),
        )
    extension = "png" if photo.content_type == "image/png" else "jpg"
    return Response(
        data,
        media_type=photo.content_type,
        headers={
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Content-Disposition": (
                f'inline; filename="complaint-{photo.complaint_id}-photo-{photo.id}.{extension}"'
            ),
        },
    )


routes = [Route("/complaints/photos/{id}", complaint_photo, methods=["GET"])]
