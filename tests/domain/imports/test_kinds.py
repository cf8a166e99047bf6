"""The catalogue and store files: styles grouped from SKU rows, stores checked by the stores'
own rules and by the permission each change needs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.bulk.rows import RowsRejected
from domain.catalogue.models import Product, Sku
from domain.db import Database
from domain.errors import ErrorCode
from domain.imports.service import import_file
from domain.imports.tabular import write_table
from domain.permissions import Actor
from domain.stores.models import MerchandiserAssignment, Store
from domain.tenancy.session import tenant_session
from tests.factories import World, system

PRODUCTS = ["product_code", "name", "category", "season", "retail_price", "unit_cost", "sku_code",
            "colour", "size", "barcode", "pack_size"]  # fmt: skip


async def run_import(db: Database, actor: Actor, kind: str, path: Path) -> None:
    async with tenant_session(db, actor) as session:
        await import_file(session, actor, kind, path)
        await session.commit()


async def test_sku_rows_make_styles_and_a_known_code_changes_its_style(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "products.csv"
    write_table(path, PRODUCTS, [
        ["NEW-1", "羊毛大衣", "coats", "AW", "899", "350", "NEW-1-BLK-M", "black", "M", "6901234567892", 1],
        ["NEW-1", "羊毛大衣", "coats", "AW", "899", "350", "NEW-1-BLK-L", "black", "L", "", 1],
        ["NEW-2", "船袜", "socks", "ALL", "29", "8", "NEW-2-WHT-F", "white", "F", "", 6],
    ])  # fmt: skip
    await run_import(db, system(world.tenant), "products", path)
    async with tenant_session(db, system(world.tenant)) as session:
        coats = await session.scalar(select(Product).where(Product.code == "NEW-1"))
        skus = (await session.scalars(select(Sku.code).where(Sku.product_id == coats.id))).all()
        socks = await session.scalar(select(Sku).where(Sku.code == "NEW-2-WHT-F"))
    assert coats.retail_price == Decimal("899.00") and coats.season.value == "AW"
    assert sorted(skus) == ["NEW-1-BLK-L", "NEW-1-BLK-M"]
    assert socks.pack_size == 6


async def test_style_fields_must_agree_and_sku_problems_point_at_their_row(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "products.csv"
    write_table(path, PRODUCTS, [
        ["NEW-1", "羊毛大衣", "coats", "AW", "899", "350", "NEW-1-BLK-M", "black", "M", "", 1],
        ["NEW-1", "羊毛大衣", "coats", "AW", "799", "350", "NEW-1-BLK-L", "black", "L", "", 1],
        ["NEW-2", "船袜", "socks", "ALL", "29", "8", "NEW-2-WHT-F", "white", "F", "6901234567890", 0],
        ["NEW-3", "T恤", "t_shirts", "summer", "59", "20", "NEW-3-WHT-M", "white", "M", "", 1],
    ])  # fmt: skip
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, system(world.tenant), "products", path)
    found = {(e.row, e.field) for e in caught.value.rows}
    assert found == {(3, "retail_price"), (4, "barcode"), (4, "pack_size"), (5, "season")}
    async with tenant_session(db, system(world.tenant)) as session:
        assert await session.scalar(select(Product).where(Product.code.like("NEW-%"))) is None


def store_row(
    code: str, region: str, province: str, merchandiser: str, **more: str
) -> dict[str, str]:
    return {"code": code, "name": f"Shop {code}", "region_code": region, "province": province,
            "city": "Somewhere", "merchandiser": merchandiser, "budget": "20000", **more}  # fmt: skip


def write_stores(path: Path, rows: list[dict[str, str]]) -> None:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    write_table(path, columns, [[r.get(c, "") for c in columns] for r in rows])


async def test_a_new_store_opens_with_its_merchandiser_assigned(
    db: Database, world: World, tmp_path: Path
) -> None:
    merchandiser = world.merchandisers[0]
    path = tmp_path / "stores.csv"
    write_stores(
        path,
        [store_row("NEW-S1", "R1", "北京", merchandiser.email, excluded_categories="coats|socks")],
    )
    await run_import(db, system(world.tenant), "stores", path)
    async with tenant_session(db, system(world.tenant)) as session:
        store = await session.scalar(select(Store).where(Store.code == "NEW-S1"))
        assignment = await session.scalar(
            select(MerchandiserAssignment).where(MerchandiserAssignment.store_id == store.id)
        )
    assert store.province == "Beijing" and store.budget == Decimal("20000.00")
    assert store.excluded_categories == ["coats", "socks"]
    assert assignment.merchandiser_id == merchandiser.user.id and assignment.ended_at is None


async def test_store_rows_are_checked_by_the_stores_rules(
    db: Database, world: World, tmp_path: Path
) -> None:
    r1_merchandiser, r2_merchandiser = world.merchandisers[0], world.merchandisers[2]
    path = tmp_path / "stores.csv"
    write_stores(path, [
        store_row("NEW-S1", "R9", "Beijing", r1_merchandiser.email),
        store_row("NEW-S2", "R1", "Beijing", r2_merchandiser.email),
        store_row("NEW-S3", "R1", "Jiangsu", r1_merchandiser.email),
        store_row(world.stores[0].code, "R1", "Beijing", r1_merchandiser.email, budget="-5"),
        store_row("NEW-S4", "R1", "Beijing", r1_merchandiser.email, quiet_hours_start="25:00"),
        store_row("NEW-S1", "R1", "Beijing", r1_merchandiser.email),
    ])  # fmt: skip
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, system(world.tenant), "stores", path)
    found = {(e.row, e.field) for e in caught.value.rows}
    assert found == {
        (2, "region_code"),
        (3, "merchandiser"),
        (4, "province"),
        (5, "budget"),
        (6, "quiet_hours_start"),
        (7, "code"),
    }
    async with tenant_session(db, system(world.tenant)) as session:
        assert await session.scalar(select(Store).where(Store.code.like("NEW-%"))) is None


async def test_a_file_with_a_few_columns_changes_only_those(
    db: Database, world: World, tmp_path: Path
) -> None:
    store = world.stores[0]
    path = tmp_path / "budgets.csv"
    write_table(path, ["code", "budget", "price_max"], [[store.code, "12345.50", ""]])
    await run_import(db, system(world.tenant), "stores", path)
    async with tenant_session(db, system(world.tenant)) as session:
        changed = await session.get(Store, store.id)
    assert changed.budget == Decimal("12345.50") and changed.price_max is None
    assert (changed.name, changed.city, changed.merchandiser_id) == (
        store.name,
        store.city,
        store.merchandiser_id,
    )


async def test_a_merchandiser_may_change_only_the_stores_it_serves(
    db: Database, world: World, tmp_path: Path
) -> None:
    merchandiser = world.merchandisers[0]
    own = next(s for s in world.stores if s.merchandiser_id == merchandiser.user.id)
    other = next(
        s
        for s in world.stores
        if s.merchandiser_id != merchandiser.user.id and s.region_id == own.region_id
    )
    path = tmp_path / "budgets.csv"
    write_table(path, ["code", "budget"], [[own.code, "9000"], [other.code, "9000"]])
    with pytest.raises(RowsRejected) as caught:
        await run_import(db, merchandiser.actor, "stores", path)
    assert [(e.row, e.field, e.code) for e in caught.value.rows] == [
        (3, "code", ErrorCode.FORBIDDEN)
    ]
    write_table(path, ["code", "budget"], [[own.code, "9000"]])
    await run_import(db, merchandiser.actor, "stores", path)
