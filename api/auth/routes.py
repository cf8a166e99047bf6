"""Token endpoints: login, refresh (rotating), logout, and OAuth2 client credentials.

Browsers keep the refresh token in a cookie instead of the body (api/auth/browser.py).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.auth import browser, oauth
from api.auth.credentials import client_address
from domain.errors import DomainError, ErrorCode
from domain.identity import service
from domain.identity.service import ThrottledError, TokenPair

B = TypeVar("B", bound=BaseModel)


class LoginBody(BaseModel):
    """POST /auth/login."""

    tenant: str = Field(min_length=1, max_length=40)
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)


class RefreshBody(BaseModel):
    """POST /auth/refresh and /auth/logout."""

    refresh_token: str = Field(min_length=10, max_length=500)


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    """A JSON error body with a code and a message."""
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


async def _parse(request: Request, model: type[B]) -> B | JSONResponse:
    try:
        raw = await request.json()
    except ValueError:
        return error_response(400, "INVALID", "body must be JSON")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        fields = [
            {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]}
            for e in error.errors()
        ]
        return error_response(400, "INVALID", "invalid request body", fields=fields)


def _tokens(pair: TokenPair) -> JSONResponse:
    return JSONResponse(
        {
            "access_token": pair.access_token,
            "token_type": "Bearer",
            "expires_in": pair.expires_in,
            "refresh_token": pair.refresh_token,
            "role": pair.actor.role.value,
        },
        headers={"Cache-Control": "no-store"},
    )


def _refused(error: DomainError) -> JSONResponse:
    if isinstance(error, ThrottledError):
        return JSONResponse(
            {"error": ErrorCode.THROTTLED.value, "message": error.message},
            status_code=429,
            headers={"Retry-After": str(int(error.retry_after.total_seconds()))},
        )
    return error_response(401, error.code.value, error.message)


async def login(request: Request) -> Response:
    """Exchange a tenant, e-mail and password for an access and a refresh token."""
    if browser.wants_cookie(request) and (
        refused := browser.cross_site_refusal(request, request.app.state.settings)
    ):
        return refused
    body = await _parse(request, LoginBody)
    if isinstance(body, JSONResponse):
        return body
    state = request.app.state
    try:
        pair = await service.login(
            state.db,
            state.settings,
            body.tenant,
            body.email,
            body.password,
            client_address(request),
        )
    except DomainError as error:
        return _refused(error)
    return _issued(pair, request)


def _issued(pair: TokenPair, request: Request) -> Response:
    if browser.wants_cookie(request):
        return browser.session_response(pair, request, request.app.state.settings)
    return _tokens(pair)


async def _presented_token(request: Request) -> str | JSONResponse | None:
    """The refresh token: from the cookie for a browser of this site, else from the body."""
    if not browser.wants_cookie(request):
        body = await _parse(request, RefreshBody)
        return body if isinstance(body, JSONResponse) else body.refresh_token
    refused = browser.cross_site_refusal(request, request.app.state.settings)
    return refused or browser.refresh_token(request)


async def refresh(request: Request) -> Response:
    """Rotate a refresh token into a new pair."""
    token = await _presented_token(request)
    if isinstance(token, JSONResponse):
        return token
    settings = request.app.state.settings
    try:
        if token is None:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "no session: log in")
        pair = await service.refresh(request.app.state.db, settings, token)
    except DomainError as error:
        if browser.wants_cookie(request):
            return browser.without_cookie(_refused(error), request, settings)
        return _refused(error)
    return _issued(pair, request)


async def logout(request: Request) -> Response:
    """Revoke a refresh token and its family (a browser's cookie is cleared too)."""
    token = await _presented_token(request)
    if isinstance(token, JSONResponse):
        return token
    if token is not None:
        await service.logout(request.app.state.db, token)
    if browser.wants_cookie(request):
        return browser.without_cookie(
            Response(status_code=204), request, request.app.state.settings
        )
    return Response(status_code=204)


routes = [
    Route("/auth/login", login, methods=["POST"]),
    Route("/auth/refresh", refresh, methods=["POST"]),
    Route("/auth/logout", logout, methods=["POST"]),
    Route("/auth/token", oauth.token, methods=["POST"]),
]
