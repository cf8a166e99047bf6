"""`GET /orders/{id}/export.csv|.xlsx`: an order as a file, authenticated like /graphql."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.auth.credentials import authenticate
from api.graphql.relay import decode_id
from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.imports.tabular import table_bytes
from domain.orders.export import order_table
from domain.settings import Settings
from domain.tenancy.session import tenant_session

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_STATUS = {ErrorCode.UNAUTHENTICATED: 401, ErrorCode.FORBIDDEN: 403, ErrorCode.NOT_FOUND: 404}


def _error(error: DomainError) -> JSONResponse:
    first = error.errors[0]
    return JSONResponse(
        {"error": first.code.value, "message": error.message, "field": first.field},
        status_code=_STATUS.get(first.code, 400),
    )


async def export_order(request: Request) -> Response:
    """The order's lines as CSV or XLSX (a franchisee: only their stores' sent orders)."""
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    suffix = request.path_params["format"]
    try:
        if suffix not in MEDIA_TYPES:
            raise DomainError(ErrorCode.INVALID, "export as .csv or .xlsx", "format")
        actor = await authenticate(request, db, settings)
        if actor is None:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "authentication required")
        async with tenant_session(db, actor) as session:
            order_id = decode_id(request.path_params["id"], "Order", "id")
            table = await order_table(session, actor, order_id)
    except DomainError as error:
        return _error(error)
    return Response(
        table_bytes(f".{suffix}", table.columns, table.rows),
        media_type=MEDIA_TYPES[suffix],
        headers={"Content-Disposition": f'attachment; filename="{table.name}.{suffix}"'},
    )


routes = [Route("/orders/{id}/export.{format}", export_order, methods=["GET"])]
