"""Finding SKUs by code or barcode in bulk, for the rows of stock, sales and imports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import chunks
from domain.catalogue.models import Sku
from domain.errors import ErrorCode, FieldError


class SkuRef(NamedTuple):
    """What stock and sales need to know of a SKU."""

    id: int
    code: str
    barcode: str | None
    product_id: int


@dataclass
class SkuIndex:
    """SKUs found by code and by barcode."""

    by_code: dict[str, SkuRef] = field(default_factory=dict)
    by_barcode: dict[str, SkuRef] = field(default_factory=dict)


async def find_skus(
    session: AsyncSession, codes: Iterable[str], barcodes: Iterable[str]
) -> SkuIndex:
    """Resolve SKU codes and barcodes in bulk (one query per few thousand distinct values)."""
    index = SkuIndex()
    columns = (Sku.id, Sku.code, Sku.barcode, Sku.product_id)
    for batch in chunks(set(codes)):
        for row in await session.execute(select(*columns).where(Sku.code.in_(batch))):
            ref = SkuRef(*row)
            index.by_code[ref.code] = ref
    for batch in chunks(set(barcodes)):
        for row in await session.execute(select(*columns).where(Sku.barcode.in_(batch))):
            ref = SkuRef(*row)
            index.by_barcode[ref.barcode or ""] = ref
    return index


def pick_sku(
    index: SkuIndex, code: str | None, barcode: str | None
) -> tuple[SkuRef | None, FieldError | None]:
    """The SKU a row names by code or barcode (both: they must agree), or why there is none."""
    if not code and not barcode:
        return None, FieldError(
            ErrorCode.REQUIRED, "a SKU code or a barcode is required", "sku_code"
        )
    by_code = index.by_code.get(code) if code else None
    by_barcode = index.by_barcode.get(barcode) if barcode else None
    if code and by_code is None:
        return None, FieldError(ErrorCode.NOT_FOUND, f"SKU {code} not found", "sku_code")
    if barcode and by_barcode is None:
        return None, FieldError(ErrorCode.NOT_FOUND, f"barcode {barcode} not found", "barcode")
    if by_code is not None and by_barcode is not None and by_code.id != by_barcode.id:
        return None, FieldError(
            ErrorCode.INVALID, f"barcode {barcode} is SKU {by_barcode.code}, not {code}", "barcode"
        )
    return by_code or by_barcode, None
