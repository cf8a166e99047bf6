"""Finding SKUs by what a person types: a code or its beginning, a style name, a colour.

The text is matched case-insensitively against the catalogue as it holds it: SKU and style
codes by prefix, the style's name (Chinese) and English name and the SKU's colour anywhere.
Several words must each match something ("coat black"). Results rank an exact SKU code or
barcode first, then codes that start with the text, then name and colour matches; within a
rank, by code. Filters narrow by category and retail price band, and for a store leave out what
its passport excludes (categories and SKUs), so the add-a-SKU flow offers only what fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, not_, or_, select

from domain.catalogue.models import Product, Sku
from domain.errors import Collector

MAX_TEXT = 100
MAX_WORDS = 6


@dataclass(frozen=True)
class SkuSearch:
    """What to look for (all optional, combined with AND)."""

    text: str | None = None
    category: str | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    excluded_categories: Sequence[str] = ()
    excluded_skus: Sequence[str] = ()


def check(search: SkuSearch, prefix: str = "filter") -> None:
    """Refuse a search the service will not run (too long, an empty price band)."""
    errors = Collector()
    text = (search.text or "").strip()
    if len(text) > MAX_TEXT:
        errors.add(f"{prefix}.search", f"at most {MAX_TEXT} characters")
    elif len(text.split()) > MAX_WORDS:
        errors.add(f"{prefix}.search", f"at most {MAX_WORDS} words")
    for name, value in (("price_min", search.price_min), ("price_max", search.price_max)):
        if value is not None and value < 0:
            errors.add(f"{prefix}.{name}", "a price cannot be negative")
    low, high = search.price_min, search.price_max
    if low is not None and high is not None and high < low:
        errors.add(f"{prefix}.price_max", "the band ends below where it starts")
    errors.raise_if_any()


def _lower(column: Any) -> ColumnElement[str]:
    return func.lower(func.coalesce(column, ""))


def _word(word: str) -> ColumnElement[bool]:
    """One word matches a code's beginning, a name or the colour."""
    return or_(
        _lower(Sku.code).startswith(word, autoescape=True),
        _lower(Product.code).startswith(word, autoescape=True),
        _lower(Product.name).contains(word, autoescape=True),
        _lower(Product.name_en).contains(word, autoescape=True),
        _lower(Sku.colour).contains(word, autoescape=True),
    )


def sku_search_statement(search: SkuSearch) -> Select[Sku]:
    """SKUs matching the search, best first (see the module docstring)."""
    stmt = select(Sku).join(Product, Product.id == Sku.product_id)
    order_by: list[ColumnElement[object]] = []
    text = " ".join((search.text or "").split()).lower()
    if text:
        exact = or_(_lower(Sku.code) == text, Sku.barcode == text)
        prefix = or_(
            _lower(Sku.code).startswith(text, autoescape=True),
            _lower(Product.code).startswith(text, autoescape=True),
        )
        words = and_(*(_word(w) for w in text.split()))
        stmt = stmt.where(or_(exact, prefix, words))
        order_by.append(case((exact, 0), (prefix, 1), else_=2))
    if search.category is not None:
        stmt = stmt.where(Product.category == search.category)
    if search.price_min is not None:
        stmt = stmt.where(Product.retail_price >= search.price_min)
    if search.price_max is not None:
        stmt = stmt.where(Product.retail_price <= search.price_max)
    if search.excluded_categories:
        stmt = stmt.where(not_(Product.category.in_(list(search.excluded_categories))))
    if search.excluded_skus:
        stmt = stmt.where(not_(Sku.code.in_(list(search.excluded_skus))))
    return stmt.order_by(*order_by, Sku.code, Sku.id)
