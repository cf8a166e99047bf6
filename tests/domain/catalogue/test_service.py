"""Catalogue service: styles and SKUs created, changed and upserted, with every rule checked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.audit.models import AuditEntry
from domain.catalogue.models import Product, Sku
from domain.catalogue.service import (
    ProductChanges,
    ProductFields,
    ProductsRejected,
    SkuFields,
    create_product,
    ean13_valid,
    update_product,
    upsert_products,
)
from domain.db import Database
from domain.errors import Forbidden
from domain.permissions import Role
from domain.tenancy.session import tenant_session
from tests.factories import make_member, make_tenant, system, unique

GOOD_EAN = "4006381333931"


def style(code: str, *skus: SkuFields, price: str = "299.00") -> ProductFields:
    return ProductFields(
        code=code,
        name="Wool jumper",
        category="knitwear",
        retail_price=Decimal(price),
        unit_cost=Decimal("120.00"),
        skus=list(skus),
    )


def sku(code: str, barcode: str | None = None, size: str = "M", pack: int = 1) -> SkuFields:
    return SkuFields(code=code, colour="navy", size=size, barcode=barcode, pack_size=pack)


def test_ean13_check_digit() -> None:
    assert ean13_valid(GOOD_EAN)
    assert not ean13_valid("4006381333932")


async def test_create_product_with_skus_is_audited(db: Database) -> None:
    tenant = await make_tenant(db)
    code = unique("P")
    async with tenant_session(db, system(tenant)) as session:
        product = await create_product(
            session,
            system(tenant),
            style(f" {code} ", sku(f"{code}-M", GOOD_EAN), sku(f"{code}-L", size="L")),
        )
        await session.commit()
        assert product.code == code
        assert [s.code for s in product.skus] == [f"{code}-M", f"{code}-L"]
        actions = set(await session.scalars(select(AuditEntry.action)))
    assert {"products.create", "skus.create"} <= actions


async def test_every_problem_is_reported_with_its_path_and_nothing_written(db: Database) -> None:
    tenant = await make_tenant(db)
    actor = system(tenant)
    taken = unique("P")
    async with tenant_session(db, actor) as session:
        await create_product(session, actor, style(taken, sku(f"{taken}-M", GOOD_EAN)))
        await session.commit()
    bad = style(
        "",
        sku("A1", "4006381333932"),  # wrong check digit
        sku("A1", GOOD_EAN, pack=0),  # duplicate code, barcode of another style, pack 0
        price="-1",
    )
    async with tenant_session(db, actor) as session:
        with pytest.raises(ProductsRejected) as caught:
            await create_product(session, actor, bad)
        await session.rollback()
        assert await session.scalar(select(Sku.id).where(Sku.code == "A1")) is None
    found = {(e.field, e.code.value) for e in caught.value.errors}
    assert found == {
        ("code", "REQUIRED"),
        ("retail_price", "INVALID"),
        ("skus[0].barcode", "INVALID"),
        ("skus[1].pack_size", "INVALID"),
        ("skus[1].code", "DUPLICATE"),
        ("skus[1].barcode", "DUPLICATE"),
    }


async def test_update_adds_and_changes_skus_by_code(db: Database) -> None:
    tenant = await make_tenant(db)
    actor = system(tenant)
    code, other = unique("P"), unique("P")
    async with tenant_session(db, actor) as session:
        product = await create_product(session, actor, style(code, sku(f"{code}-M")))
        await create_product(session, actor, style(other, sku(f"{other}-M")))
        await session.commit()
        updated = await update_product(
            session,
            actor,
            product.id,
            ProductChanges(
                name="Cashmere jumper",
                skus=[sku(f"{code}-M", GOOD_EAN, pack=2), sku(f"{code}-XL", size="XL")],
            ),
        )
        await session.commit()
        assert updated.name == "Cashmere jumper"
        assert updated.retail_price == Decimal("299.00")
        assert [(s.code, s.barcode, s.pack_size) for s in updated.skus] == [
            (f"{code}-M", GOOD_EAN, 2),
            (f"{code}-XL", None, 1),
        ]
        with pytest.raises(ProductsRejected) as caught:
            await update_product(
                session, actor, product.id, ProductChanges(skus=[sku(f"{other}-M")])
            )
    assert [(e.field, e.code.value) for e in caught.value.errors] == [("skus[0].code", "DUPLICATE")]


async def test_upsert_by_code_is_idempotent_and_codes_are_per_tenant(db: Database) -> None:
    first, second = await make_tenant(db), await make_tenant(db)
    code = unique("P")
    items = [style(code, sku(f"{code}-M", GOOD_EAN), sku(f"{code}-L", size="L"))]
    async with tenant_session(db, system(first)) as session:
        created = await upsert_products(session, system(first), items)
        await session.commit()
        again = await upsert_products(session, system(first), items)
        await session.commit()
        count = len(list(await session.scalars(select(Product).where(Product.code == code))))
    assert (created.created, created.updated) == (1, 0)
    assert (again.created, again.updated) == (0, 1)
    assert count == 1
    async with tenant_session(db, system(second)) as session:
        other = await upsert_products(session, system(second), items)
        await session.commit()
    assert other.created == 1


async def test_merchandiser_may_not_change_the_catalogue(db: Database) -> None:
    tenant = await make_tenant(db)
    member = await make_member(db, tenant, Role.MERCHANDISER)
    async with tenant_session(db, member.actor) as session:
        with pytest.raises(Forbidden):
            await create_product(session, member.actor, style(unique("P")))
