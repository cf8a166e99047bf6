"""The demo catalogue: styles (with price, cost, launch date and a hidden popularity and trend)
and their SKUs (colour × size, valid EAN-13 barcodes, pack sizes, a hidden share of the style's
demand, and whether HQ is often short of it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray

from domain.catalogue.models import Season
from domain.demo.categories import CATEGORIES, COLOURS, CategoryPlan
from domain.demo.seasons import season_starts
from domain.demo.spec import DemoSpec

NEW_STYLE_SHARE = 0.22  # launched during the history
DISCONTINUED_SHARE = 0.06
SCARCE_SKU_SHARE = 0.1


@dataclass(frozen=True)
class StylePlan:
    """A style, with the hidden parameters of its demand."""

    code: str
    name: str
    name_en: str
    category: int  # index in CATEGORIES
    season: Season
    retail_price: Decimal
    unit_cost: Decimal
    launched_on: date
    is_active: bool
    popularity: float
    trend: float  # log growth per year
    launch_day: int  # day index of the launch (negative: before the history)
    end_day: int  # day index after which HQ no longer replenishes it (discontinued)


@dataclass(frozen=True)
class SkuPlan:
    """A SKU, with its share of the style's demand."""

    code: str
    colour: str
    size: str
    barcode: str
    pack_size: int
    style: int
    share: float
    scarce: bool


@dataclass
class CataloguePlan:
    """The whole catalogue, and array views the sales simulation uses."""

    styles: list[StylePlan]
    skus: list[SkuPlan]

    @property
    def sku_style(self) -> NDArray[np.int64]:
        """The style of each SKU."""
        return np.array([s.style for s in self.skus], dtype=np.int64)

    @property
    def sku_share(self) -> NDArray[np.float64]:
        """Each SKU's share of its style's demand (they sum to 1 per style)."""
        return np.array([s.share for s in self.skus])


def ean13(body: str) -> str:
    """A 12-digit body with its EAN-13 check digit appended."""
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _company_prefix(slug: str) -> str:
    # GS1 China prefixes run 690–699; five more digits name the company.
    number = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:4], "big") % 100_000
    return f"69{number:05d}"


def apportion(total: int, shares: list[float]) -> list[int]:
    """Split `total` by `shares` (largest remainders), at least one each when there is room."""
    raw = [total * s / sum(shares) for s in shares]
    counts = [int(r) for r in raw]
    if total >= len(shares):
        counts = [max(c, 1) for c in counts]
    order = sorted(range(len(shares)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(counts) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > total:
        j = max(range(len(counts)), key=lambda k: counts[k])
        counts[j] -= 1
    return counts


def _price(rng: np.random.Generator, low: int, high: int) -> Decimal:
    # Chinese retail prices end in 9: 199, 299, 1299.
    raw = np.exp(rng.uniform(np.log(low), np.log(high)))
    return Decimal(max(round(raw / 10) * 10 - 1, 9))


def _launch_day(rng: np.random.Generator, spec: DemoSpec, season: Season, new: bool) -> int:
    days = spec.history_days
    if not new:
        return -int(rng.integers(30, 800))
    starts = season_starts(season, spec.first_day, spec.last_day)
    if starts:
        start = starts[int(rng.integers(0, len(starts)))]
        return min((start - spec.first_day).days + int(rng.integers(0, 45)), days - 1)
    return int(rng.integers(0, days))


def _style(
    rng: np.random.Generator, spec: DemoSpec, index: int, number: int, category: CategoryPlan
) -> StylePlan:
    noun_zh, noun_en = category.nouns[int(rng.integers(0, len(category.nouns)))]
    mod_zh, mod_en = category.modifiers[int(rng.integers(0, len(category.modifiers)))]
    price = _price(rng, *category.price)
    cost = (price * Decimal(str(round(float(rng.uniform(0.3, 0.45)), 2)))).quantize(Decimal("1"))
    new = rng.random() < NEW_STYLE_SHARE
    launch = _launch_day(rng, spec, category.season, new)
    discontinued = not new and rng.random() < DISCONTINUED_SHARE
    end = (
        int(rng.integers(spec.history_days // 5, spec.history_days * 4 // 5))
        if discontinued
        else 10**6
    )
    return StylePlan(
        code=f"{spec.code_prefix}-{category.code}{number:03d}",
        name=f"{mod_zh}{noun_zh}",
        name_en=f"{mod_en.capitalize()} {noun_en}",
        category=index,
        season=category.season,
        retail_price=price,
        unit_cost=cost,
        launched_on=spec.first_day + timedelta(days=launch),
        is_active=not discontinued,
        popularity=float(rng.lognormal(0.0, 0.75)),
        trend=float(np.clip(rng.normal(0.0, 0.3), -0.8, 0.8)),
        launch_day=launch,
        end_day=end,
    )


def _skus(
    rng: np.random.Generator, style: StylePlan, style_index: int, category: CategoryPlan
) -> list[tuple[str, str, str, int, float]]:
    """(code, colour, size, pack, share) of a style's SKUs."""
    one_size = len(category.sizes[0]) == 1
    n_colours = int(rng.integers(1, 4)) if one_size else int(rng.integers(2, 5))
    colours = [COLOURS[int(i)] for i in rng.choice(len(COLOURS), n_colours, replace=False)]
    colour_share = rng.dirichlet(np.full(n_colours, 2.0))
    sizes, weights = category.sizes
    keep = np.ones(len(sizes), dtype=bool)
    if len(sizes) > 4 and rng.random() < 0.4:
        keep[0] = keep[-1] = False  # a narrower size run
    size_share = np.array(weights) * keep
    size_share /= size_share.sum()
    pack = int(category.packs[int(rng.integers(0, len(category.packs)))])
    out = []
    for c, (colour_code, colour) in enumerate(colours):
        for s, size in enumerate(sizes):
            if keep[s]:
                share = float(colour_share[c] * size_share[s])
                out.append((f"{style.code}-{colour_code}-{size}", colour, size, pack, share))
    return out


def make_catalogue(spec: DemoSpec, rng: np.random.Generator) -> CataloguePlan:
    """Styles in every category (by the categories' shares) and their SKUs."""
    counts = apportion(spec.styles, [c.share for c in CATEGORIES])
    prefix = _company_prefix(spec.slug)
    styles: list[StylePlan] = []
    skus: list[SkuPlan] = []
    for index, (category, count) in enumerate(zip(CATEGORIES, counts, strict=True)):
        for number in range(1, count + 1):
            style = _style(rng, spec, index, number, category)
            style_index = len(styles)
            styles.append(style)
            for code, colour, size, pack, share in _skus(rng, style, style_index, category):
                barcode = ean13(f"{prefix}{len(skus) + 1:05d}")
                scarce = bool(rng.random() < SCARCE_SKU_SHARE)
                skus.append(SkuPlan(code, colour, size, barcode, pack, style_index, share, scarce))
    return CataloguePlan(styles, skus)
