"""Complaint queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.complaints.types import ComplaintFilter, ComplaintType
from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from domain.complaints.models import ComplaintStatus
from domain.complaints.service import complaints_statement
from domain.permissions import Permission
from domain.severity import Severity

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type
class ComplaintQueries:
    """Queries on complaints."""

    @strawberry.field(
        description="Complaints of the viewer's stores: unresolved first, nearest deadline first.",
        permission_classes=needs(Permission.COMPLAINT_READ),
    )
    async def complaints(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            ComplaintFilter | None, strawberry.argument(description="Which complaints.")
        ] = None,
    ) -> Connection[ComplaintType]:
        f = filter or ComplaintFilter()
        stmt = complaints_statement(
            info.context.actor,
            store_id=decode_id(f.store_id, "Store", "filter.storeId") if f.store_id else None,
            status=ComplaintStatus(f.status) if f.status else None,
            overdue=f.overdue,
            severity=Severity(f.severity) if f.severity else None,
        )
        return await Connection[ComplaintType].page(
            info, stmt, ComplaintType.from_model, first, after
        )
