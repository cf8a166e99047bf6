"""Catalogue mutations: create and change styles with their SKUs."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.catalogue.types import (
    ProductCreateInput,
    ProductPayload,
    ProductsUpsertInput,
    ProductsUpsertPayload,
    ProductType,
    ProductUpdateInput,
)
from api.graphql.context import Info
from api.graphql.errors import UserError, camel_path, mutate
from api.graphql.payloads import refusal, refused
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from domain.catalogue import service
from domain.errors import Invalid
from domain.permissions import Permission

MAX_STYLES = 2000


def _problems(rejected: service.ProductsRejected) -> list[UserError]:
    return [
        UserError(
            field=camel_path(f"input.products[{p.product}].{p.path}".rstrip(".")),
            code=p.error.code,
            message=p.error.message,
        )
        for p in rejected.problems
    ]


@strawberry.type
class CatalogueMutations:
    """Mutations on the catalogue."""

    @strawberry.mutation(
        description="Create a style with its SKUs (codes and barcodes unique in the tenant).",
        permission_classes=needs(Permission.CATALOGUE_WRITE),
    )
    async def product_create(
        self,
        info: Info,
        input: Annotated[ProductCreateInput, strawberry.argument(description="The new style.")],
    ) -> ProductPayload:
        async def run() -> ProductPayload:
            product = await service.create_product(
                info.context.session, info.context.actor, input.to_fields()
            )
            return ProductPayload(product=ProductType.from_model(product), user_errors=[])

        return await mutate(info, run, refusal(ProductPayload))

    @strawberry.mutation(
        description="Change a style; SKUs given are added or changed by code, the others are kept.",
        permission_classes=needs(Permission.CATALOGUE_WRITE),
    )
    async def product_update(
        self,
        info: Info,
        input: Annotated[ProductUpdateInput, strawberry.argument(description="The changes.")],
    ) -> ProductPayload:
        async def run() -> ProductPayload:
            product = await service.update_product(
                info.context.session,
                info.context.actor,
                decode_id(input.id, "Product", "id"),
                input.to_changes(),
            )
            return ProductPayload(product=ProductType.from_model(product), user_errors=[])

        return await mutate(info, run, refusal(ProductPayload))

    @strawberry.mutation(
        description=(
            "Create or change many styles with their SKUs by code (an ERP feed): every style is "
            "checked first, and all are written or, if any is bad, none."
        ),
        permission_classes=needs(Permission.CATALOGUE_WRITE),
    )
    async def products_upsert(
        self,
        info: Info,
        input: Annotated[ProductsUpsertInput, strawberry.argument(description="The styles.")],
    ) -> ProductsUpsertPayload:
        rejected: list[service.ProductsRejected] = []

        async def run() -> ProductsUpsertPayload:
            if not input.products or len(input.products) > MAX_STYLES:
                raise Invalid("products", f"give 1 to {MAX_STYLES} styles")
            try:
                counts = await service.upsert_products(
                    info.context.session,
                    info.context.actor,
                    [p.to_fields() for p in input.products],
                    write=not input.dry_run,
                    source="graphql",
                )
            except service.ProductsRejected as error:
                rejected.append(error)
                raise
            return ProductsUpsertPayload(
                count=counts.total, created=counts.created, updated=counts.updated, user_errors=[]
            )

        def failed(errors: list[UserError]) -> ProductsUpsertPayload:
            found = _problems(rejected[0]) if rejected else errors
            return refused(ProductsUpsertPayload, found, count=0, created=0, updated=0)

        return await mutate(info, run, failed)
