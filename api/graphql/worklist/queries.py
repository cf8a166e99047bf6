"""The worklist query."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import Connection, page_window
from api.graphql.worklist.types import Labels, WorklistItemType
from domain.permissions import Permission
from domain.worklist.service import worklist

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type
class WorklistQueries:
    """Queries on the worklist."""

    @strawberry.field(
        description=(
            "What the viewer should act on, most urgent first: overdue complaints, escalated and "
            "pending proposals, unread messages, rejected proposals to follow up, open "
            "complaints, over-budget drafts for HQ to approve, drafts to review (a "
            "merchandiser's own stores, a regional manager's region, HQ's whole tenant)."
        ),
        permission_classes=needs(Permission.WORKLIST_READ),
    )
    async def worklist(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[WorklistItemType]:  # type: ignore[type-var]
        start, size = page_window(first, after)
        items, total = await worklist(info.context.session, info.context.actor, start, size + 1)
        labels = Labels(info)
        await labels.load(items[:size])
        # Worklist items are not nodes (they have no id of their own); the connection works alike.
        return Connection[WorklistItemType].from_rows(  # type: ignore[type-var]
            items, start, size, total, partial(WorklistItemType.from_item, labels=labels)
        )
