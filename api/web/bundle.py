"""frontend/dist at `/`: hashed assets cached for good, every other page path answered by the SPA.

Vite names what it builds under assets/ by content hash, so a browser may keep those forever;
index.html (which points at them) and the files kept under their own names are revalidated on
every load, so a new build is picked up at once.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

INDEX = "index.html"
CONSOLE = "console.html"
ASSETS = "assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# First path segments that are not the portal's pages: the API's (an unknown path there is a
# 404, never the portal) and the built assets (a missing file is a 404, not HTML).
NOT_PAGES = frozenset(
    {"graphql", "auth", "webhooks", "healthz", "readyz", "metrics", "surveys", "demo", "assets"}
)
# /orders, /orders/<id>, /complaints and /complaints/new are the portal's pages; below them
# are the API's files (/orders/<id>/export.xlsx, /complaints/photos/<id>).
API_BELOW_PAGE = frozenset({"orders", "complaints"})
NOT_BUILT = "The web front end is not built: install Node.js 20.19+ and npm, then run `make demo`."


def is_built(dist: Path) -> bool:
    """Whether `dist` holds a build (its index.html)."""
    return (dist / INDEX).is_file()


def _is_page(path: str) -> bool:
    """Whether an unknown path is one of the portal's pages (answered by index.html)."""
    parts = path.strip("/").split("/")
    if parts[0] in NOT_PAGES:
        return False
    return not (parts[0] in API_BELOW_PAGE and len(parts) > 2)


class Bundle(StaticFiles):
    """The built files, with the SPA fallback and cache headers."""

    def __init__(self, dist: Path) -> None:
        super().__init__(directory=dist, check_dir=False)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404 or not _is_page(path):
                raise
            response = await super().get_response(INDEX, scope)
            path = INDEX
        immutable = path.startswith(ASSETS) and response.status_code in (200, 304)
        response.headers["Cache-Control"] = IMMUTABLE if immutable else REVALIDATE
        return response


class NotBuilt:
    """Stands in for the bundle when frontend/dist was never built: one line saying how."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await PlainTextResponse(NOT_BUILT, status_code=404)(scope, receive, send)


def bundle_app(dist: Path) -> ASGIApp:
    """The front end's ASGI app, gzip-compressed (what phones on slow networks fetch)."""
    inner: ASGIApp = Bundle(dist) if is_built(dist) else NotBuilt()
    return GZipMiddleware(inner, minimum_size=1024)
