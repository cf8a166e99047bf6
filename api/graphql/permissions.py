"""Permission classes for fields and mutations: each declares what it needs; one function checks."""

from __future__ import annotations

from functools import cache
from typing import Any

from strawberry.permission import BasePermission

from domain.permissions import Permission, can


class Authenticated(BasePermission):
    """Any authenticated actor."""

    message = "authentication required"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry reads it as is

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return info.context.maybe_actor is not None


@cache
def requires(permission: Permission) -> type[BasePermission]:
    """A permission class granting access to actors who hold `permission` (at any reach).

    Whether the actor reaches the particular store is checked by the service, with the same
    function (domain.permissions.authorize).
    """

    def has_permission(self: BasePermission, source: Any, info: Any, **kwargs: Any) -> bool:
        actor = info.context.maybe_actor
        return actor is not None and can(actor, permission)

    return type(
        f"Requires_{permission.name}",
        (BasePermission,),
        {
            "message": f"not allowed: requires {permission.value}",
            "error_extensions": {"code": "FORBIDDEN"},
            "has_permission": has_permission,
        },
    )


def needs(permission: Permission) -> list[type[BasePermission]]:
    """Permission classes for a field: authenticated first (clear error), then the grant."""
    return [Authenticated, requires(permission)]
