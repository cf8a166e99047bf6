"""`POST /webhooks/carriers/{carrier}?tenant=SLUG`: a carrier reports one tracking event.

The carrier signs the body with the tenant's secret for it (see domain.shipments.tracking for
the headers and the body). Answers: 200 with what was done (`applied`, `recorded` for an event
older than what is known, `duplicate` for a redelivery); 401 when the signature or timestamp
is bad (nothing changes); 400 for a bad body; 404 for an unknown carrier or tracking number.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.permissions import Actor
from domain.settings import Settings
from domain.shipments.carriers import CARRIERS
from domain.shipments.tracking import MAX_BODY, Receipt, receive
from domain.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

TENANT_HEADER = "X-Peihuo-Tenant"
STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.INVALID: 400,
    ErrorCode.REQUIRED: 400,
}


def _error(status: int, code: str, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def _refused(error: DomainError) -> JSONResponse:
    fields = [{"field": e.field, "message": e.message} for e in error.errors if e.field]
    extra = {"fields": fields} if fields else {}
    return _error(STATUS.get(error.code, 409), error.code.value, error.message, **extra)


async def _tenant_id(db: Database, slug: str) -> int | None:
    async with db.session() as session:
        return await session.scalar(select(Tenant.id).where(Tenant.slug == slug))


async def _ingest(
    db: Database, settings: Settings, tenant_id: int, carrier: str, body: bytes, request: Request
) -> Receipt:
    actor = Actor.system(tenant_id, label=f"carrier:{carrier}")
    async with tenant_session(db, actor) as session:
        receipt = await receive(
            session,
            settings,
            carrier,
            body,
            request.headers.get(TIMESTAMP_HEADER, ""),
            request.headers.get(SIGNATURE_HEADER, ""),
        )
        await session.commit()
        return receipt


async def carrier_webhook(request: Request) -> Response:
    """Receive one signed carrier event."""
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    carrier = request.path_params["carrier"]
    if carrier not in CARRIERS:
        return _error(404, "NOT_FOUND", f"unknown carrier {carrier!r}")
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        return _error(413, "INVALID", f"body larger than {MAX_BODY} bytes")
    body = await request.body()
    slug = request.query_params.get("tenant") or request.headers.get(TENANT_HEADER, "")
    tenant_id = await _tenant_id(db, slug) if slug else None
    if tenant_id is None:
        # Without a tenant there is no secret to check the signature with.
        return _error(401, "UNAUTHENTICATED", "unknown or missing tenant (?tenant=SLUG)")
    for attempt in (1, 2):
        try:
            receipt = await _ingest(db, settings, tenant_id, carrier, body, request)
        except DomainError as error:
            return _refused(error)
        except IntegrityError:
            # The same event delivered twice at once: the second run finds it recorded.
            if attempt == 2:
                raise
            continue
        break
    shipment = receipt.shipment
    return JSONResponse(
        {
            "result": receipt.outcome.value,
            "event_id": receipt.event.event_id,
            "shipment": {
                "tracking_number": shipment.tracking_number,
                "status": shipment.status.value,
                "estimated_delivery": shipment.estimated_delivery.isoformat()
                if shipment.estimated_delivery
                else None,
            },
        }
    )


routes = [Route("/webhooks/carriers/{carrier}", carrier_webhook, methods=["POST"])]
