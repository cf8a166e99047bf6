"""Direct resolvers for the hottest fields of a page: the same answers without strawberry's
per-call machinery.

A field with a resolver costs strawberry an Info object, an argument parse and a chain of
extension wrappers on every call, several times what reading an attribute does; on a page
of 50 stores with their ids, regions and merchandisers' names that was about 200 calls a
request. (Plain fields, an attribute read, take the executor's short path instead:
api/graphql/execution.py.) The fields below answer from what the page already holds (a
node's key, a relation preloaded with the page); whenever that is not there they fall back
to strawberry's own resolver, so the answer, the permissions and the errors are those of the
declared field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLField, GraphQLObjectType
from strawberry import relay

from api.graphql.identity.types import UserType
from api.graphql.regions.types import RegionType
from api.graphql.stores.types import StoreType

Resolver = Callable[..., Any]

# (GraphQL type, its class): nodes whose `id` is their primary key under the type's own name.
NODE_TYPES: tuple[tuple[str, type[relay.Node]], ...] = (
    ("Store", StoreType),
    ("Region", RegionType),
    ("User", UserType),
)
# Store fields that a page preloads (api/graphql/stores/types.py: preload_relations).
PRELOADED_STORE_FIELDS = ("region", "merchandiser")


def _node_id(type_name: str, cls: type[relay.Node], fallback: Resolver) -> Resolver:
    attr = cls.resolve_id_attr()

    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        if type(root) is cls:
            return relay.GlobalID(type_name=type_name, node_id=str(getattr(root, attr)))
        return fallback(root, info, **kwargs)

    return resolve


def _preloaded(name: str, fallback: Resolver) -> Resolver:
    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        preloaded = root.preloaded
        return preloaded[name] if name in preloaded else fallback(root, info, **kwargs)

    return resolve


def _user_name(fallback: Resolver) -> Resolver:
    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        memberships = root.memberships
        if memberships is None:  # not preloaded: through the loader
            return fallback(root, info, **kwargs)
        return root._name(memberships[0] if memberships else None)

    return resolve


def install(schema: strawberry.Schema) -> None:
    """Put the direct resolvers on the built schema (once, when it is built)."""
    types = schema._schema.type_map

    def field(type_name: str, name: str) -> tuple[GraphQLField, Resolver]:
        graphql_type = types[type_name]
        assert isinstance(graphql_type, GraphQLObjectType)
        found = graphql_type.fields[name]
        assert found.resolve is not None  # strawberry gives every field its resolver
        return found, found.resolve

    for type_name, cls in NODE_TYPES:
        # Only where the id is the default one (the key attribute, under the type's name).
        if cls.resolve_id.__func__ is relay.Node.resolve_id.__func__ and (  # type: ignore[attr-defined]
            cls.resolve_typename.__func__ is relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
        ):
            node_id, resolve = field(type_name, "id")
            node_id.resolve = _node_id(type_name, cls, resolve)
    for name in PRELOADED_STORE_FIELDS:
        relation, resolve = field("Store", name)
        relation.resolve = _preloaded(name, resolve)
    user_name, resolve = field("User", "name")
    user_name.resolve = _user_name(resolve)
