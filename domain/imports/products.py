"""Catalogue files: one row per SKU, with its style's fields repeated on each of its rows.

Rows with the same product code are one style, and must agree on the style's fields. Styles
and SKUs are matched by code: new ones are created, existing ones changed, SKUs of a style
that the file does not mention are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import UpsertCounts
from domain.bulk.rows import RowErrors
from domain.catalogue.models import Product, Season, Sku
from domain.catalogue.service import ProductFields, ProductsRejected, SkuFields, upsert_products
from domain.imports.columns import (
    UNREADABLE,
    Column,
    amount,
    boolean,
    day,
    integer,
    with_stand_ins,
)
from domain.imports.kinds import Kind, Progress, Record, Statement
from domain.permissions import Actor, Permission, authorize

_SEASONS = {s.value.lower(): s for s in Season} | {s.name.lower(): s for s in Season}
_SEASONS |= {"春夏": Season.SPRING_SUMMER, "秋冬": Season.AUTUMN_WINTER, "四季": Season.ALL_SEASON}


def season(value: str) -> Season:
    """SS, AW or ALL (also spring_summer, autumn_winter, all_season, 春夏, 秋冬, 四季)."""
    found = _SEASONS.get(value.strip().lower())
    if found is None:
        raise ValueError(f"{value!r} is not a season (SS, AW or ALL)")
    return found


COLUMNS = (
    Column("product_code", "The style's code.", required=True),
    Column("name", "The style's name.", required=True),
    Column("name_en", "The style's English name."),
    Column("category", "The style's category (e.g. coats, t_shirts).", required=True),
    Column("season", "SS, AW or ALL.", parse=season, default=Season.ALL_SEASON),
    Column("retail_price", "Retail price of the style.", parse=amount, required=True),
    Column("unit_cost", "Unit cost of the style.", parse=amount, required=True),
    Column("launched_on", "When the style was launched, 2026-03-02.", parse=day),
    Column(
        "product_active", "Whether the style is sold (default true).", parse=boolean, default=True
    ),
    Column("sku_code", "The SKU's code.", required=True),
    Column("colour", "The SKU's colour.", required=True),
    Column("size", "The SKU's size.", required=True),
    Column("barcode", "The SKU's barcode (EAN-13 when 13 digits)."),
    Column("pack_size", "Units per pack (default 1).", parse=integer, default=1),
    Column("sku_active", "Whether the SKU is sold (default true).", parse=boolean, default=True),
)
_STYLE_COLUMNS = (
    "name",
    "name_en",
    "category",
    "season",
    "retail_price",
    "unit_cost",
    "launched_on",
    "product_active",
)
# Field names of the catalogue service → columns of the file.
_STYLE_FIELD = {"code": "product_code", "is_active": "product_active"}
_SKU_FIELD = {"code": "sku_code", "is_active": "sku_active"}


# What an unreadable cell stands for while the rest of its row is checked (domain.imports.columns).
_STAND_INS = {
    "product_code": "",
    "name": "",
    "category": "",
    "season": Season.ALL_SEASON,
    "retail_price": Decimal(1),
    "unit_cost": Decimal(0),
    "product_active": True,
    "sku_code": "",
    "colour": "",
    "size": "",
    "pack_size": 1,
    "sku_active": True,
}


def _style_values(rows: list[Record]) -> dict[str, Any]:
    """A style's fields: each from the first of its rows where the cell could be read."""
    style: dict[str, Any] = {}
    for column in _STYLE_COLUMNS:
        readable = (v[column] for _, v in rows if v[column] is not UNREADABLE)
        style[column] = next(readable, _STAND_INS.get(column))
    return style


def group(
    records: Sequence[Record], errors: RowErrors
) -> tuple[list[ProductFields], list[list[int]]]:
    """Styles with their SKUs, and the file rows of each style's SKUs (first row: the style's).

    A row without a readable product code is a style of its own (it is reported already)."""
    by_style: dict[str, list[Record]] = {}
    for number, v in records:
        code = v["product_code"]
        by_style.setdefault(f"#{number}" if code is UNREADABLE else code, []).append((number, v))
    items: list[ProductFields] = []
    rows: list[list[int]] = []
    for style_rows in by_style.values():
        style = _style_values(style_rows)
        first = style_rows[0][0]
        item = ProductFields(
            code=with_stand_ins(style_rows[0][1], _STAND_INS)["product_code"],
            name=style["name"],
            name_en=style["name_en"],
            category=style["category"],
            season=style["season"],
            retail_price=style["retail_price"],
            unit_cost=style["unit_cost"],
            launched_on=style["launched_on"],
            is_active=style["product_active"],
        )
        numbers: list[int] = []
        for number, values in style_rows:
            differs = [c for c in _STYLE_COLUMNS if values[c] not in (UNREADABLE, style[c])]
            for column in differs:
                errors.add(number, column, f"differs from row {first} of style {item.code}")
            if differs:
                continue
            v = with_stand_ins(values, _STAND_INS)
            item.skus.append(
                SkuFields(
                    code=v["sku_code"],
                    colour=v["colour"],
                    size=v["size"],
                    barcode=v["barcode"],
                    pack_size=v["pack_size"],
                    is_active=v["sku_active"],
                )
            )
            numbers.append(number)
        items.append(item)
        rows.append(numbers)
    return items, rows


async def load(
    session: AsyncSession,
    actor: Actor,
    records: Sequence[Record],
    write: bool,
    source: str,
    progress: Progress,
) -> UpsertCounts:
    """Check and (with `write`) create or change the styles and SKUs of the file.

    Counts are of styles (a style is created or updated with all its rows)."""
    errors = RowErrors()
    items, rows = group(records, errors)
    progress.phase("checking and writing" if write and not errors else "checking", None)
    try:
        counts = await upsert_products(
            session, actor, items, write=write and not errors, source=source
        )
    except ProductsRejected as rejected:
        for problem in rejected.problems:
            at = rows[problem.product]
            if problem.sku is None:
                field = problem.error.field or "product_code"
                errors.add(
                    at[0], _STYLE_FIELD.get(field, field), problem.error.message, problem.error.code
                )
            else:
                field = problem.error.field or "sku_code"
                errors.add(
                    at[problem.sku],
                    _SKU_FIELD.get(field, field),
                    problem.error.message,
                    problem.error.code,
                )
        counts = UpsertCounts()
    errors.raise_if_any()
    return counts


def dump(actor: Actor, start: date | None, end: date | None) -> Statement:
    """Every SKU with its style, by style code and SKU code."""
    authorize(actor, Permission.CATALOGUE_READ)
    return (
        select(
            Product.code,
            Product.name,
            Product.name_en,
            Product.category,
            Product.season,
            Product.retail_price,
            Product.unit_cost,
            Product.launched_on,
            Product.is_active,
            Sku.code,
            Sku.colour,
            Sku.size,
            Sku.barcode,
            Sku.pack_size,
            Sku.is_active,
        )
        .join(Product, Product.id == Sku.product_id)
        .order_by(Product.code, Sku.code)
    )


def format_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """The season as its code (SS, AW, ALL)."""
    values = list(row)
    values[4] = values[4].value if isinstance(values[4], Season) else values[4]
    return tuple(values)


KIND = Kind(
    name="products",
    summary="Styles and SKUs, one row per SKU (styles and SKUs matched by code).",
    columns=COLUMNS,
    load=load,
    dump=dump,
    read_permission=Permission.CATALOGUE_READ,
    write_permission=Permission.CATALOGUE_WRITE,
    format_row=format_row,
    counted="styles",
)
