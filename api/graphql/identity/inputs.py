"""GraphQL inputs and payloads for managing the tenant's people."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.graphql.errors import UserError
from api.graphql.identity.invitations import InvitationType
from api.graphql.identity.types import UserType
from domain.permissions import Role


@strawberry.input(description="A person to add to the tenant with one role.")
class UserCreateInput:
    """Who and with which role."""

    email: str = strawberry.field(
        description="Login e-mail (an e-mail that already has a login is invited instead)."
    )
    name: str = strawberry.field(description="Full name.")
    role: Role = strawberry.field(
        description="hq_admin, regional_manager, merchandiser or franchisee."
    )
    phone: str | None = strawberry.field(default=None, description="Phone.")
    password: str | None = strawberry.field(
        default=None,
        description="Initial password (at least 10 characters); without one the person cannot log in yet.",
    )
    region_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Region of a regional manager or merchandiser."
    )
    store_ids: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Stores a franchisee owns."
    )


@strawberry.input(description="A member's new role (with its region, or a franchisee's stores).")
class UserChangeRoleInput:
    """The new role."""

    id: relay.GlobalID = strawberry.field(description="The member.")
    role: Role = strawberry.field(description="The new role.")
    region_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Region of a regional manager or merchandiser."
    )
    store_ids: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="A franchisee's stores (the complete list)."
    )


@strawberry.input(description="A member to deactivate or reactivate.")
class UserIdInput:
    """Which member."""

    id: relay.GlobalID = strawberry.field(description="The member.")


@strawberry.input(description="Which members to list (all filters optional, combined with AND).")
class UserFilterInput:
    """Member list filters."""

    role: Role | None = strawberry.field(default=None, description="With this role.")
    region_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this region.")
    active: bool | None = strawberry.field(
        default=None, description="Only active (true) or deactivated (false) members."
    )
    search: str | None = strawberry.field(
        default=None, description="Text in the name or e-mail (any case)."
    )


@strawberry.type(description="Result of a member mutation.")
class UserPayload:
    """The member as saved, or why not."""

    user: UserType | None = strawberry.field(
        description="The member, when saved (null when the person was invited instead)."
    )
    invitation: InvitationType | None = strawberry.field(
        default=None,
        description="When the e-mail already has a login: the invitation made, holding only "
        "what was typed (the person becomes a member once they accept).",
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
