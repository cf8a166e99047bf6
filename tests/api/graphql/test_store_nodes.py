"""`node(id:)` finds every new node type, and nothing of another tenant."""

from __future__ import annotations

from sqlalchemy import select

from domain.db import Database
from domain.identity import keys
from domain.passport.models import ContactKind
from domain.passport.service import log_contact
from domain.stores.models import FieldType, MerchandiserAssignment
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_stores import gid
from tests.domain.stores.factories import make_custom_field
from tests.factories import World, make_world, system
from tests.fixtures import GraphQLClient

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


async def ids_of_every_type(db: Database, world: World) -> dict[str, str]:
    definition = await make_custom_field(db, world, "staff", FieldType.NUMBER)
    async with tenant_session(db, world.hq.actor) as session:
        entry = await log_contact(
            session, world.hq.actor, world.stores[0].id, ContactKind.NOTE, "x"
        )
        key = await keys.create_api_key(session, world.hq.actor, "k", ["store:read"])
        client = await keys.create_oauth_client(session, world.hq.actor, "c", ["store:read"])
        await session.commit()
    async with tenant_session(db, system(world.tenant)) as session:
        assignment = await session.scalar(
            select(MerchandiserAssignment.id).where(
                MerchandiserAssignment.store_id == world.stores[0].id
            )
        )
    assert assignment is not None
    return {
        "Store": gid("Store", world.stores[0].id),
        "User": gid("User", world.merchandisers[0].user.id),
        "MerchandiserAssignment": gid("MerchandiserAssignment", assignment),
        "ContactLogEntry": gid("ContactLogEntry", entry.id),
        "CustomFieldDefinition": gid("CustomFieldDefinition", definition.id),
        "ApiKey": gid("ApiKey", key.id),
        "OAuthClient": gid("OAuthClient", client.id),
    }


async def test_node_finds_every_type_in_its_tenant_only(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    ids = await ids_of_every_type(db, world)
    other = await make_world(db)
    for type_name, node_id in ids.items():
        body = await gql(NODE, {"id": node_id}, world.hq.token(gql.settings))
        assert body["data"]["node"] == {"__typename": type_name, "id": node_id}, body
        foreign = await gql(NODE, {"id": node_id}, other.hq.token(gql.settings))
        assert foreign["data"]["node"] is None, type_name
