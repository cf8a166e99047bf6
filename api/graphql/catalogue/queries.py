"""Catalogue queries: styles and SKUs, as Relay connections."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute
from strawberry import relay

from api.graphql.catalogue.types import ProductFilter, ProductType, SkuFilter, SkuType
from api.graphql.context import Info
from api.graphql.permissions import needs
from api.graphql.relay import Connection, decode_id
from domain.catalogue.models import Product, Season, Sku
from domain.catalogue.search import SkuSearch, sku_search_statement
from domain.catalogue.search import check as check_search
from domain.errors import DomainError, NotFound
from domain.permissions import Permission
from domain.stores.access import visible_store

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


def _contains(column: InstrumentedAttribute[Any], text: str) -> ColumnElement[bool]:
    return func.lower(column).contains(text.lower(), autoescape=True)


def products_statement(filter: ProductFilter | None) -> Select[Product]:
    """Styles matching a filter, by code."""
    stmt = select(Product)
    if filter is not None:
        if filter.category is not None:
            stmt = stmt.where(Product.category == filter.category)
        if filter.season is not None:
            stmt = stmt.where(Product.season == Season[filter.season.name])
        if filter.active is not None:
            stmt = stmt.where(Product.is_active.is_(filter.active))
        text = (filter.search or "").strip()
        if text:
            sku_match = exists().where(
                Sku.product_id == Product.id, or_(Sku.code == text, Sku.barcode == text)
            )
            stmt = stmt.where(
                or_(
                    _contains(Product.code, text),
                    _contains(Product.name, text),
                    _contains(Product.name_en, text),
                    sku_match,
                )
            )
    return stmt.order_by(Product.code, Product.id)


async def skus_statement(info: Info, filter: SkuFilter | None) -> Select[Sku]:
    """SKUs matching a filter: by code, or best match first when searching."""
    if filter is None:
        return select(Sku).order_by(Sku.code, Sku.id)
    search = SkuSearch(
        text=filter.search,
        category=filter.category,
        price_min=filter.price_min,
        price_max=filter.price_max,
    )
    check_search(search)
    if filter.store_id is not None:
        store_id = decode_id(filter.store_id, "Store", "filter.storeId")
        try:
            store = await visible_store(
                info.context.session, info.context.actor, store_id, Permission.STORE_READ
            )
        except DomainError:
            raise NotFound("store", "filter.storeId") from None
        search = replace(
            search,
            excluded_categories=tuple(store.excluded_categories or ()),
            excluded_skus=tuple(store.excluded_skus or ()),
        )
    stmt = sku_search_statement(search)
    if filter.product_id is not None:
        stmt = stmt.where(
            Sku.product_id == decode_id(filter.product_id, "Product", "filter.productId")
        )
    if filter.barcode is not None:
        stmt = stmt.where(Sku.barcode == filter.barcode.strip())
    if filter.code is not None:
        stmt = stmt.where(Sku.code == filter.code.strip())
    if filter.active is not None:
        stmt = stmt.where(Sku.is_active.is_(filter.active))
    return stmt


@strawberry.type
class CatalogueQueries:
    """Queries on the catalogue."""

    @strawberry.field(
        description="Styles of the tenant, by code.",
        permission_classes=needs(Permission.CATALOGUE_READ),
    )
    async def products(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            ProductFilter | None, strawberry.argument(description="Which styles.")
        ] = None,
    ) -> Connection[ProductType]:
        return await Connection[ProductType].page(
            info, products_statement(filter), ProductType.from_model, first, after
        )

    @strawberry.field(
        description="One style by id (null when missing).",
        permission_classes=needs(Permission.CATALOGUE_READ),
    )
    async def product(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The style's id.")],
    ) -> ProductType | None:
        row = await info.context.loaders.by_id(Product).load(decode_id(id, "Product", "id"))
        return ProductType.from_model(row) if row is not None else None

    @strawberry.field(
        description="SKUs of the tenant, by code; with `filter.search`, best match first (the "
        "add-a-SKU flow: with `filter.storeId`, only what the store may be sent).",
        permission_classes=needs(Permission.CATALOGUE_READ),
    )
    async def skus(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[SkuFilter | None, strawberry.argument(description="Which SKUs.")] = None,
    ) -> Connection[SkuType]:
        stmt = await skus_statement(info, filter)
        return await Connection[SkuType].page(info, stmt, SkuType.from_model, first, after)
