"""What the policies need to know about the stores and SKUs of a problem, as arrays.

An `AllocationProblem` knows stores and SKUs only by position; the policies also need each
store's tier and passport preferences and each SKU's code, style and category. `NetworkFacts`
holds them aligned with the problem's positions (store i = stores[i], SKU k = skus[k]), with
categories encoded as small integers so that per-row lookups are array indexing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import chunks
from domain.catalogue.models import Product, Sku
from domain.recommendation.allocation.problem import BoolArray, FloatArray, IntArray
from domain.stores.models import Store

ObjectArray = npt.NDArray[np.object_]


@dataclass(frozen=True)
class SkuFacts:
    """One SKU as the policies see it."""

    code: str
    style: int
    category: str


@dataclass(frozen=True)
class StoreFacts:
    """One store as the policies see it: tier and passport preferences."""

    id: int
    tier: str
    display_capacity: int | None
    favoured_categories: tuple[str, ...] = ()
    excluded_categories: tuple[str, ...] = ()
    excluded_skus: tuple[str, ...] = ()
    price_min: float | None = None
    price_max: float | None = None

    @classmethod
    def of(cls, store: Store) -> StoreFacts:
        """The facts of a store (its passport's preference fields)."""
        return cls(
            id=store.id,
            tier=str(store.tier),
            display_capacity=store.display_capacity,
            favoured_categories=tuple(store.favoured_categories or ()),
            excluded_categories=tuple(store.excluded_categories or ()),
            excluded_skus=tuple(store.excluded_skus or ()),
            price_min=_price(store.price_min),
            price_max=_price(store.price_max),
        )


def _price(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(eq=False)
class NetworkFacts:
    """Stores and SKUs of one problem, by position, with categories as integer codes.

    - `categories`: the category names; `sku_category[k]` indexes it.
    - `sku_style[k]`: the style (product id) of SKU k.
    - `favoured[s, c]` / `excluded_category[s, c]`: store s favours / excludes category c.
    - `excluded_pairs`: store * n_skus + sku of every (store, SKU) the store excludes by code.
    - `price_min[s]` / `price_max[s]`: the store's price band (NaN: no bound).
    - `display_capacity[s]`: units the store can display in all (-1: no limit known).
    """

    store_ids: IntArray
    tier: ObjectArray
    display_capacity: IntArray
    price_min: FloatArray
    price_max: FloatArray
    favoured: BoolArray
    excluded_category: BoolArray
    excluded_pairs: IntArray
    sku_ids: IntArray
    sku_code: ObjectArray
    sku_style: IntArray
    sku_category: IntArray
    categories: tuple[str, ...]

    @property
    def n_stores(self) -> int:
        """Number of stores."""
        return int(self.store_ids.shape[0])

    @property
    def n_skus(self) -> int:
        """Number of SKUs."""
        return int(self.sku_ids.shape[0])

    @classmethod
    def build(
        cls,
        stores: Sequence[StoreFacts],
        skus: Sequence[SkuFacts],
        sku_ids: Sequence[int] | None = None,
    ) -> NetworkFacts:
        """Facts aligned with `stores` and `skus` positions."""
        categories = tuple(sorted({s.category for s in skus}))
        code_of = {name: i for i, name in enumerate(categories)}
        position = {sku.code: k for k, sku in enumerate(skus)}
        n_stores, n_categories = len(stores), len(categories)
        favoured = np.zeros((n_stores, n_categories), bool)
        excluded = np.zeros((n_stores, n_categories), bool)
        pairs: list[int] = []
        for s, store in enumerate(stores):
            favoured[s, [code_of[c] for c in store.favoured_categories if c in code_of]] = True
            excluded[s, [code_of[c] for c in store.excluded_categories if c in code_of]] = True
            pairs.extend(s * len(skus) + position[c] for c in store.excluded_skus if c in position)
        return cls(
            store_ids=np.array([s.id for s in stores], np.int64),
            tier=np.array([s.tier for s in stores], dtype=object),
            display_capacity=np.array(
                [-1 if s.display_capacity is None else s.display_capacity for s in stores],
                np.int64,
            ),
            price_min=np.array([np.nan if s.price_min is None else s.price_min for s in stores]),
            price_max=np.array([np.nan if s.price_max is None else s.price_max for s in stores]),
            favoured=favoured,
            excluded_category=excluded,
            excluded_pairs=np.array(sorted(pairs), np.int64),
            sku_ids=np.array(sku_ids if sku_ids is not None else range(len(skus)), np.int64),
            sku_code=np.array([s.code for s in skus], dtype=object),
            sku_style=np.array([s.style for s in skus], np.int64),
            sku_category=np.array([code_of[s.category] for s in skus], np.int64),
            categories=categories,
        )


async def network_facts(
    session: AsyncSession, stores: Sequence[Store], skus: Sequence[Sku]
) -> NetworkFacts:
    """The facts of the given stores and SKUs (SKU categories read from their styles)."""
    product_ids = sorted({sku.product_id for sku in skus})
    category: dict[int, str] = {}
    for chunk in chunks(product_ids):  # within every database's parameter limit
        rows = await session.execute(
            select(Product.id, Product.category).where(Product.id.in_(chunk))
        )
        category.update({pid: name for pid, name in rows})
    sku_facts = [
        SkuFacts(code=sku.code, style=sku.product_id, category=category.get(sku.product_id, ""))
        for sku in skus
    ]
    return NetworkFacts.build(
        [StoreFacts.of(store) for store in stores], sku_facts, [sku.id for sku in skus]
    )
