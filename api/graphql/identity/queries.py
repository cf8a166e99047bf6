"""Identity queries: the viewer, the tenant's members, and merchandisers with their workload."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from sqlalchemy import Select, func, or_, select

from api.graphql.context import Info
from api.graphql.identity.inputs import UserFilterInput
from api.graphql.identity.types import UserType, Viewer
from api.graphql.permissions import Authenticated, needs
from api.graphql.relay import Connection, decode_id
from domain.access.people import PersonView, person_condition
from domain.access.reach import Reach
from domain.errors import Invalid
from domain.identity.models import Membership, User
from domain.permissions import Actor, Permission, Role, reach
from domain.stores.models import Store, StoreStatus

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


def members_statement(actor: Actor, f: UserFilterInput) -> Select[Any]:
    """Members of the tenant the actor sees (domain.access.people) matching `f`, by name.

    The search matches an e-mail only where the actor sees it.
    """
    stmt = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(person_condition(actor, PersonView.NAME))
    )
    if f.role is not None:
        stmt = stmt.where(Membership.role == Role(f.role))
    if f.region_id is not None:
        stmt = stmt.where(
            Membership.region_id == decode_id(f.region_id, "Region", "filter.regionId")
        )
    if f.active is not None:
        active = Membership.is_active & User.is_active
        stmt = stmt.where(active if f.active else ~active)
    if f.search and f.search.strip():
        needle = f.search.strip().lower()
        if len(needle) > 100:
            raise Invalid("filter.search", "search text holds at most 100 characters")
        stmt = stmt.where(
            or_(
                func.lower(Membership.name).contains(needle, autoescape=True),
                func.lower(User.email).contains(needle, autoescape=True)
                & person_condition(actor, PersonView.CONTACT),
            )
        )
    return stmt.order_by(Membership.name, User.id)


def _own_region_only(actor: Actor) -> bool:
    """Whether the actor sees stores of its region only (so workloads elsewhere would read 0)."""
    return reach(actor, Permission.STORE_READ) != Reach.TENANT


@strawberry.type
class IdentityQueries:
    """Who am I, and who else is here."""

    @strawberry.field(description="The logged-in viewer.", permission_classes=[Authenticated])
    async def me(self, info: Info) -> Viewer:
        return await Viewer.load(info)

    @strawberry.field(
        description="The tenant's members (a franchisee's e-mail and phone only to those who serve them).",
        permission_classes=needs(Permission.USER_READ),
    )
    async def users(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            UserFilterInput | None, strawberry.argument(description="Which members.")
        ] = None,
    ) -> Connection[UserType]:
        stmt = members_statement(info.context.actor, filter or UserFilterInput())
        return await Connection[UserType].page(info, stmt, UserType.from_model, first, after)

    @strawberry.field(
        description="Merchandisers with their workload, the most loaded first, so that stores "
        "can be balanced (regional staff see their own region's).",
        permission_classes=needs(Permission.USER_READ),
    )
    async def merchandisers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_id: Annotated[
            strawberry.relay.GlobalID | None, strawberry.argument(description="Of this region.")
        ] = None,
    ) -> Connection[UserType]:
        actor = info.context.actor
        region = decode_id(region_id, "Region", "regionId") if region_id else None
        if _own_region_only(actor):
            if region is not None and region != actor.region_id:
                return Connection[UserType].from_rows([], 0, 0, 0, UserType.from_model)
            region = actor.region_id if actor.region_id is not None else -1
        served = (
            select(func.count(Store.id))
            .where(Store.merchandiser_id == User.id, Store.status != StoreStatus.CLOSED)
            .scalar_subquery()
        )
        stmt = members_statement(actor, UserFilterInput(role=Role.MERCHANDISER, active=True))
        stmt = stmt.order_by(None).order_by(served.desc(), Membership.name, User.id)
        if region is not None:
            stmt = stmt.where(Membership.region_id == region)
        return await Connection[UserType].page(info, stmt, UserType.from_model, first, after)
