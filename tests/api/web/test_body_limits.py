"""Request bodies over the limit are refused with 413 before anything reads them whole."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from api.app import create_app
from api.web.limits import BodySizeLimit
from domain.db import Database
from domain.settings import Settings
from tests.api.graphql.test_stores import gid
from tests.factories import World
from tests.fixtures import GraphQLClient, UploadFile

MB = 1024 * 1024


async def _comment_body(size: int, chunk: int = 64 * 1024) -> AsyncIterator[bytes]:
    """A GraphQL request whose document is one long comment, streamed (no Content-Length)."""
    yield b'{"query": "#'
    sent = 0
    while sent < size:
        yield b"x" * chunk
        sent += chunk
        await asyncio.sleep(0)
    yield b'\\n{ __typename }"}'


async def test_a_20_mb_comment_gets_413_at_once_while_another_request_is_served(
    client: httpx.AsyncClient,
) -> None:
    async def huge() -> httpx.Response:
        return await client.post(
            "/graphql",
            content=_comment_body(20 * MB),
            headers={"content-type": "application/json"},
        )

    started = time.monotonic()
    refused, other = await asyncio.gather(huge(), client.get("/healthz"))
    assert refused.status_code == 413
    assert refused.json()["error"] == "PAYLOAD_TOO_LARGE"
    assert other.status_code == 200
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/graphql", "application/json"),
        ("/auth/login", "application/json"),
        ("/auth/refresh", "application/json"),
        ("/auth/token", "application/x-www-form-urlencoded"),
        ("/webhooks/carriers/sim", "application/json"),
        ("/graphql", "multipart/form-data; boundary=x"),  # anonymous: the small limit
    ],
)
async def test_every_endpoint_refuses_a_body_over_the_limit_by_its_length(
    client: httpx.AsyncClient, path: str, content_type: str
) -> None:
    body = b"{" + b" " * (300 * 1024) + b"}"
    response = await client.post(path, content=body, headers={"content-type": content_type})
    assert response.status_code == 413, path
    # Streamed without a length, it is refused as well once past the limit.
    chunks = [body[i : i + 8192] for i in range(0, len(body), 8192)]

    async def stream() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    streamed = await client.post(path, content=stream(), headers={"content-type": content_type})
    assert streamed.status_code == 413, path


class _Spy:
    """An application that records whether it was called and what body it read."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _spy_client(spy: _Spy, limit: int = 1024, upload: int = 4096) -> httpx.AsyncClient:
    app = BodySizeLimit(spy, max_body_bytes=limit, max_upload_bytes=upload)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_the_application_never_sees_a_body_over_the_limit() -> None:
    spy = _Spy()
    async with _spy_client(spy) as http:
        assert (await http.post("/graphql", content=b"a" * 1024)).status_code == 204
        assert (await http.post("/graphql", content=b"a" * 1025)).status_code == 413

        async def lying() -> AsyncIterator[bytes]:
            yield b"a" * 1000
            yield b"a" * 1000

        # A client that declares less than it sends is cut off at the limit all the same.
        response = await http.post("/auth/login", content=lying(), headers={"content-length": "10"})
        assert response.status_code == 413
        bad = await http.post("/auth/login", content=b"{}", headers={"content-length": "x"})
        assert bad.status_code == 400
    assert spy.bodies == [b"a" * 1024]


async def test_uploads_get_the_larger_limit_only_with_credentials_and_as_multipart() -> None:
    spy = _Spy()
    multipart = {"content-type": "multipart/form-data; boundary=b"}
    async with _spy_client(spy) as http:
        signed = {**multipart, "authorization": "Bearer x"}
        assert (await http.post("/graphql", content=b"a" * 4000, headers=signed)).status_code == 204
        assert (await http.post("/graphql", content=b"a" * 4097, headers=signed)).status_code == 413
        keyed = {**multipart, "x-api-key": "k"}
        assert (await http.post("/graphql", content=b"a" * 4000, headers=keyed)).status_code == 204
        # Anonymous, as JSON, or elsewhere: the small limit.
        for headers, path in [
            (multipart, "/graphql"),
            ({"authorization": "Bearer x", "content-type": "application/json"}, "/graphql"),
            (signed, "/auth/login"),
        ]:
            response = await http.post(path, content=b"a" * 2000, headers=headers)
            assert response.status_code == 413, (headers, path)


async def test_a_complaint_photo_within_the_upload_limit_still_reaches_graphql(
    settings: Settings, db: Database, world: World
) -> None:
    """Far over the body limit, within the upload limit: the multipart request is served."""
    app = create_app(settings.model_copy(update={"max_body_bytes": 1024}), db)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://peihuo.test") as http:
        gql = GraphQLClient(http, settings)
        token = world.hq.token(settings)
        photo = b"\x89PNG" + b"0" * 4096
        answer = await gql(
            "mutation($input: ComplaintPhotoAddInput!) {"
            " complaintPhotoAdd(input: $input) { userErrors { field code } } }",
            {
                "input": {
                    "complaintId": gid("Complaint", 999_999),
                    "file": UploadFile("p.png", photo),
                }
            },
            token,
        )
    # Refused by the mutation (no such complaint), not for the size of the request.
    assert answer["data"]["complaintPhotoAdd"]["userErrors"][0]["code"] == "NOT_FOUND", answer
