"""The catalogue: create and change styles with their SKUs, one at a time or in bulk by code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.audit.recorder import record
from domain.bulk import UpsertCounts, chunks
from domain.catalogue.models import Product, Season, Sku
from domain.errors import DomainError, ErrorCode, FieldError, NotFound
from domain.permissions import Actor, Permission, authorize
from domain.text import label, name_problem

# Keeps every IN (...) list under the bind-parameter limits of SQLite and asyncpg.
_LIMITS = {"code": 40, "name": 200, "name_en": 200, "category": 40}
_SKU_LIMITS = {"code": 60, "colour": 40, "size": 20, "barcode": 32}


@dataclass
class SkuFields:
    """One colour × size of a style, as given by a user or a file."""

    code: str
    colour: str
    size: str
    barcode: str | None = None
    pack_size: int = 1
    is_active: bool = True


@dataclass
class ProductFields:
    """A style with its SKUs, as given by a user or a file (every field present)."""

    code: str
    name: str
    category: str
    retail_price: Decimal
    unit_cost: Decimal
    name_en: str | None = None
    season: Season = Season.ALL_SEASON
    launched_on: date | None = None
    is_active: bool = True
    skus: list[SkuFields] = field(default_factory=list)


@dataclass
class ProductChanges:
    """Changes to a style: None leaves a field as it is; `skus` are added or changed by code."""

    code: str | None = None
    name: str | None = None
    name_en: str | None = None
    category: str | None = None
    season: Season | None = None
    retail_price: Decimal | None = None
    unit_cost: Decimal | None = None
    launched_on: date | None = None
    is_active: bool | None = None
    skus: list[SkuFields] | None = None


@dataclass(frozen=True)
class ProductProblem:
    """A problem with one style of a batch (`sku` is the SKU's index in it, None for the style)."""

    product: int
    sku: int | None
    error: FieldError

    @property
    def path(self) -> str:
        """The field's path within one style's input (e.g. `skus[2].barcode`)."""
        name = self.error.field
        if self.sku is None:
            return name or ""
        return f"skus[{self.sku}].{name}" if name else f"skus[{self.sku}]"


class ProductsRejected(DomainError):
    """A batch of styles refused; `problems` says where. Nothing was written."""

    def __init__(self, problems: list[ProductProblem]) -> None:
        assert problems, "ProductsRejected needs at least one problem"
        self.problems = problems
        first = problems[0].error
        super().__init__(first.code, first.message, problems[0].path)
        self.errors = [replace(p.error, field=p.path or None) for p in problems]


def ean13_valid(barcode: str) -> bool:
    """Whether a 13-digit code carries the right EAN-13 check digit."""
    digits = [int(c) for c in barcode]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def normalise(fields: ProductFields) -> ProductFields:
    """The same style with text trimmed and empty optional text as None."""
    return replace(
        fields,
        code=fields.code.strip(),
        name=fields.name.strip(),
        category=fields.category.strip(),
        name_en=_clean(fields.name_en),
        skus=[_normalise_sku(s) for s in fields.skus],
    )


def _normalise_sku(sku: SkuFields) -> SkuFields:
    return replace(
        sku,
        code=sku.code.strip(),
        colour=sku.colour.strip(),
        size=sku.size.strip(),
        barcode=_clean(sku.barcode),
    )


def amount_problem(value: Decimal, allow_zero: bool = True) -> str | None:
    """Why `value` is not a money amount (finite, not negative, at most 2 decimals), or None."""
    if not value.is_finite():
        return "must be a number"
    if value < 0 or (value == 0 and not allow_zero):
        return "must be above 0" if not allow_zero else "cannot be negative"
    if value >= Decimal("1e12"):
        return "is too large"
    if value != value.quantize(Decimal("0.01")):
        return "must be an amount with at most 2 decimals"
    return None


def product_problems(fields: ProductFields) -> list[FieldError]:
    """What is wrong with a style's own fields (not its SKUs, not uniqueness)."""
    out: list[FieldError] = []
    for name, limit in _LIMITS.items():
        value = getattr(fields, name)
        if name != "name_en" and not value:
            out.append(FieldError(ErrorCode.REQUIRED, f"{name} is required", name))
        elif value and len(value) > limit:
            out.append(FieldError(ErrorCode.INVALID, f"{name} is longer than {limit}", name))
        elif value and (problem := name_problem(value)):
            out.append(FieldError(ErrorCode.INVALID, f"{label(name)} {problem}", name))
    for name in ("retail_price", "unit_cost"):
        problem = amount_problem(getattr(fields, name), allow_zero=name == "unit_cost")
        if problem:
            out.append(FieldError(ErrorCode.INVALID, f"{name.replace('_', ' ')} {problem}", name))
    return out


def sku_problems(sku: SkuFields) -> list[FieldError]:
    """What is wrong with a SKU's own fields (not uniqueness)."""
    out: list[FieldError] = []
    for name, limit in _SKU_LIMITS.items():
        value = getattr(sku, name)
        if name != "barcode" and not value:
            out.append(FieldError(ErrorCode.REQUIRED, f"{name} is required", name))
        elif value and len(value) > limit:
            out.append(FieldError(ErrorCode.INVALID, f"{name} is longer than {limit}", name))
        elif value and (problem := name_problem(value)):
            out.append(FieldError(ErrorCode.INVALID, f"{name} {problem}", name))
    barcode = sku.barcode
    if barcode and len(barcode) == 13 and barcode.isdigit() and not ean13_valid(barcode):
        out.append(
            FieldError(
                ErrorCode.INVALID, f"barcode {barcode} has a wrong EAN-13 check digit", "barcode"
            )
        )
    if sku.pack_size < 1:
        out.append(FieldError(ErrorCode.INVALID, "pack size must be at least 1", "pack_size"))
    return out


async def product_ids_by_code(session: AsyncSession, codes: Iterable[str]) -> dict[str, int]:
    """The ids of the styles with these codes (missing codes are absent)."""
    out: dict[str, int] = {}
    for batch in chunks(set(codes)):
        rows = await session.execute(
            select(Product.code, Product.id).where(Product.code.in_(batch))
        )
        out.update({code: pid for code, pid in rows})
    return out


async def _sku_owners(
    session: AsyncSession, column: Any, values: set[str]
) -> dict[str, tuple[str, int]]:
    """value of `column` → (SKU code, product id) for existing SKUs."""
    out: dict[str, tuple[str, int]] = {}
    for batch in chunks(values):
        rows = await session.execute(
            select(column, Sku.code, Sku.product_id).where(column.in_(batch))
        )
        out.update({value: (code, pid) for value, code, pid in rows})
    return out


async def check_products(
    session: AsyncSession, items: Sequence[ProductFields], targets: Sequence[int | None]
) -> list[ProductProblem]:
    """Every problem of a batch: field rules, then codes and barcodes unique in batch and tenant.

    `targets[i]` is the id of the style `items[i]` updates, or None when it is new.
    """
    problems: list[ProductProblem] = []
    for i, item in enumerate(items):
        problems += [ProductProblem(i, None, e) for e in product_problems(item)]
        for j, sku in enumerate(item.skus):
            problems += [ProductProblem(i, j, e) for e in sku_problems(sku)]
    existing = await product_ids_by_code(session, (p.code for p in items if p.code))
    seen_codes: dict[str, int] = {}
    for i, item in enumerate(items):
        owner = existing.get(item.code)
        if item.code in seen_codes:
            problems.append(_dup(i, None, "code", f"style {item.code} appears twice"))
        elif owner is not None and owner != targets[i]:
            problems.append(_dup(i, None, "code", f"a style with code {item.code} already exists"))
        seen_codes.setdefault(item.code, i)
    problems += await _sku_conflicts(session, items, targets)
    return problems


def _dup(product: int, sku: int | None, name: str, message: str) -> ProductProblem:
    return ProductProblem(product, sku, FieldError(ErrorCode.DUPLICATE, message, name))


async def _sku_conflicts(
    session: AsyncSession, items: Sequence[ProductFields], targets: Sequence[int | None]
) -> list[ProductProblem]:
    codes = {s.code for p in items for s in p.skus if s.code}
    barcodes = {s.barcode for p in items for s in p.skus if s.barcode}
    by_code = await _sku_owners(session, Sku.code, codes)
    by_barcode = await _sku_owners(session, Sku.barcode, barcodes)
    problems: list[ProductProblem] = []
    seen_codes: set[str] = set()
    seen_barcodes: set[str] = set()
    for i, item in enumerate(items):
        for j, sku in enumerate(item.skus):
            owner = by_code.get(sku.code)
            if sku.code in seen_codes:
                problems.append(_dup(i, j, "code", f"SKU {sku.code} appears twice"))
            elif owner is not None and (targets[i] is None or owner[1] != targets[i]):
                problems.append(
                    _dup(i, j, "code", f"SKU {sku.code} already belongs to another style")
                )
            seen_codes.add(sku.code)
            if not sku.barcode:
                continue
            holder = by_barcode.get(sku.barcode)
            if sku.barcode in seen_barcodes:
                problems.append(_dup(i, j, "barcode", f"barcode {sku.barcode} appears twice"))
            elif holder is not None and holder[0] != sku.code:
                problems.append(
                    _dup(
                        i, j, "barcode", f"barcode {sku.barcode} already belongs to SKU {holder[0]}"
                    )
                )
            seen_barcodes.add(sku.barcode)
    return problems


_PRODUCT_COLUMNS = (
    "code",
    "name",
    "name_en",
    "category",
    "season",
    "retail_price",
    "unit_cost",
    "launched_on",
    "is_active",
)
_SKU_COLUMNS = ("code", "colour", "size", "barcode", "pack_size", "is_active")


async def write_products(
    session: AsyncSession, items: Sequence[ProductFields], targets: Sequence[int | None]
) -> tuple[list[Product], UpsertCounts]:
    """Write a checked batch: new styles created, existing ones changed, SKUs upserted by code."""
    ids = [t for t in targets if t is not None]
    loaded: dict[int, Product] = {}
    for batch in chunks(ids):
        rows = await session.scalars(
            select(Product).where(Product.id.in_(batch)).options(selectinload(Product.skus))
        )
        loaded.update({p.id: p for p in rows})
    products: list[Product] = []
    created = updated = 0
    for item, target in zip(items, targets, strict=True):
        product = loaded[target] if target is not None else Product(skus=[])
        if target is None:
            session.add(product)
            created += 1
        else:
            updated += 1
        for name in _PRODUCT_COLUMNS:
            setattr(product, name, getattr(item, name))
        current = {s.code: s for s in product.skus}
        for sku_fields in item.skus:
            sku = current.get(sku_fields.code)
            if sku is None:
                sku = Sku()
                product.skus.append(sku)
            for name in _SKU_COLUMNS:
                setattr(sku, name, getattr(sku_fields, name))
        products.append(product)
    await session.flush()
    return products, UpsertCounts(created=created, updated=updated)


async def upsert_products(
    session: AsyncSession,
    actor: Actor,
    items: Sequence[ProductFields],
    write: bool = True,
    source: str | None = None,
) -> UpsertCounts:
    """Create or change styles by code (SKUs added or changed by code; others kept).

    Checks the whole batch first and raises ProductsRejected with every problem; with
    `write=False` only checks. Each style and SKU is audited, and the batch as one entry.
    """
    authorize(actor, Permission.CATALOGUE_WRITE)
    items = [normalise(p) for p in items]
    existing = await product_ids_by_code(session, (p.code for p in items))
    targets = [existing.get(p.code) for p in items]
    problems = await check_products(session, items, targets)
    if problems:
        raise ProductsRejected(problems)
    if not write:
        return UpsertCounts(
            created=sum(t is None for t in targets), updated=sum(t is not None for t in targets)
        )
    _, counts = await write_products(session, items, targets)
    after: dict[str, Any] = {"created": counts.created, "updated": counts.updated}
    if source:
        after["source"] = source
    await record(session, "products.upsert", "products", None, None, after)
    return counts


async def create_product(session: AsyncSession, actor: Actor, fields: ProductFields) -> Product:
    """Create a style with its SKUs."""
    authorize(actor, Permission.CATALOGUE_WRITE)
    item = normalise(fields)
    problems = await check_products(session, [item], [None])
    if problems:
        raise ProductsRejected(problems)
    products, _ = await write_products(session, [item], [None])
    return products[0]


async def update_product(
    session: AsyncSession, actor: Actor, product_id: int, changes: ProductChanges
) -> Product:
    """Change a style; SKUs given are added or changed by code, the others stay as they are."""
    authorize(actor, Permission.CATALOGUE_WRITE)
    product = await session.get(Product, product_id, options=[selectinload(Product.skus)])
    if product is None:
        raise NotFound("product")
    merged = ProductFields(
        **{
            name: getattr(product, name)
            if getattr(changes, name) is None
            else getattr(changes, name)
            for name in _PRODUCT_COLUMNS
        },
        skus=list(changes.skus or []),
    )
    item = normalise(merged)
    problems = await check_products(session, [item], [product.id])
    if problems:
        raise ProductsRejected(problems)
    products, _ = await write_products(session, [item], [product.id])
    return products[0]
