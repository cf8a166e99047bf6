"""Clients for the auth endpoints: from chosen addresses, and with plain HTTP allowed for OAuth2."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest_asyncio

from api.app import create_app
from domain.db import Database
from domain.settings import Settings

ClientFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest_asyncio.fixture(loop_scope="session")
async def make_client(settings: Settings, db: Database) -> ClientFactory:
    """Open an HTTP client on an app with some settings changed, from a given address."""

    @asynccontextmanager
    async def open_client(
        address: str = "127.0.0.1", base_url: str = "http://peihuo.test", **changes: Any
    ) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(settings.model_copy(update=changes), db)
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
            yield http

    return open_client


@pytest_asyncio.fixture(loop_scope="session")
async def oauth_http(make_client: ClientFactory) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that accepts the token endpoint over plain HTTP (as tests run)."""
    async with make_client(oauth_allow_http=True) as http:
        yield http
