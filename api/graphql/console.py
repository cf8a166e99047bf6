"""The merchandiser console: GraphiQL with a login form and example operations, from the bundle.

The console is built with the portal (frontend/src/console, entry frontend/console.html): React,
GraphiQL, its explorer and Monaco come from the app's own origin, so it works offline and under
`script-src 'self'`. The example operations (examples/*.graphql) are built into it.
"""

from __future__ import annotations

from starlette.responses import HTMLResponse

from api.web.bundle import CONSOLE, NOT_BUILT, REVALIDATE
from domain.settings import PROJECT_ROOT, Settings

CONSOLE_DIR = PROJECT_ROOT / "api" / "graphql" / "console"


def console_page(settings: Settings) -> HTMLResponse:
    """The built console page (read on each request: a rebuild changes its asset names)."""
    page = settings.frontend_dist / CONSOLE
    if not page.is_file():
        return HTMLResponse(
            f"<!doctype html><title>Peihuo console</title><p>{NOT_BUILT}</p>", status_code=503
        )
    return HTMLResponse(page.read_text(encoding="utf-8"), headers={"Cache-Control": REVALIDATE})
