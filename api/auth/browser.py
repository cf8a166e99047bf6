"""The browser's session: the refresh token in an httpOnly cookie, out of reach of scripts.

A browser asks for it with the `X-Peihuo-Session: cookie` header on /auth/login, /auth/refresh
and /auth/logout; everyone else keeps the JSON flow (the refresh token in the body).

The cookie is SameSite=Strict, scoped to /auth, Secure on HTTPS. Against cross-site request
forgery the cookie is read only when the request carries that header and an Origin of this
site: a page elsewhere cannot add a custom header without a CORS preflight, which this app
never grants, and cannot forge the Origin its browser sends.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.identity.service import TokenPair
from domain.settings import Settings

SESSION_HEADER = "x-peihuo-session"
SESSION_MODE = "cookie"
REFRESH_COOKIE = "peihuo_refresh"
COOKIE_PATH = "/auth"


def wants_cookie(request: Request) -> bool:
    """Whether the caller is a browser asking for the cookie session."""
    return request.headers.get(SESSION_HEADER, "").strip().lower() == SESSION_MODE


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def cross_site_refusal(request: Request, settings: Settings) -> JSONResponse | None:
    """A 403 unless the request comes from a page of this site (its own origin, or the public URL)."""
    origin = request.headers.get("origin", "").lower()
    if origin and origin in {_origin(str(request.base_url)), _origin(settings.site_url)}:
        return None
    return JSONResponse(
        {"error": "FORBIDDEN", "message": "cross-site request refused: send it from this site"},
        status_code=403,
    )


def refresh_token(request: Request) -> str | None:
    """The refresh token the cookie carries, if any."""
    return request.cookies.get(REFRESH_COOKIE) or None


def _secure(request: Request, settings: Settings) -> bool:
    return request.url.scheme == "https" or settings.site_url.lower().startswith("https://")


def session_response(pair: TokenPair, request: Request, settings: Settings) -> JSONResponse:
    """The access token in the body, the refresh token in the cookie only."""
    response = JSONResponse(
        {
            "access_token": pair.access_token,
            "token_type": "Bearer",
            "expires_in": pair.expires_in,
            "role": pair.actor.role.value,
        },
        headers={"Cache-Control": "no-store"},
    )
    response.set_cookie(
        REFRESH_COOKIE,
        pair.refresh_token,
        max_age=int(settings.refresh_token_ttl.total_seconds()),
        path=COOKIE_PATH,
        secure=_secure(request, settings),
        httponly=True,
        samesite="strict",
    )
    return response


def without_cookie(response: Response, request: Request, settings: Settings) -> Response:
    """The response, telling the browser to drop the refresh cookie (logout, refused refresh)."""
    response.delete_cookie(
        REFRESH_COOKIE,
        path=COOKIE_PATH,
        secure=_secure(request, settings),
        httponly=True,
        samesite="strict",
    )
    return response
