"""Request body limits, applied before anything reads or parses a body.

One ASGI middleware in front of every route (/graphql, /auth/*, /webhooks/*, …): a body
declared (Content-Length) or streamed (chunked, or a client that sends more than it declared)
past the limit is answered 413 at once, and the application is never called, so nothing
parses it. Bodies are read here up to the limit and handed on whole; the application then
reads them as usual.

Two limits: `max_body_bytes` (256 KiB by default) for every request, and `max_upload_bytes`
for GraphQL multipart requests (complaint photos, file imports) that carry credentials (an
`Authorization` header or an API key): a request without any gets the small limit whatever
its type, so an anonymous caller can never make the server take more than 256 KiB.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "PAYLOAD_TOO_LARGE"
UPLOAD_PATHS = ("/graphql",)


class BodySizeLimit:
    """Refuses (413) a request whose body is over its limit, before the application sees it."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max(max_upload_bytes, max_body_bytes)

    def limit_for(self, scope: Scope, headers: Headers) -> int:
        """The most bytes this request's body may hold."""
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        credentials = bool(headers.get("authorization") or headers.get("x-api-key"))
        path = str(scope.get("path", "")).rstrip("/")
        if content_type == "multipart/form-data" and credentials and path in UPLOAD_PATHS:
            return self.max_upload_bytes
        return self.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(scope, headers)
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isascii() or not declared.isdigit():
                await _answer(send, 400, "INVALID", "Content-Length must be a number of bytes")
                return
            if int(declared) > limit:
                await _too_large(send, limit)
                return
        body = await _read_at_most(receive, limit)
        if body is None:
            await _too_large(send, limit)
            return
        if not isinstance(body, bytes):  # the client left before sending its body
            return
        await self.app(scope, _replay(body, receive), send)


async def _read_at_most(receive: Receive, limit: int) -> bytes | Message | None:
    """The whole body, None once it passes `limit`, or the disconnect message."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return message
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body read already, then whatever the client sends next
    (its disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(send: Send, limit: int) -> None:
    await _answer(send, 413, TOO_LARGE, f"the request body is over the limit of {limit} bytes")


async def _answer(send: Send, status: int, code: str, message: str) -> None:
    content = json.dumps({"error": code, "message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(content)).encode()),
                # The rest of the body is not read: the connection cannot serve another request.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": content})
