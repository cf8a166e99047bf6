"""Chat webhook URLs are checked by the outbound guard wherever a store gets one: the API, the
services and store files; the operator's list lets an on-premises chat gateway through."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.bulk.rows import RowsRejected
from domain.db import Database
from domain.errors import DomainError
from domain.imports.service import import_file
from domain.imports.tabular import write_table
from domain.settings import Settings
from domain.stores import service
from domain.stores.fields import StoreFields
from domain.stores.models import Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system


async def set_webhook(db: Database, world: World, url: str) -> Store:
    actor = system(world.tenant)
    async with tenant_session(db, actor) as session:
        store = await service.set_preferences(
            session, actor, world.stores[0].id, StoreFields(chat_webhook_url=url)
        )
        await session.commit()
        return store


async def test_a_store_file_with_an_internal_webhook_is_refused_by_row_and_column(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "stores.csv"
    write_table(path, ["code", "chat_webhook_url"], [
        [world.stores[0].code, "https://[::ffff:169.254.169.254]/latest"],
        [world.stores[1].code, "https://93.184.216.34/hooks/s2"],
        [world.stores[2].code, "http://93.184.216.34/hooks/s3"],
    ])  # fmt: skip
    actor = system(world.tenant)
    with pytest.raises(RowsRejected) as caught:
        async with tenant_session(db, actor) as session:
            await import_file(session, actor, "stores", path)
    assert [(e.row, e.field, e.message.split(":")[0]) for e in caught.value.rows] == [
        (2, "chat_webhook_url", "refused"),
        (4, "chat_webhook_url", "refused"),
    ]


async def test_the_operator_list_lets_an_on_premises_chat_gateway_be_set(
    db: Database, world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "http://10.20.0.7:8080/hooks/s1"
    with pytest.raises(DomainError) as caught:
        await set_webhook(db, world, url)
    assert caught.value.errors[0].field == "chat_webhook_url"
    listed = settings.model_copy(update={"outbound_allowed_hosts": ["10.20.0.0/16:8080"]})
    monkeypatch.setattr("domain.stores.fields.get_settings", lambda: listed)
    assert (await set_webhook(db, world, url)).chat_webhook_url == url


async def test_a_webhook_that_stays_the_same_is_not_refused_again(
    db: Database, world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set while the operator listed the gateway; unlisted since, other changes still go
    # through (each call is checked when it is made).
    url = "https://10.20.0.7/hooks/s1"
    listed = settings.model_copy(update={"outbound_allowed_hosts": ["10.20.0.7"]})
    monkeypatch.setattr("domain.stores.fields.get_settings", lambda: listed)
    await set_webhook(db, world, url)
    monkeypatch.undo()
    actor = system(world.tenant)
    async with tenant_session(db, actor) as session:
        store = await service.set_preferences(
            session,
            actor,
            world.stores[0].id,
            StoreFields(chat_webhook_url=url, preferred_channel="chat"),
        )
    assert store.chat_webhook_url == url
