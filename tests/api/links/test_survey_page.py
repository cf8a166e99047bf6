"""Links the service sends open pages: the survey e-mail's link opens the survey page, which
takes the answer once, without JavaScript, safe against forgery and with escaped output."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import select

from api.app import create_app
from domain import clock
from domain.db import Database
from domain.links import LINKED_KINDS, SURVEY_LINK_TTL, survey_link
from domain.notifications.templates import TEMPLATES
from domain.orders.models import Order, OrderStatus
from domain.settings import Settings
from domain.surveys.models import Survey
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import order_in
from tests.factories import World, system
from tests.factories_service import Mailbox, franchisee_email, run_jobs

LINK = re.compile(r"https?://\S+")
SCORES = {"overall": "2", "pick_accuracy": "3", "timeliness": "4", "goods_quality": "5"}


@pytest_asyncio.fixture(loop_scope="session")
async def site(service_settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A browser on the site the links point at."""
    app = create_app(service_settings, db)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=service_settings.site_url) as http:
        yield http


async def invitation_link(
    db: Database, world: World, settings: Settings, mailbox: Mailbox
) -> tuple[Order, str]:
    """A delivered order and the link its survey e-mail carries."""
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.DELIVERED)
    await run_jobs(settings)  # the delivery's follow-up: the survey and its e-mail
    await run_jobs(settings)
    mails = mailbox.to(franchisee_email(world, store))
    mail = next(m for m in mails if order.number in m.subject and "请为配货单" in m.subject)
    links = LINK.findall(mail.body)
    assert len(links) == 1, mail.body
    return order, links[0]


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found, page
    return found[1]


async def survey_row(db: Database, world: World, order: Order) -> Survey:
    async with tenant_session(db, system(world.tenant)) as session:
        survey = await session.scalar(select(Survey).where(Survey.order_id == order.id))
    assert survey is not None
    return survey


def test_every_template_with_a_link_is_a_known_link() -> None:
    linked = {
        kind
        for kind, texts in TEMPLATES.items()
        if any("{link}" in subject + body for subject, body in texts.values())
    }
    assert linked == set(LINKED_KINDS)


def test_the_public_url_follows_the_port_served_on() -> None:
    assert Settings(port=8123).site_url == "http://127.0.0.1:8123"
    assert Settings(host="0.0.0.0", port=9000).site_url == "http://127.0.0.1:9000"
    assert Settings(host="::1", port=9000).site_url == "http://[::1]:9000"
    behind = Settings(port=8123, public_url="https://peihuo.example.com/")
    assert behind.site_url == "https://peihuo.example.com"


def test_serve_port_moves_the_links(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from api.cli import server
    from domain.settings import get_settings

    served: list[Settings] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: served.append(app.state.settings))
    monkeypatch.delenv("PEIHUO_PUBLIC_URL", raising=False)
    monkeypatch.setenv("PEIHUO_HOST", "127.0.0.1")  # serve sets both: put back after
    monkeypatch.setenv("PEIHUO_PORT", "8000")
    monkeypatch.setenv("PEIHUO_IN_PROCESS_WORKER", "false")
    get_settings.cache_clear()
    try:
        server.serve(host=None, port=8765, migrate=False, workers=1)
    finally:
        get_settings.cache_clear()
    assert served[0].site_url == "http://127.0.0.1:8765"
    assert survey_link(served[0], 1, 2).startswith("http://127.0.0.1:8765/surveys/")


async def test_the_survey_link_opens_a_page_that_takes_the_answer_once(
    db: Database,
    world: World,
    service_settings: Settings,
    mailbox: Mailbox,
    site: httpx.AsyncClient,
) -> None:
    order, link = await invitation_link(db, world, service_settings, mailbox)
    assert link.startswith(f"{service_settings.site_url}/surveys/")
    page = await site.get(urlsplit(link).path, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f"How was order {order.number}?" in page.text
    assert page.text.count('type="radio"') == 25  # overall and four factors, 1 to 5
    assert "<script" not in page.text
    comment = '<script>alert("x")</script> & more'
    answer = {**SCORES, "value_for_money": "1", "comment": comment, "csrf": csrf_of(page.text)}
    posted = await site.post(urlsplit(link).path, data=answer, headers={"Accept-Language": "en"})
    assert posted.status_code == 303
    thanks = await site.get(posted.headers["location"], headers={"Accept-Language": "en"})
    assert thanks.status_code == 200 and "Thank you!" in thanks.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in thanks.text
    assert "<script>" not in thanks.text
    survey = await survey_row(db, world, order)
    assert (survey.overall, survey.value_for_money, survey.comment) == (2, 1, comment)
    again = await site.post(urlsplit(link).path, data={**answer, "overall": "5"})
    assert again.status_code == 200 and "form" not in again.text  # the answer shown, not a form
    assert (await survey_row(db, world, order)).overall == 2


async def test_a_bad_answer_is_shown_back_and_changes_nothing(
    db: Database,
    world: World,
    service_settings: Settings,
    mailbox: Mailbox,
    site: httpx.AsyncClient,
) -> None:
    order, link = await invitation_link(db, world, service_settings, mailbox)
    path = urlsplit(link).path
    page = await site.get(path)
    assert "满意度评价" in page.text  # Chinese unless the browser prefers English
    bad = {**SCORES, "value_for_money": "9", "comment": "ok", "csrf": csrf_of(page.text)}
    refused = await site.post(path, data=bad)
    assert refused.status_code == 400
    assert "性价比: 1–5" in refused.text and 'value="5" required checked' in refused.text
    assert not (await survey_row(db, world, order)).answered


async def test_forged_or_expired_links_and_posts_are_refused(
    db: Database,
    world: World,
    service_settings: Settings,
    mailbox: Mailbox,
    site: httpx.AsyncClient,
) -> None:
    order, link = await invitation_link(db, world, service_settings, mailbox)
    path = urlsplit(link).path
    tampered = path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb")
    assert (await site.get(tampered)).status_code == 404
    page = await site.get(path)
    answer = {**SCORES, "value_for_money": "3", "csrf": csrf_of(page.text)}
    # Another site's form: no cookie of ours (SameSite=Strict), or another Origin.
    async with httpx.AsyncClient(transport=site._transport, base_url=str(site.base_url)) as other:
        assert (await other.post(path, data=answer)).status_code == 403
    foreign = await site.post(path, data=answer, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert (await site.post(path, data={**answer, "csrf": "0" * 64})).status_code == 403
    assert not (await survey_row(db, world, order)).answered
    with clock.frozen_clock(clock.now() + SURVEY_LINK_TTL + SURVEY_LINK_TTL / 10):
        assert (await site.get(path)).status_code == 404
