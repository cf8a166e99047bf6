"""GraphQL types for styles (products) and SKUs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Self

import strawberry
from sqlalchemy import Row
from strawberry import relay

from api.graphql.context import Info
from api.graphql.errors import UserError
from api.graphql.relay import ModelNode
from domain.catalogue.models import Product, Season, Sku
from domain.catalogue.service import ProductChanges, ProductFields, SkuFields


@strawberry.enum(name="Season", description="Selling season of a style.")
class SeasonEnum(Enum):
    """Season, as in domain.catalogue.models.Season."""

    SPRING_SUMMER = strawberry.enum_value(
        Season.SPRING_SUMMER.value, description="Spring and summer."
    )
    AUTUMN_WINTER = strawberry.enum_value(
        Season.AUTUMN_WINTER.value, description="Autumn and winter."
    )
    ALL_SEASON = strawberry.enum_value(Season.ALL_SEASON.value, description="Sold all year.")


@strawberry.type(
    name="Sku", description="One colour × size of a style: the unit that is stocked and sent."
)
class SkuType(ModelNode):
    """A SKU."""

    __model__ = Sku

    id: relay.NodeID[int]
    code: str = strawberry.field(description="SKU code, unique in the tenant.")
    colour: str = strawberry.field(description="Colour.")
    size: str = strawberry.field(description="Size.")
    barcode: str | None = strawberry.field(
        description="Barcode (EAN-13 when 13 digits), unique in the tenant."
    )
    pack_size: int = strawberry.field(description="Units per pack: orders are in whole packs.")
    active: bool = strawberry.field(description="Whether the SKU can still be ordered.")
    product_id: strawberry.Private[int]

    @strawberry.field(description="The style this SKU belongs to.")
    async def product(self, info: Info) -> ProductType:
        row = await info.context.loaders.by_id(Product).load(self.product_id)
        assert row is not None  # a visible SKU's style is visible
        return ProductType.from_model(row)

    @classmethod
    def from_model(cls, row: Sku | Row[*tuple[Any, ...]]) -> Self:
        """From a SKU, or a row of SKU_COLUMNS."""
        return cls(
            id=row.id,
            code=row.code,
            colour=row.colour,
            size=row.size,
            barcode=row.barcode,
            pack_size=row.pack_size,
            active=row.is_active,
            product_id=row.product_id,
        )


SKU_COLUMNS = (
    Sku.id,
    Sku.code,
    Sku.colour,
    Sku.size,
    Sku.barcode,
    Sku.pack_size,
    Sku.is_active,
    Sku.product_id,
)
"""The columns SkuType shows: a read path may select just these, as a plain row."""


@strawberry.type(
    name="Product", description="A style: what the catalogue shows, priced once for all its SKUs."
)
class ProductType(ModelNode):
    """A style."""

    __model__ = Product

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Style code, unique in the tenant.")
    name: str = strawberry.field(description="Display name.")
    name_en: str | None = strawberry.field(description="English name, if any.")
    category: str = strawberry.field(description="Category (e.g. knitwear).")
    season: SeasonEnum = strawberry.field(description="Selling season.")
    retail_price: Decimal = strawberry.field(description="Retail price of one unit.")
    unit_cost: Decimal = strawberry.field(description="What one unit costs headquarters.")
    launched_on: date | None = strawberry.field(description="Launch date.")
    active: bool = strawberry.field(description="Whether the style is still sold.")

    @strawberry.field(description="The style's SKUs, in creation order.")
    async def skus(self, info: Info) -> list[SkuType]:
        rows = await info.context.loaders.children(Sku.product_id, order_by=(Sku.id,)).load(self.id)
        return [SkuType.from_model(r) for r in rows]

    @classmethod
    def from_model(cls, row: Product) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            category=row.category,
            season=SeasonEnum[row.season.name],
            retail_price=row.retail_price,
            unit_cost=row.unit_cost,
            launched_on=row.launched_on,
            active=row.is_active,
        )


@strawberry.input(description="Which styles to list; omitted filters match everything.")
class ProductFilter:
    """Filters on styles."""

    category: str | None = strawberry.field(default=None, description="Exact category.")
    season: SeasonEnum | None = strawberry.field(default=None, description="Selling season.")
    search: str | None = strawberry.field(
        default=None,
        description="Text in the code, name or English name, or a SKU code or barcode.",
    )
    active: bool | None = strawberry.field(
        default=None, description="Only active (true) or retired (false) styles."
    )


@strawberry.input(description="Which SKUs to list; omitted filters match everything.")
class SkuFilter:
    """Filters on SKUs."""

    product_id: relay.GlobalID | None = strawberry.field(
        default=None, description="SKUs of this style."
    )
    barcode: str | None = strawberry.field(default=None, description="Exact barcode.")
    code: str | None = strawberry.field(default=None, description="Exact SKU code.")
    active: bool | None = strawberry.field(
        default=None, description="Only active (true) or retired (false) SKUs."
    )
    search: str | None = strawberry.field(
        default=None,
        description="What a person types: a SKU or style code or its beginning, words of the "
        "style's name (Chinese or English) or the colour; every word must match. Ranked: exact "
        "code or barcode first, then codes starting with the text, then name and colour "
        "matches (at most 100 characters, 6 words).",
    )
    category: str | None = strawberry.field(default=None, description="Of this category (exact).")
    price_min: Decimal | None = strawberry.field(
        default=None, description="Retail price at least this."
    )
    price_max: Decimal | None = strawberry.field(
        default=None, description="Retail price at most this."
    )
    store_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Leave out what this store's passport excludes (categories and SKUs): what "
        "may be added to its order. NOT_FOUND when the viewer cannot see the store.",
    )


@strawberry.input(description="A SKU of a style; on update, matched to an existing SKU by code.")
class SkuInput:
    """Fields of a SKU."""

    code: str = strawberry.field(description="SKU code, unique in the tenant.")
    colour: str = strawberry.field(description="Colour.")
    size: str = strawberry.field(description="Size.")
    barcode: str | None = strawberry.field(
        default=None,
        description="Barcode, unique in the tenant; 13 digits must carry a valid EAN-13 check digit.",
    )
    pack_size: int = strawberry.field(default=1, description="Units per pack (at least 1).")
    active: bool = strawberry.field(default=True, description="Whether the SKU can be ordered.")

    def to_fields(self) -> SkuFields:
        """The service's form."""
        return SkuFields(
            code=self.code,
            colour=self.colour,
            size=self.size,
            barcode=self.barcode,
            pack_size=self.pack_size,
            is_active=self.active,
        )


@strawberry.input(description="A new style with its SKUs.")
class ProductCreateInput:
    """Fields of a new style."""

    code: str = strawberry.field(description="Style code, unique in the tenant.")
    name: str = strawberry.field(description="Display name.")
    category: str = strawberry.field(description="Category.")
    retail_price: Decimal = strawberry.field(
        description="Retail price of one unit (above 0, 2 decimals)."
    )
    unit_cost: Decimal = strawberry.field(
        description="What one unit costs headquarters (not negative)."
    )
    name_en: str | None = strawberry.field(default=None, description="English name.")
    season: SeasonEnum = strawberry.field(
        default=SeasonEnum.ALL_SEASON, description="Selling season."
    )
    launched_on: date | None = strawberry.field(default=None, description="Launch date.")
    active: bool = strawberry.field(default=True, description="Whether the style is sold.")
    skus: list[SkuInput] = strawberry.field(default_factory=list, description="The style's SKUs.")

    def to_fields(self) -> ProductFields:
        """The service's form."""
        return ProductFields(
            code=self.code,
            name=self.name,
            category=self.category,
            retail_price=self.retail_price,
            unit_cost=self.unit_cost,
            name_en=self.name_en,
            season=Season[self.season.name],
            launched_on=self.launched_on,
            is_active=self.active,
            skus=[s.to_fields() for s in self.skus],
        )


@strawberry.input(description="Changes to a style; omitted fields stay as they are.")
class ProductUpdateInput:
    """Fields to change on a style."""

    id: relay.GlobalID = strawberry.field(description="The style to change.")
    code: str | None = strawberry.field(default=None, description="New style code.")
    name: str | None = strawberry.field(default=None, description="New display name.")
    name_en: str | None = strawberry.field(default=None, description="New English name.")
    category: str | None = strawberry.field(default=None, description="New category.")
    season: SeasonEnum | None = strawberry.field(default=None, description="New selling season.")
    retail_price: Decimal | None = strawberry.field(default=None, description="New retail price.")
    unit_cost: Decimal | None = strawberry.field(default=None, description="New unit cost.")
    launched_on: date | None = strawberry.field(default=None, description="New launch date.")
    active: bool | None = strawberry.field(
        default=None, description="Retire (false) or reactivate (true)."
    )
    skus: list[SkuInput] | None = strawberry.field(
        default=None,
        description="SKUs to add or change, matched by code; SKUs not listed stay as they are.",
    )

    def to_changes(self) -> ProductChanges:
        """The service's form."""
        return ProductChanges(
            code=self.code,
            name=self.name,
            name_en=self.name_en,
            category=self.category,
            season=Season[self.season.name] if self.season is not None else None,
            retail_price=self.retail_price,
            unit_cost=self.unit_cost,
            launched_on=self.launched_on,
            is_active=self.active,
            skus=[s.to_fields() for s in self.skus] if self.skus is not None else None,
        )


@strawberry.type(description="Result of a style mutation.")
class ProductPayload:
    """The style as saved, or the reasons it was not."""

    product: ProductType | None = strawberry.field(description="The style, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(description="Styles with their SKUs, created or changed by code; all or none.")
class ProductsUpsertInput:
    """A batch of styles."""

    products: list[ProductCreateInput] = strawberry.field(
        description="Up to 2000 styles; a known code changes that style, SKUs matched by code "
        "(SKUs not listed stay as they are)."
    )
    dry_run: bool = strawberry.field(
        default=False, description="Check every style and SKU, write nothing."
    )


@strawberry.type(description="Result of a bulk catalogue upsert.")
class ProductsUpsertPayload:
    """Counts of styles, or every problem (nothing written then)."""

    count: int = strawberry.field(description="Styles written (or, on a dry run, checked).")
    created: int = strawberry.field(description="Styles that did not exist before.")
    updated: int = strawberry.field(description="Styles that existed and were changed.")
    user_errors: list[UserError] = strawberry.field(
        description="Every problem, at `input.products[i]…` paths."
    )
