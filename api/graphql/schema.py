"""The schema: every concept's queries and mutations merged, with the safety limits."""

from __future__ import annotations

from functools import cache

import strawberry
from strawberry import relay
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter

from api.graphql.errors import CodedErrors
from api.graphql.identity.queries import IdentityQueries
from api.graphql.permissions import Authenticated
from api.graphql.regions.mutations import RegionMutations
from api.graphql.regions.queries import RegionQueries
from domain.settings import Settings, get_settings


@strawberry.type
class NodeQueries:
    """Relay node lookup."""

    node: relay.Node | None = relay.node(
        description="Any object by its global id (null when missing or not visible).",
        permission_classes=[Authenticated],
    )


QUERY_TYPES: tuple[type, ...] = (
    NodeQueries,
    IdentityQueries,
    RegionQueries,
)

MUTATION_TYPES: tuple[type, ...] = (
    RegionMutations,
)


@strawberry.type(description="Everything that can be read.")
class Query(*QUERY_TYPES):  # type: ignore[misc]
    """Root query."""


@strawberry.type(description="Everything that can be changed.")
class Mutation(*MUTATION_TYPES):  # type: ignore[misc]
    """Root mutation."""


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The GraphQL schema with the configured depth, alias and token limits."""
    settings = settings or get_settings()
    return _schema(settings.graphql_max_depth, settings.graphql_max_aliases, settings.graphql_max_tokens)


@cache
def _schema(max_depth: int, max_aliases: int, max_tokens: int) -> strawberry.Schema:
    # Built once per process and set of limits: strawberry's relay fields cannot be bound twice.
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            lambda: QueryDepthLimiter(max_depth=max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=max_aliases),
            lambda: MaxTokensLimiter(max_token_count=max_tokens),
            CodedErrors,
        ],
    )
