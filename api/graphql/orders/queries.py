"""Order queries: one order, and the order history as a filtered, sorted connection."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.lookahead import selected
from api.graphql.orders.inputs import OrderFilter
from api.graphql.orders.types import OrderType
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from domain.errors import NotFound
from domain.orders import service
from domain.orders.service import OrderOrdering
from domain.permissions import Permission
from domain.tenancy.models import Tenant

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


def _filter(f: OrderFilter) -> service.OrderFilter:
    return service.OrderFilter(
        statuses=tuple(f.status or ()),
        store_id=decode_id(f.store_id, "Store", "filter.storeId") if f.store_id else None,
        region_id=decode_id(f.region_id, "Region", "filter.regionId") if f.region_id else None,
        merchandiser_id=decode_id(f.merchandiser_id, "User", "filter.merchandiserId")
        if f.merchandiser_id
        else None,
        created_from=f.created_from,
        created_to=f.created_to,
        number=f.number,
        approval_states=tuple(f.approval_state or ()),
    )


@strawberry.type
class OrderQueries:
    """Queries on orders."""

    @strawberry.field(
        description="One order by id (null when missing or not visible to the viewer).",
        permission_classes=needs(Permission.ORDER_READ),
    )
    async def order(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The order.")],
    ) -> OrderType | None:
        try:
            order = await service.visible_order(
                info.context.session, info.context.actor, decode_id(id, "Order", "id")
            )
        except NotFound:
            return None
        return OrderType.from_model(order)

    @strawberry.field(
        description=(
            "The viewer's orders (a franchisee: their stores' orders once sent; staff: the stores "
            "they see), filtered; newest first unless told otherwise: the order history."
        ),
        permission_classes=needs(Permission.ORDER_READ),
    )
    async def orders(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            OrderFilter | None, strawberry.argument(description="Which orders.")
        ] = None,
        order_by: Annotated[
            OrderOrdering, strawberry.argument(description="How to sort them.")
        ] = OrderOrdering.NEWEST,
    ) -> Connection[OrderType]:
        f = _filter(filter or OrderFilter())
        service.check_range(f)
        share = Decimal(0)
        if f.approval_states:  # the tenant's policy decides when approval is required
            tenant = await info.context.session.get(Tenant, info.context.actor.tenant_id)
            assert tenant is not None  # the viewer's tenant
            share = tenant.policies.service.merchandiser_over_budget_limit
        stmt = service.orders_statement(info.context.actor, f, order_by, share)
        # What every order's `lines` selects, worked out once for the page.
        line_fields = selected(info, "edges", "node", "lines")
        return await Connection[OrderType].page(
            info, stmt, partial(OrderType.from_model, line_fields=line_fields), first, after
        )
