"""The schema: every concept's queries and mutations merged, with the safety limits."""

from __future__ import annotations

import inspect
from functools import cache
from typing import Annotated

import strawberry
from strawberry import relay

from api.graphql.caches import cache_extensions
from api.graphql.catalogue.mutations import CatalogueMutations
from api.graphql.catalogue.queries import CatalogueQueries
from api.graphql.complaints.mutations import ComplaintMutations
from api.graphql.complaints.queries import ComplaintQueries
from api.graphql.context import Info
from api.graphql.errors import CodedErrors, LoggedSchema
from api.graphql.execution import PlainLeafExecutionContext
from api.graphql.forecast.queries import ForecastQueries
from api.graphql.identity.invitations import InvitationMutations, InvitationQueries
from api.graphql.identity.keys import CredentialMutations, CredentialQueries
from api.graphql.identity.mutations import IdentityMutations
from api.graphql.identity.queries import IdentityQueries
from api.graphql.imports.mutations import ImportMutations
from api.graphql.limits import DocumentLimits
from api.graphql.messages.mutations import MessageMutations
from api.graphql.messages.queries import MessageQueries
from api.graphql.notifications.queries import NotificationQueries
from api.graphql.orders.mutations import OrderMutations
from api.graphql.orders.queries import OrderQueries
from api.graphql.passport.mutations import PassportMutations
from api.graphql.passport.queries import PassportQueries
from api.graphql.permissions import Authenticated
from api.graphql.policies.deletion import TenantDeletionMutations
from api.graphql.policies.mutations import PolicyMutations
from api.graphql.policies.queries import PolicyQueries
from api.graphql.recommendations.mutations import RecommendationMutations
from api.graphql.recommendations.queries import RecommendationQueries
from api.graphql.regions.mutations import RegionMutations
from api.graphql.regions.queries import RegionQueries
from api.graphql.relay import node_type
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

    @strawberry.field(
        description="Any object by its global id (null when missing or not visible).",
        permission_classes=[Authenticated],
    )
    async def node(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        # An id of no node type is NOT_FOUND; one whose key can name no row resolves to null.
        resolved = node_type(info, id).resolve_node(id.node_id, info=info, required=False)
        return await resolved if inspect.isawaitable(resolved) else resolved


QUERY_TYPES: tuple[type, ...] = (
    NodeQueries,
    IdentityQueries,
    InvitationQueries,
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
    InvitationMutations,
    CredentialMutations,
    OrderMutations,
    ImportMutations,
    ShipmentMutations,
    SurveyMutations,
    PolicyMutations,
    TenantDeletionMutations,
    RecommendationMutations,
)


@strawberry.type(description="Everything that can be read.")
class Query(*QUERY_TYPES):  # type: ignore[misc]
    """Root query."""


@strawberry.type(description="Everything that can be changed.")
class Mutation(*MUTATION_TYPES):  # type: ignore[misc]
    """Root mutation."""


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The GraphQL schema with the configured document limits and introspection rule."""
    settings = settings or get_settings()
    return _schema(
        settings.graphql_max_document_chars,
        settings.graphql_max_tokens,
        settings.graphql_max_depth,
        settings.graphql_max_aliases,
    )


@cache
def _schema(max_chars: int, max_tokens: int, max_depth: int, max_aliases: int) -> strawberry.Schema:
    # Built once per process and set of limits: strawberry's relay fields cannot be bound twice.
    # The limits' validation rules are built here too, once, not per request.
    limits = DocumentLimits.build(max_chars, max_tokens, max_depth, max_aliases)
    # Then the parse and validation caches: the limits' rules being the same classes on every
    # request, a query text seen before is neither parsed nor validated again.
    return LoggedSchema(
        query=Query,
        mutation=Mutation,
        extensions=[limits, *cache_extensions(), CodedErrors, OperationMetrics],
        execution_context_class=PlainLeafExecutionContext,
    )
