"""The demo's mail catcher (a real aiosmtpd server) and its mailbox page: what the demo sent,
to staff of the tenant only, and only where the demo serves it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from api.app import create_app
from domain.db import Database
from domain.demo.mailcatcher import MailCatcher, catcher_for, running
from domain.jobs import runner
from domain.notifications.channels import Outgoing, send_email
from domain.orders.models import OrderStatus
from domain.settings import Settings
from domain.stores.models import ContactChannel
from tests.domain.orders.factories import order_in
from tests.factories import PASSWORD, World, make_world
from tests.factories_service import franchisee_email, run_jobs


@pytest.fixture
def catcher() -> Iterator[MailCatcher]:
    caught = MailCatcher()
    caught.start()
    yield caught
    caught.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def demo_site(
    settings: Settings, db: Database, catcher: MailCatcher
) -> AsyncIterator[httpx.AsyncClient]:
    """The app as `peihuo demo` serves it: with the catcher, its e-mails sent there."""
    demo_settings = catcher.settings_for(settings)
    runner.configure(demo_settings)
    app = create_app(demo_settings, db, mail_catcher=catcher)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http:
            yield http
    finally:
        runner.configure(settings)


async def sign_in(site: httpx.AsyncClient, world: World, email: str) -> httpx.Response:
    return await site.post(
        "/demo/mailbox/login",
        data={"tenant": world.tenant.slug, "email": email, "password": PASSWORD},
    )


async def test_staff_see_what_the_demo_sent(
    db: Database,
    world: World,
    settings: Settings,
    catcher: MailCatcher,
    demo_site: httpx.AsyncClient,
) -> None:
    store = world.stores[0]
    order = await order_in(db, world, store, OrderStatus.DELIVERED)
    demo_settings = catcher.settings_for(settings)
    await run_jobs(demo_settings)
    await run_jobs(demo_settings)
    sent = [m for m in catcher.messages() if franchisee_email(world, store) in m.to]
    assert any("请为配货单" in m.subject and order.number in m.subject for m in sent)
    assert all(m.tenant_id == world.tenant.id for m in sent)

    anonymous = await demo_site.get("/demo/mailbox")
    assert anonymous.status_code == 200 and 'action="/demo/mailbox/login"' in anonymous.text
    assert order.number not in anonymous.text
    signed_in = await sign_in(demo_site, world, world.hq.email)
    assert signed_in.status_code == 303
    page = await demo_site.get("/demo/mailbox")
    assert page.status_code == 200
    assert f"请为配货单 {order.number} 打分" in page.text
    assert franchisee_email(world, store) in page.text
    assert "/surveys/" in page.text  # the body, with the survey link
    listed = await demo_site.get(
        "/demo/mailbox/messages.json",
        headers={"Authorization": f"Bearer {world.merchandisers[0].token(settings)}"},
    )
    assert listed.status_code == 200
    mails = listed.json()
    assert {"number", "receivedAt", "from", "to", "subject", "body"} <= set(mails[0])
    assert any(order.number in m["subject"] for m in mails)


async def test_franchisees_and_other_tenants_do_not_see_it(
    db: Database,
    world: World,
    settings: Settings,
    catcher: MailCatcher,
    demo_site: httpx.AsyncClient,
) -> None:
    await send_email(
        catcher.settings_for(settings),
        Outgoing(
            1,
            "order.proposed",
            ContactChannel.EMAIL,
            "a@example.test",
            "Secret <b>x</b>",
            "body",
            "en",
            "S1",
            "Store",
            world.tenant.id,
        ),
    )
    franchisee = world.franchisees[0].token(settings)
    json_refused = await demo_site.get(
        "/demo/mailbox/messages.json", headers={"Authorization": f"Bearer {franchisee}"}
    )
    assert json_refused.status_code == 403
    assert (await sign_in(demo_site, world, world.franchisees[0].email)).status_code == 403
    assert (await demo_site.get("/demo/mailbox/messages.json")).status_code == 401
    other = await make_world(db)
    theirs = await demo_site.get(
        "/demo/mailbox/messages.json",
        headers={"Authorization": f"Bearer {other.hq.token(settings)}"},
    )
    assert theirs.status_code == 200 and theirs.json() == []
    ours = await demo_site.get(
        "/demo/mailbox", headers={"Authorization": f"Bearer {world.hq.token(settings)}"}
    )
    assert "Secret &lt;b&gt;x&lt;/b&gt;" in ours.text and "<b>x</b>" not in ours.text
    wrong = await demo_site.post(
        "/demo/mailbox/login",
        data={"tenant": world.tenant.slug, "email": world.hq.email, "password": "nope"},
    )
    assert wrong.status_code == 401 and "peihuo_mailbox" not in wrong.headers.get("set-cookie", "")


async def test_there_is_no_mailbox_outside_the_demo(
    world: World, settings: Settings, client: httpx.AsyncClient
) -> None:
    assert running() is None
    answer = await client.get(
        "/demo/mailbox/messages.json",
        headers={"Authorization": f"Bearer {world.hq.token(settings)}"},
    )
    assert answer.status_code == 404


def test_the_catcher_moves_to_a_free_port_when_its_own_is_taken(settings: Settings) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        moved = catcher_for(settings.model_copy(update={"smtp_port": port}))
    assert moved.port != port
    assert catcher_for(settings.model_copy(update={"smtp_port": port})).port == port
