"""What a demo tenant is made of: its name, size, random seed and the day its history ends.

The history ends the day before `today`. `today` is part of the spec, so the same spec gives
the same rows on any machine on any day: `peihuo demo` uses the real date the first time and
remembers it, so a reseed rebuilds the same data (see domain.demo.seed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from domain.demo.geography import REGIONS, RegionPlan

PASSWORD = "demo-password"
HISTORY_DAYS = 548  # eighteen months


@dataclass(frozen=True)
class DemoSpec:
    """One demo tenant: who it is, how big, and from which seed."""

    slug: str
    name: str
    code_prefix: str  # style codes (TZ-CT001) and GS1 company prefix source
    stores: int
    styles: int
    regions: tuple[RegionPlan, ...]
    today: date
    history_days: int = HISTORY_DAYS
    seed: int = 0
    warehouses: int = 2

    @property
    def first_day(self) -> date:
        """The first day of sales history."""
        return self.today - timedelta(days=self.history_days)

    @property
    def last_day(self) -> date:
        """The last day of sales history (yesterday)."""
        return self.today - timedelta(days=1)

    @property
    def random_seed(self) -> int:
        """The generator's seed: from the slug, sizes and seed, never from the clock."""
        key = f"{self.slug}:{self.stores}:{self.styles}:{self.history_days}:{self.seed}"
        return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")

    def describe(self) -> dict[str, Any]:
        """The spec as JSON (kept in the seed's audit entry, so a reseed can repeat it)."""
        return {
            "slug": self.slug,
            "stores": self.stores,
            "styles": self.styles,
            "history_days": self.history_days,
            "seed": self.seed,
            "today": self.today.isoformat(),
        }

    def with_size(self, stores: int, styles: int, history_days: int | None = None) -> DemoSpec:
        """The same tenant at another size (tests seed a small one)."""
        return replace(
            self, stores=stores, styles=styles, history_days=history_days or self.history_days
        )


def taozi(today: date) -> DemoSpec:
    """桃子 Taozi, a clothing brand with about 300 franchise stores in three regions."""
    return DemoSpec(
        slug="taozi",
        name="桃子服饰 Taozi Apparel",
        code_prefix="TZ",
        stores=300,
        styles=150,
        regions=REGIONS,
        today=today,
    )


def beta(today: date) -> DemoSpec:
    """贝塔 Beta, a small second brand: a few stores in two regions (shows tenant isolation)."""
    return DemoSpec(
        slug="beta",
        name="贝塔童装 Beta Kids",
        code_prefix="BT",
        stores=12,
        styles=16,
        regions=(
            RegionPlan("N", "North 北区", ("Beijing", "Tianjin", "Hebei")),
            RegionPlan("S", "South 南区", ("Guangdong", "Fujian")),
        ),
        today=today,
        history_days=180,
        warehouses=1,
    )
