"""The /graphql endpoint: authenticates, binds a tenant session to the request, serves the console.

How it speaks HTTP (media types, status codes, GET, CSRF) is told in api/graphql/http.py.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.auth.credentials import authenticate
from api.graphql.console import console_page
from api.graphql.context import Context
from api.graphql.errors import is_unavailable
from api.graphql.http import (
    GRAPHQL_RESPONSE,
    has_preflight_header,
    is_request_error,
    needs_preflight_header,
    response_media_type,
)
from api.web.outages import RETRY_AFTER
from domain.db import Database
from domain.db.binding import ACTOR_KEY, TENANT_KEY
from domain.errors import DomainError
from domain.settings import Settings


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI app with our context and session lifetime."""

    def __init__(self, schema: Any, db: Database, settings: Settings) -> None:
        # Multipart requests carry complaint photos; a form could send one cross-site, so they
        # must carry a header a form cannot set (__call__). GET runs queries, never mutations.
        super().__init__(
            schema,
            graphql_ide="graphiql",
            allow_queries_via_get=True,
            multipart_uploads_enabled=True,
        )
        self.db = db
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        if (refusal := self._refusal(scope)) is not None:
            await refusal(scope, receive, send)
            return
        request = Request(scope, receive)
        # One session for the request: the token check runs in it, then the operation.
        session = self.db.session(**{TENANT_KEY: None, ACTOR_KEY: None})
        try:
            actor = await authenticate(request, self.db, self.settings, session=session)
        except DomainError as error:
            await session.close()
            body = {
                "errors": [{"message": error.message, "extensions": {"code": error.code.value}}]
            }
            await JSONResponse(body, status_code=401)(scope, receive, send)
            return
        except BaseException:
            await session.close()
            raise
        session.info.update({TENANT_KEY: actor.tenant_id if actor else None, ACTOR_KEY: actor})
        scope.setdefault("state", {})
        scope["state"]["actor"] = actor
        scope["state"]["session"] = session
        try:
            if request.method == "POST":
                # Root fields resolve concurrently, and a session cannot provision its
                # connection twice at once: take it before execution starts.
                await session.connection()
            await super().__call__(scope, receive, send)
        finally:
            await session.close()

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def encode_json(self, data: object) -> bytes:
        # orjson: about five times as fast as the standard library on a page of results.
        return orjson.dumps(data)

    @staticmethod
    def _refusal(scope: Scope) -> JSONResponse | None:
        """Note the response's media type; refuse a request a cross-site form could send."""
        headers = Headers(scope=scope)
        media_type = response_media_type(headers.get("accept"))
        scope.setdefault("state", {})["media_type"] = media_type
        if not needs_preflight_header(scope["method"], headers.get("content-type")) or (
            has_preflight_header(headers)
        ):
            return None
        message = (
            "a multipart request needs a header a cross-site form cannot send: "
            "GraphQL-Require-Preflight, Authorization or X-Api-Key"
        )
        body = {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}
        if media_type == GRAPHQL_RESPONSE:
            media_type = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return JSONResponse(body, status_code=400, media_type=media_type)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        response = await super().get_sub_response(request)
        response.media_type = request.state.media_type  # create_response's content type
        request.state.sub_response = response
        return response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Under `application/graphql-response+json`, a request error is a 400 without `data`;
        an outage of the database or Redis is a 503 with `Retry-After` (api.web.outages)."""
        processed = await super().process_result(request, result)
        if any(is_unavailable(error) for error in result.errors or ()):
            request.state.sub_response.status_code = 503
            request.state.sub_response.headers["Retry-After"] = str(RETRY_AFTER)
            request.state.sub_response.headers["Cache-Control"] = "no-store"
            return processed
        if request.state.media_type == GRAPHQL_RESPONSE and is_request_error(result):
            processed.pop("data", None)
            request.state.sub_response.status_code = 400
        return processed

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            db=self.db,
            session=request.state.session,
            settings=self.settings,
            maybe_actor=request.state.actor,
        )

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return console_page(self.settings)
