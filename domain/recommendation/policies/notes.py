"""What the policies did to each demand row, for the reason a proposal line carries.

The engine's reason says what bound a line (budget, HQ stock, its row cap...); these notes say
which policy made the row what it was: a demand factor learned from the franchisee's edits or
given to a favoured category, a passport rule that excluded it, and whether its cap came from
the SKU share cap or the store's display capacity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import numpy as np

from domain.recommendation.allocation.problem import FloatArray, IntArray


class Exclusion(IntEnum):
    """Why the store's passport rules a row out (the first reason that applies)."""

    NONE = 0
    CATEGORY = 1  # the store excludes the SKU's category
    SKU = 2  # the store excludes the SKU itself
    PRICE_BAND = 3  # the SKU's retail price is outside the store's band


class CapSource(IntEnum):
    """Which policy set a row's `max_units` (the tightest one)."""

    NONE = 0
    SKU_SHARE = 1  # the tenant's cap on one store's share of an SKU
    DISPLAY_CAPACITY = 2  # the store's display capacity, spread over its rows


@dataclass(eq=False)
class ShapingNotes:
    """Per demand row: learned factor, favoured uplift, exclusion and cap source codes."""

    learned_factor: FloatArray
    favoured_uplift: FloatArray
    exclusion: IntArray
    cap_source: IntArray
    min_style_units: int = 0

    @property
    def demand_factor(self) -> FloatArray:
        """The multiplier each row's forecast mean got."""
        factor: FloatArray = self.learned_factor * self.favoured_uplift
        return factor

    def reason(self, row: int) -> dict[str, Any]:
        """What the policies did to one row, leaving out what they did not touch."""
        out: dict[str, Any] = {}
        if self.learned_factor[row] != 1.0:
            out["learned_factor"] = round(float(self.learned_factor[row]), 4)
        if self.favoured_uplift[row] != 1.0:
            out["favoured_uplift"] = round(float(self.favoured_uplift[row]), 4)
        if self.exclusion[row]:
            out["excluded_by"] = Exclusion(int(self.exclusion[row])).name.lower()
        if self.cap_source[row]:
            out["capped_by"] = CapSource(int(self.cap_source[row])).name.lower()
        if self.min_style_units:
            out["min_style_units"] = self.min_style_units
        return out

    def reasons(self, rows: IntArray) -> list[dict[str, Any]]:
        """`reason` of each of the given rows."""
        return [self.reason(int(i)) for i in np.asarray(rows).tolist()]
