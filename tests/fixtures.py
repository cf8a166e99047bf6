"""Fixtures built on the factories, and a GraphQL client helper."""

from __future__ import annotations

from typing import Any

import httpx
import pytest_asyncio

from domain.db import Database
from domain.settings import Settings
from tests.factories import World, make_world


@pytest_asyncio.fixture(loop_scope="session")
async def world(db: Database) -> World:
    """A fresh small tenant for this test."""
    return await make_world(db)


class GraphQLClient:
    """Posts GraphQL operations as a given member (or anonymously)."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self.http = http
        self.settings = settings

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        **headers: str,
    ) -> dict[str, Any]:
        """The JSON response (data and errors) of one operation."""
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body


@pytest_asyncio.fixture(loop_scope="session")
async def gql(client: httpx.AsyncClient, settings: Settings) -> GraphQLClient:
    """Run GraphQL operations against the app."""
    return GraphQLClient(client, settings)
