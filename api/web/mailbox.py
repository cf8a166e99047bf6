"""`/demo/mailbox`: what the demo's e-mails said (to, subject, body, time), like Mailpit.

Mounted only by `peihuo demo`, which runs the mail catcher (domain/demo/mailcatcher.py); a
served app without it has no such page. Staff only (HQ, regional managers, merchandisers), and
each sees their own tenant's mail: the page signs in with the tenant, e-mail and password (a
form, no script), keeps the access token in an httpOnly SameSite=Strict cookie scoped to the
page for its lifetime; `/demo/mailbox/messages.json` answers the same to a Bearer token.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from api.auth.credentials import authenticate, client_address
from domain.demo.mailcatcher import CaughtMail, MailCatcher
from domain.errors import DomainError
from domain.identity import service
from domain.identity.tokens import actor_from_claims, read_access_token
from domain.permissions import Actor, Role
from domain.settings import Settings

PATH = "/demo/mailbox"
COOKIE = "peihuo_mailbox"
STAFF = frozenset({Role.HQ_ADMIN, Role.REGIONAL_MANAGER, Role.MERCHANDISER})
STYLE = (
    "body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem}"
    "article{border:1px solid #ccc;border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}"
    "pre{white-space:pre-wrap;font-family:inherit}.meta{color:#555;font-size:.9rem}"
    "label{display:block;margin:.5rem 0}"
)


def _page(body: str, status: int = 200) -> HTMLResponse:
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Demo mailbox</title><style>{STYLE}</style></head><body>"
        f"<h1>Demo mailbox</h1>{body}</body></html>"
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _login_form(message: str = "", status: int = 200) -> HTMLResponse:
    note = f'<p role="alert">{escape(message)}</p>' if message else ""
    return _page(
        "<p>What the demo sent by e-mail: reminders, escalations, survey invitations. "
        "Staff only: sign in (tenant <code>taozi</code>, e.g. <code>hq@taozi.example</code> / "
        "<code>demo-password</code>).</p>"
        f'{note}<form method="post" action="{PATH}/login">'
        '<label>Tenant <input name="tenant" required autocomplete="organization"></label>'
        '<label>E-mail <input name="email" type="email" required autocomplete="username"></label>'
        '<label>Password <input name="password" type="password" required '
        'autocomplete="current-password"></label><button type="submit">Sign in</button></form>',
        status,
    )


def _mail_html(mail: CaughtMail) -> str:
    return (
        f'<article><div class="meta">#{mail.number} · {mail.received_at:%Y-%m-%d %H:%M:%S} UTC'
        f" · from {escape(mail.sender)}</div>"
        f"<div><strong>To:</strong> {escape(', '.join(mail.to))}</div>"
        f"<h2>{escape(mail.subject)}</h2><pre>{escape(mail.body)}</pre></article>"
    )


def _mail_json(mail: CaughtMail) -> dict[str, Any]:
    return {
        "number": mail.number,
        "receivedAt": mail.received_at.isoformat(),
        "from": mail.sender,
        "to": list(mail.to),
        "subject": mail.subject,
        "body": mail.body,
    }


async def _viewer(request: Request) -> Actor | None:
    """Whoever the request speaks for: a Bearer token, else the page's cookie."""
    state = request.app.state
    actor = await authenticate(request, state.db, state.settings)
    if actor is None and (token := request.cookies.get(COOKIE)):
        actor = actor_from_claims(read_access_token(state.settings, token))
    return actor


def _same_site(request: Request, settings: Settings) -> bool:
    origin = request.headers.get("origin")
    if not origin:
        return True

    def site(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    return origin.lower() in {site(str(request.base_url)), site(settings.site_url)}


def mailbox_routes(catcher: MailCatcher) -> list[Route]:
    """The mailbox's routes over this catcher."""

    async def page(request: Request) -> Response:
        try:
            viewer = await _viewer(request)
        except DomainError:
            viewer = None
        if viewer is None:
            response = _login_form()
            response.delete_cookie(COOKIE, path=PATH)
            return response
        if viewer.role not in STAFF:
            return _page("<p>The demo mailbox is for staff.</p>", 403)
        mails = catcher.messages(viewer.tenant_id)
        listing = "".join(_mail_html(m) for m in mails) or "<p>Nothing was sent yet.</p>"
        return _page(
            f"<p>{len(mails)} e-mails to {escape(viewer.label)}'s company, newest first "
            f"(reload to see new ones). The catcher listens on "
            f"{escape(catcher.host)}:{catcher.port}.</p>{listing}"
        )

    async def messages(request: Request) -> Response:
        try:
            viewer = await _viewer(request)
        except DomainError as error:
            return JSONResponse({"error": error.code.value, "message": error.message}, 401)
        if viewer is None:
            return JSONResponse({"error": "UNAUTHENTICATED", "message": "sign in first"}, 401)
        if viewer.role not in STAFF:
            return JSONResponse({"error": "FORBIDDEN", "message": "staff only"}, 403)
        return JSONResponse([_mail_json(m) for m in catcher.messages(viewer.tenant_id)])

    async def login(request: Request) -> Response:
        state = request.app.state
        if not _same_site(request, state.settings):
            return _login_form("Sign in from this page.", 403)
        form = await request.form()
        fields = {k: str(form.get(k, "")).strip() for k in ("tenant", "email", "password")}
        try:
            pair = await service.login(
                state.db,
                state.settings,
                fields["tenant"],
                fields["email"],
                fields["password"],
                client_address(request),
            )
        except DomainError as error:
            return _login_form(error.message, 401)
        if pair.actor.role not in STAFF:
            return _page("<p>The demo mailbox is for staff.</p>", 403)
        response = RedirectResponse(PATH, status_code=303)
        response.set_cookie(
            COOKIE,
            pair.access_token,
            max_age=pair.expires_in,
            path=PATH,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    return [
        Route(PATH, page, methods=["GET"]),
        Route(f"{PATH}/messages.json", messages, methods=["GET"]),
        Route(f"{PATH}/login", login, methods=["POST"]),
    ]
