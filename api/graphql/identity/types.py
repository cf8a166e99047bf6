"""GraphQL types for the viewer and users."""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.relay import ModelNode, global_id
from domain.identity.models import User
from domain.permissions import Permission, Role, reach
from domain.tenancy.models import Tenant

RoleEnum = strawberry.enum(Role, name="Role", description="A member's role in a tenant.")


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
        return cls(slug=row.slug, name=row.name, locale=row.locale, currency=row.currency, time_zone=row.time_zone)


@strawberry.type(name="User", description="A person with a login.")
class UserType(ModelNode):
    """A user, as seen by members of the same tenant."""

    __model__ = User

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Full name.")
    email: str = strawberry.field(description="Login e-mail.")

    @classmethod
    def from_model(cls, row: User) -> Self:
        return cls(id=row.id, name=row.name, email=row.email)


@strawberry.type(description="Who is logged in, in which tenant, and what they may do.")
class Viewer:
    """The authenticated actor."""

    role: RoleEnum = strawberry.field(description="Role in this tenant.")  # type: ignore[valid-type]
    user: UserType | None = strawberry.field(description="The person (null for integrations).")
    tenant: TenantType | None = strawberry.field(description="The tenant acted in.")
    region_id: relay.GlobalID | None = strawberry.field(
        description="Region of a regional manager or merchandiser."
    )
    permissions: list[str] = strawberry.field(description="Every permission held, at any reach.")

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
