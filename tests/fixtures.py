"""Fixtures built on the factories, and a GraphQL client helper."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest_asyncio

if TYPE_CHECKING:  # imported when used: xdist's controller loads this plugin and runs no test
    import httpx

    from domain.db import Database
    from domain.settings import Settings
    from tests.factories import World


@pytest_asyncio.fixture(loop_scope="session")
async def world(db: Database) -> World:
    """A fresh small tenant for this test."""
    from tests.factories import make_world

    return await make_world(db)


@dataclass(frozen=True)
class UploadFile:
    """A file in an operation's variables: the client sends the operation as a GraphQL
    multipart request (the multipart request spec) with this file in its place."""

    name: str
    data: bytes


def _uploads(value: Any, path: str) -> Iterator[tuple[str, UploadFile]]:
    """(variables path, file) of every UploadFile in `value`."""
    if isinstance(value, UploadFile):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _uploads(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _uploads(item, f"{path}.{index}")


def _without_uploads(value: Any) -> Any:
    if isinstance(value, UploadFile):
        return None
    if isinstance(value, dict):
        return {k: _without_uploads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_uploads(v) for v in value]
    return value


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
        files = list(_uploads(variables or {}, "variables"))
        if files:
            operations = {"query": query, "variables": _without_uploads(variables)}
            response = await self.http.post(
                "/graphql",
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({str(i): [path] for i, (path, _) in enumerate(files)}),
                },
                files={str(i): (f.name, f.data) for i, (_, f) in enumerate(files)},
                # As upload clients do: a header a cross-site form cannot send (CSRF rule).
                headers={"GraphQL-Require-Preflight": "1", **headers},
            )
        else:
            response = await self.http.post(
                "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
            )
        body: dict[str, Any] = response.json()
        return body


@pytest_asyncio.fixture(loop_scope="session")
async def gql(client: httpx.AsyncClient, settings: Settings) -> GraphQLClient:
    """Run GraphQL operations against the app."""
    return GraphQLClient(client, settings)
