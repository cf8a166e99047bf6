"""GraphQL types for the viewer and users (members of the tenant, with their role and workload).

What a viewer sees of a person is decided once, by domain.access.people: every way to a
user (a list, `node`, a store's franchisee, a message's author …) loads them through
`person_loader`. A franchisee's e-mail and phone are personal data, shown to themselves, to HQ and
to those who hold the personal data of one of the stores they own; their name to those who see
one of their stores. Staff contacts are work contacts, shown to every member.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from sqlalchemy import select
from sqlalchemy.orm import defer
from strawberry import relay
from strawberry.dataloader import DataLoader

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.permissions import needs
from api.graphql.relay import ModelNode, decode_ids, global_id
from api.graphql.stores.workload import WorkloadType, workload_loader
from domain.access.people import PersonView, person_condition, person_views
from domain.db.lists import one_of
from domain.errors import NotFound
from domain.identity.models import Membership, User
from domain.permissions import Permission, Role, reach
from domain.regions.models import Region
from domain.tenancy.models import Tenant

if TYPE_CHECKING:
    from api.graphql.regions.types import RegionType

expose(
    Role,
    "Role",
    "A member's role in a tenant.",
    {
        "HQ_ADMIN": "Headquarters: sees and runs the whole tenant.",
        "REGIONAL_MANAGER": "Runs one region: its stores, merchandisers and targets.",
        "MERCHANDISER": "Picks for the stores they are dedicated to; reads their region.",
        "FRANCHISEE": "Owns one or more stores: confirms orders, talks to the merchandiser.",
        "INTEGRATION": "A machine client (API key or OAuth2), limited by its scopes.",
        "SYSTEM": "Background jobs and the command line.",
        "PLATFORM_ADMIN": "Operates the platform, outside tenants.",
    },
)


def membership_loader(info: Info) -> DataLoader[int, list[Membership]]:
    """Memberships (in this tenant: at most one) by user id."""
    return info.context.loaders.children(Membership.user_id)


def person_loader(info: Info) -> DataLoader[int, tuple[User, PersonView] | None]:
    """Members by user id, with how much of each the viewer sees (None: not at all)."""
    session, actor = info.context.session, info.context.actor

    async def batch(ids: list[int]) -> list[tuple[User, PersonView] | None]:
        found = await person_views(session, actor, ids)
        return [found.get(i) for i in ids]

    return info.context.loaders.custom("identity.people", batch)  # type: ignore[arg-type]


async def people_with_memberships(
    info: Info, user_ids: list[int]
) -> dict[int, tuple[User, PersonView, list[Membership]]]:
    """The members among `user_ids` the viewer sees, with how much and their membership here,
    in one statement: what `person_loader` and `membership_loader` answer in two (for a page
    that shows many people at once)."""
    if not user_ids:
        return {}
    contact = person_condition(info.context.actor, PersonView.CONTACT).label("contact")
    rows = await info.context.session.execute(
        select(User, Membership, contact)
        .join(Membership, Membership.user_id == User.id)
        .where(
            one_of(info.context.session, User.id, user_ids),
            person_condition(info.context.actor, PersonView.NAME),
        )
        .options(defer(User.password_hash))  # a read path: the hash stays in the database
    )
    found: dict[int, tuple[User, PersonView, list[Membership]]] = {}
    for user, membership, sees in rows:
        view = PersonView.CONTACT if sees else PersonView.NAME
        found.setdefault(user.id, (user, view, []))[2].append(membership)
    return found


async def _region(info: Info, region_id: int | None) -> RegionType | None:
    from api.graphql.regions.types import RegionType

    row = await info.context.loaders.by_id(Region).load(region_id) if region_id else None
    return RegionType.from_model(row) if row else None


@strawberry.type(name="Tenant", description="A franchise brand.")
class TenantType:
    """The tenant the viewer acts in."""

    slug: str = strawberry.field(description="Short identifier used at login.")
    name: str = strawberry.field(description="The brand's name.")
    locale: str = strawberry.field(description="Default language (zh-CN or en).")
    currency: str = strawberry.field(description="ISO currency of all amounts.")
    time_zone: str = strawberry.field(description="IANA time zone of the head office.")

    @classmethod
    def from_model(cls, row: Tenant) -> Self:
        return cls(
            slug=row.slug,
            name=row.name,
            locale=row.locale,
            currency=row.currency,
            time_zone=row.time_zone,
        )


@strawberry.type(name="User", description="A person with a login, as a member of this tenant.")
class UserType(ModelNode):
    """A user, as seen by members of the same tenant."""

    __model__ = User
    __read_permission__ = Permission.USER_READ

    id: relay.NodeID[int]
    row: strawberry.Private[User]
    # Whether the viewer sees the contacts, when already known (None: ask the person loader).
    contact: strawberry.Private[bool | None] = None
    # The person's memberships in this tenant, when preloaded with a page (None: the loader).
    memberships: strawberry.Private[list[Membership] | None] = None

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        ids = decode_ids(node_ids) if cls.may_read(info) else [-1 for _ in node_ids]
        rows = await person_loader(info).load_many(ids)
        nodes = [cls.from_model(r[0]) if r is not None else None for r in rows]
        if required and any(n is None for n in nodes):
            raise NotFound("user")
        return nodes

    async def _membership(self, info: Info) -> Membership | None:
        if self.memberships is not None:
            return self.memberships[0] if self.memberships else None
        rows = await membership_loader(info).load(self.id)
        return rows[0] if rows else None

    @classmethod
    async def load(cls, info: Info, user_id: int | None) -> Self | None:
        """The user with this id, if the viewer may see them (the one way to a user by id)."""
        found = await person_loader(info).load(user_id) if user_id else None
        return cls.from_model(found[0]) if found is not None else None

    async def _contact_visible(self, info: Info) -> bool:
        if self.contact is not None:
            return self.contact
        found = await person_loader(info).load(self.id)
        return found is not None and found[1] == PersonView.CONTACT

    @strawberry.field(description="Full name, as this tenant knows the person.", graphql_type=str)
    def name(self, info: Info) -> str | Awaitable[str]:
        # Sync when a page preloaded the memberships (no per-row await); else through the loader.
        if self.memberships is not None:
            return self._name(self.memberships[0] if self.memberships else None)
        return self._loaded_name(info)

    async def _loaded_name(self, info: Info) -> str:
        return self._name(await self._membership(info))

    def _name(self, membership: Membership | None) -> str:
        # outside a membership only the person themselves is shown (the viewer's own login)
        return membership.name if membership is not None else self.row.name

    @strawberry.field(description="Login e-mail (a franchisee's only to those who serve them).")
    async def email(self, info: Info) -> str | None:
        return self.row.email if await self._contact_visible(info) else None

    @strawberry.field(description="Phone (a franchisee's only to those who serve them).")
    async def phone(self, info: Info) -> str | None:
        if not await self._contact_visible(info):
            return None
        membership = await self._membership(info)
        return membership.phone if membership is not None else self.row.phone

    @strawberry.field(description="Role in this tenant (null when not a member).")
    async def role(self, info: Info) -> Role | None:
        membership = await self._membership(info)
        return membership.role if membership else None

    @strawberry.field(description="Region of a regional manager or merchandiser.")
    async def region(
        self, info: Info
    ) -> Annotated[RegionType, strawberry.lazy("api.graphql.regions.types")] | None:
        membership = await self._membership(info)
        return await _region(info, membership.region_id if membership else None)

    @strawberry.field(description="Whether the person may log in to this tenant.")
    async def is_active(self, info: Info) -> bool:
        membership = await self._membership(info)
        return bool(membership and membership.is_active and self.row.is_active)

    @strawberry.field(
        description="A merchandiser's workload (null for other roles).",
        permission_classes=needs(Permission.USER_READ),
    )
    async def workload(self, info: Info) -> WorkloadType | None:
        membership = await self._membership(info)
        if membership is None or membership.role != Role.MERCHANDISER:
            return None
        return WorkloadType.of(await workload_loader(info).load(self.id))

    @classmethod
    def from_model(cls, row: User) -> Self:
        return cls(id=row.id, row=row)


@strawberry.type(description="Who is logged in, in which tenant, and what they may do.")
class Viewer:
    """The authenticated actor."""

    role: Role = strawberry.field(description="Role in this tenant.")
    user: UserType | None = strawberry.field(description="The person (null for integrations).")
    tenant: TenantType | None = strawberry.field(description="The tenant acted in.")
    region_id: relay.GlobalID | None = strawberry.field(
        description="Region of a regional manager or merchandiser."
    )
    permissions: list[str] = strawberry.field(description="Every permission held, at any reach.")

    @strawberry.field(description="Region of a regional manager or merchandiser.")
    async def region(
        self, info: Info
    ) -> Annotated[RegionType, strawberry.lazy("api.graphql.regions.types")] | None:
        return await _region(info, info.context.actor.region_id)

    @classmethod
    async def load(cls, info: Info) -> Self:
        actor = info.context.actor
        session = info.context.session
        user = await info.context.loaders.by_id(User).load(actor.user_id) if actor.user_id else None
        tenant = await session.get(Tenant, actor.tenant_id) if actor.tenant_id else None
        return cls(
            role=actor.role,
            user=UserType.from_model(user) if user else None,
            tenant=TenantType.from_model(tenant) if tenant else None,
            region_id=global_id("Region", actor.region_id) if actor.region_id else None,
            permissions=sorted(p.value for p in Permission if reach(actor, p) is not None),
        )
