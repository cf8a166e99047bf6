"""A store's chat webhook is an address the server will call: only public https addresses."""

from __future__ import annotations

import pytest

from domain.db import Database
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.api.graphql.test_stores import gid
from tests.factories import World, system
from tests.fixtures import GraphQLClient

SET_PREFERENCES = """
mutation($input: StoreSetPreferencesInput!) {
  storeSetPreferences(input: $input) {
    store { preferences { chatWebhookUrl } }
    userErrors { field code message }
  }
}"""


async def webhook_of(db: Database, world: World, store_id: int) -> str | None:
    async with tenant_session(db, system(world.tenant)) as session:
        store = await session.get(Store, store_id)
        assert store is not None
        return store.chat_webhook_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:18899/internal/admin",  # the audit's request
        "https://127.0.0.1:18899/internal/admin",
        "https://2130706433/",  # 127.0.0.1 as one decimal number
        "https://[::ffff:127.0.0.1]/",
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata
        "https://localhost/hook",  # a name that resolves to loopback
        "https://10.0.0.8/hook",
    ],
)
async def test_a_franchisee_cannot_point_the_chat_webhook_at_an_internal_address(
    db: Database, world: World, gql: GraphQLClient, url: str
) -> None:
    store = world.stores[0]
    franchisee = next(f for f in world.franchisees if f.user.id == store.franchisee_id)
    before = await webhook_of(db, world, store.id)
    body = await gql(
        SET_PREFERENCES,
        {"input": {"storeId": gid("Store", store.id), "chatWebhookUrl": url}},
        franchisee.token(gql.settings),
    )
    payload = body["data"]["storeSetPreferences"]
    assert payload["store"] is None
    [error] = payload["userErrors"]
    assert (error["field"], error["code"]) == ("input.chatWebhookUrl", "INVALID")
    assert "refused" in error["message"]
    assert await webhook_of(db, world, store.id) == before
