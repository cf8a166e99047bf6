"""The schema: every concept's queries and mutations merged, with the safety limits."""

from __future__ import annotations

from functools import cache

import strawberry
from strawberry import relay
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter

from api.graphql.catalogue.mutations import CatalogueMutations
from api.graphql.catalogue.queries import CatalogueQueries
from api.graphql.complaints.mutations import ComplaintMutations
from api.graphql.complaints.queries import ComplaintQueries
from api.graphql.errors import CodedErrors
from api.graphql.forecast.queries import ForecastQueries
from api.graphql.identity.keys import CredentialMutations, CredentialQueries
from api.graphql.identity.mutations import IdentityMutations
from api.graphql.identity.queries import IdentityQueries
from api.graphql.imports.mutations import ImportMutations
from api.graphql.messages.mutations import MessageMutations
from api.graphql.messages.queries import MessageQueries
from api.graphql.notifications.queries import NotificationQueries
from api.graphql.orders.mutations import OrderMutations
from api.graphql.orders.queries import OrderQueries
from api.graphql.passport.mutations import PassportMutations
from api.graphql.passport.queries import PassportQueries
from api.graphql.permissions import Authenticated
from api.graphql.policies.mutations import PolicyMutations
from api.graphql.policies.queries import PolicyQueries
from api.graphql.recommendations.mutations import RecommendationMutations
from api.graphql.recommendations.queries import RecommendationQueries
from api.graphql.regions.mutations import RegionMutations
from api.graphql.regions.queries import RegionQueries
from api.graphql.sales.mutations import SalesMutations
from api.graphql.sales.queries import SalesQueries
from api.graphql.shipments.mutations import ShipmentMutations
from api.graphql.shipments.queries import ShipmentQueries
from api.graphql.stock.mutations import StockMutations
from api.graphql.stock.queries import StockQueries
from api.graphql.stores.mutations import StoreMutations
from api.graphql.stores.queries import StoreQueries
from api.graphql.surveys.mutations import SurveyMutations
from api.graphql.surveys.queries import SurveyQueries
from api.graphql.worklist.queries import WorklistQueries
from api.observability import OperationMetrics
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
    CatalogueQueries,
    StockQueries,
    SalesQueries,
    NotificationQueries,
    MessageQueries,
    ComplaintQueries,
    WorklistQueries,
    StoreQueries,
    PassportQueries,
    CredentialQueries,
    OrderQueries,
    ShipmentQueries,
    SurveyQueries,
    PolicyQueries,
    ForecastQueries,
    RecommendationQueries,
)

MUTATION_TYPES: tuple[type, ...] = (
    RegionMutations,
    CatalogueMutations,
    StockMutations,
    SalesMutations,
    MessageMutations,
    ComplaintMutations,
    StoreMutations,
    PassportMutations,
    IdentityMutations,
    CredentialMutations,
    OrderMutations,
    ImportMutations,
    ShipmentMutations,
    SurveyMutations,
    PolicyMutations,
    RecommendationMutations,
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
    return _schema(
        settings.graphql_max_depth, settings.graphql_max_aliases, settings.graphql_max_tokens
    )


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
            OperationMetrics,
        ],
    )
