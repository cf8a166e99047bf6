"""`/surveys/{token}`: the page a survey e-mail links to, where the franchisee answers.

A plain server-rendered page (no script, so any phone's browser will do): GET shows the order's
survey (overall and the four factors, 1 to 5, and a comment), POST records the answer once,
through the same service as the `surveyAnswer` mutation, then shows the thanks (POST, redirect,
GET). The link's signed token (domain/links.py) grants answering that one survey, as the store's
franchisee; nothing else. Every value on the page is HTML-escaped.

Against cross-site request forgery: the GET sets a random cookie (SameSite=Strict, httpOnly,
path /surveys) and the form carries an HMAC of it and the token; a POST needs both to match,
and an Origin, when sent, of this site.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from domain.db import Database
from domain.errors import DomainError, ErrorCode
from domain.links import SURVEY_PATH, SurveyGrant, read_survey_token
from domain.orders.models import Order
from domain.permissions import Actor, Permission, Role
from domain.settings import Settings
from domain.stores.models import Store
from domain.surveys.models import HIGHEST, LOWEST, SCORES, Survey
from domain.surveys.service import FIELDS, MAX_COMMENT, SurveyAnswer, answer_survey
from domain.tenancy.local_time import zone_of
from domain.tenancy.models import Tenant
from domain.tenancy.session import tenant_session

CSRF_COOKIE = "peihuo_survey_csrf"
CSRF_FIELD = "csrf"

TEXT = {
    "zh-CN": {
        "title": "配货单 {order} 满意度评价",
        "intro": "{store} 的配货单 {order} 已于 {delivered} 送达。请为这次配货打分（1 = 很差，5 = 很好）。",
        "overall": "总体满意度",
        "pick_accuracy": "配货准确度",
        "timeliness": "及时性",
        "goods_quality": "商品质量",
        "value_for_money": "性价比",
        "comment": "意见或建议（选填）",
        "submit": "提交评价",
        "thanks": "谢谢！您已于 {answered} 为配货单 {order} 打分：",
        "fix": "请检查以下内容：",
        "gone_title": "链接无效",
        "gone": "此评价链接无效或已过期。",
        "refused": "请从本站的评价页面提交（页面已过期，请刷新后重试）。",
    },
    "en": {
        "title": "How was order {order}?",
        "intro": "Order {order} for {store} was delivered on {delivered}. Please rate it "
        "(1 = poor, 5 = excellent).",
        "overall": "Overall",
        "pick_accuracy": "Pick accuracy",
        "timeliness": "Timeliness",
        "goods_quality": "Goods quality",
        "value_for_money": "Value for money",
        "comment": "Comments (optional)",
        "submit": "Send my rating",
        "thanks": "Thank you! You rated order {order} on {answered}:",
        "fix": "Please check:",
        "gone_title": "Link not valid",
        "gone": "This survey link is not valid or has expired.",
        "refused": "Please answer from this site's survey page (it was stale: reload it and "
        "try again).",
    },
}
# The field names of the domain's errors (the API's) -> the form's.
FORM_FIELDS = {api: name for name, api in FIELDS.items()}


@dataclass(frozen=True)
class Opened:
    """A survey as its link opens it."""

    grant: SurveyGrant
    survey: Survey
    order: Order
    store: Store
    zone: ZoneInfo


def _locale(request: Request) -> str:
    """zh-CN or en, as the browser prefers (Chinese unless English comes first)."""
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("en"):
            return "en"
        if tag.startswith("zh"):
            return "zh-CN"
    return "zh-CN"


def _page(title: str, body: str, locale: str, status: int = 200) -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="{locale}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:34rem;margin:1rem auto;padding:0 1rem;"
        "line-height:1.5}fieldset{border:1px solid #ccc;border-radius:.5rem;margin:0 0 .75rem}"
        "label{margin-right:.9rem;white-space:nowrap}textarea{width:100%;min-height:5rem}"
        "button{font-size:1.1rem;padding:.5rem 1.5rem}.errors{color:#a40000}"
        f"</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(
        html, status_code=status, headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    )


def _gone(locale: str) -> HTMLResponse:
    text = TEXT[locale]
    return _page(text["gone_title"], f"<p>{escape(text['gone'])}</p>", locale, 404)


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d") if moment else ""


def _csrf(settings: Settings, cookie: str, token: str) -> str:
    key = settings.secret_key.get_secret_value().encode()
    return hmac.new(key, f"survey-form:{cookie}:{token}".encode(), hashlib.sha256).hexdigest()


def _same_site(request: Request, settings: Settings) -> bool:
    origin = request.headers.get("origin")
    if not origin:  # a browser that sends none: the form's HMAC alone protects it
        return True

    def site(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    return origin.lower() in {site(str(request.base_url)), site(settings.site_url)}


async def _open(db: Database, settings: Settings, token: str) -> Opened:
    grant = read_survey_token(settings, token)
    async with tenant_session(db, Actor.system(grant.tenant_id, "survey link")) as session:
        survey = await session.get(Survey, grant.survey_id)
        order = await session.get(Order, survey.order_id) if survey else None
        store = await session.get(Store, survey.store_id) if survey else None
        tenant = await session.get(Tenant, grant.tenant_id)
        if survey is None or order is None or store is None or tenant is None:
            raise DomainError(ErrorCode.NOT_FOUND, "no such survey", "token")
        return Opened(grant, survey, order, store, zone_of(store, tenant))


def _answered(opened: Opened, locale: str) -> str:
    text, survey = TEXT[locale], opened.survey
    lines = "".join(
        f"<li>{escape(text[name])}: {getattr(survey, name)}/{HIGHEST}</li>" for name in SCORES
    )
    comment = f"<blockquote>{escape(survey.comment)}</blockquote>" if survey.comment else ""
    thanks = text["thanks"].format(
        order=opened.order.number, answered=_when(survey.answered_at, opened.zone)
    )
    return f"<p>{escape(thanks)}</p><ul>{lines}</ul>{comment}"


def _form(
    opened: Opened,
    locale: str,
    csrf: str,
    values: dict[str, str] | None = None,
    errors: list[str] | None = None,
) -> str:
    text, values = TEXT[locale], values or {}
    intro = text["intro"].format(
        order=opened.order.number,
        store=opened.store.name,
        delivered=_when(opened.survey.requested_at, opened.zone),
    )
    parts = [f"<p>{escape(intro)}</p>"]
    if errors:
        items = "".join(f"<li>{escape(e)}</li>" for e in errors)
        parts.append(f'<div class="errors" role="alert"><p>{escape(text["fix"])}</p>')
        parts.append(f"<ul>{items}</ul></div>")
    parts.append(f'<form method="post"><input type="hidden" name="{CSRF_FIELD}" value="{csrf}">')
    for name in SCORES:
        choices = "".join(
            f'<label><input type="radio" name="{name}" value="{n}" required'
            f"{' checked' if values.get(name) == str(n) else ''}> {n}</label>"
            for n in range(LOWEST, HIGHEST + 1)
        )
        parts.append(f"<fieldset><legend>{escape(text[name])}</legend>{choices}</fieldset>")
    parts.append(
        f'<p><label for="comment">{escape(text["comment"])}</label><br>'
        f'<textarea id="comment" name="comment" maxlength="{MAX_COMMENT}">'
        f"{escape(values.get('comment', ''))}</textarea></p>"
        f'<p><button type="submit">{escape(text["submit"])}</button></p></form>'
    )
    return "".join(parts)


def _with_cookie(response: Response, request: Request, settings: Settings, cookie: str) -> None:
    response.set_cookie(
        CSRF_COOKIE,
        cookie,
        path=SURVEY_PATH.rstrip("/"),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https" or settings.site_url.startswith("https://"),
    )


async def survey_page(request: Request) -> Response:
    """GET: the survey (or the answer already given); POST: record the answer, once."""
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    token, locale = request.path_params["token"], _locale(request)
    text = TEXT[locale]
    try:
        opened = await _open(db, settings, token)
    except DomainError:
        return _gone(locale)
    title = text["title"].format(order=opened.order.number)
    if opened.survey.answered:
        return _page(title, _answered(opened, locale), locale)
    if request.method == "GET":
        cookie = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        page = _page(title, _form(opened, locale, _csrf(settings, cookie, token)), locale)
        _with_cookie(page, request, settings, cookie)
        return page
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    cookie = request.cookies.get(CSRF_COOKIE, "")
    expected = _csrf(settings, cookie, token) if cookie else ""
    if not (
        cookie
        and hmac.compare_digest(values.get(CSRF_FIELD, ""), expected)
        and _same_site(request, settings)
    ):
        return _page(title, f"<p>{escape(text['refused'])}</p>", locale, 403)
    errors = [
        f"{text[name]}: {LOWEST}–{HIGHEST}"
        for name in SCORES
        if values.get(name, "") not in {str(n) for n in range(LOWEST, HIGHEST + 1)}
    ]
    if not errors:
        try:
            await _answer(db, opened, values)
        except DomainError as error:
            if error.code == ErrorCode.DUPLICATE:  # answered meanwhile: show that answer
                return RedirectResponse(request.url.path, status_code=303)
            errors = [_message(e.field, e.message, text) for e in error.errors]
        else:
            return RedirectResponse(request.url.path, status_code=303)
    return _page(title, _form(opened, locale, expected, values, errors), locale, 400)


def _message(field: str | None, message: str, text: dict[str, str]) -> str:
    name = FORM_FIELDS.get(field or "", field or "")
    label = text.get(name) if name in text else None
    return f"{label}: {message}" if label else message


async def _answer(db: Database, opened: Opened, values: dict[str, str]) -> None:
    """The answer, as the store's franchisee allowed to answer this survey only."""
    store = opened.store
    answerer = Actor(
        tenant_id=opened.grant.tenant_id,
        role=Role.FRANCHISEE,
        user_id=store.franchisee_id,
        scopes=frozenset({Permission.SURVEY_ANSWER}),
        label=f"survey link ({store.franchisee_name or store.name})",
    )
    async with tenant_session(db, Actor.system(opened.grant.tenant_id, "survey link")) as session:
        await answer_survey(
            session,
            answerer,
            opened.order.id,
            SurveyAnswer(
                **{name: int(values[name]) for name in SCORES},
                comment=values.get("comment") or None,
            ),
        )
        await session.commit()


routes = [Route(SURVEY_PATH + "{token}", survey_page, methods=["GET", "POST"])]
