"""The allocation problem in array form, as the engine and its callers share it.

One `AllocationProblem` holds a whole store network: SKU columns (cost, price, HQ stock, pack),
store columns (budget, weight) and demand rows (store, SKU, forecast mean, stock on hand,
display cap, exclusion, presentation group). `problem_json` reads and writes the JSON form of
the contract (shared/specs/allocation.md); Python callers build the dataclass directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from domain.errors import Collector

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: `max_units` of a row without a display cap.
UNCAPPED = 1 << 40
#: `group` of a row that belongs to no presentation group.
NO_GROUP = -1
#: How many faults a validation reports before summing up the rest.
MAX_REPORTED = 20


@dataclass(eq=False)
class AllocationProblem:
    """A store network to allocate HQ stock across.

    SKU columns are indexed by SKU position, store columns by store position, and demand rows
    refer to both by position (`store`, `sku`). Optional columns may be left out (None) and
    get their neutral value: no exclusion, weight 1, no presentation group (an empty array
    stands for a column left out).

    - `store_weight`: tier priority. A store's expected margin counts `weight` times in the
      objective, so a store with weight > 1 wins scarce HQ stock from stores with weight 1;
      its own budget is spent the same way as before.
    - `group` / `group_min_units`: a presentation minimum. Rows sharing a group id (all of
      one store, e.g. one style in several sizes) are sent either not at all or at least
      `group_min_units[group]` units in total.
    - `max_units`: at most this many units for the row (use it for any per-row cap, e.g. a
      share of one SKU's stock); `UNCAPPED` when there is none.
    """

    sku_ids: npt.NDArray[Any]
    unit_cost: FloatArray
    retail_price: FloatArray
    hq_stock: IntArray
    pack_size: IntArray
    store_ids: npt.NDArray[Any]
    budget: FloatArray
    store: IntArray
    sku: IntArray
    mean: FloatArray
    on_hand: IntArray
    max_units: IntArray
    excluded: BoolArray = field(default_factory=lambda: np.zeros(0, bool))
    store_weight: FloatArray = field(default_factory=lambda: np.zeros(0))
    group: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    group_min_units: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    group_ids: npt.NDArray[Any] = field(default_factory=lambda: np.zeros(0, dtype=object))
    horizon_days: int = 28

    def __post_init__(self) -> None:
        self.sku_ids = np.asarray(self.sku_ids, dtype=object)
        self.store_ids = np.asarray(self.store_ids, dtype=object)
        for name in ("unit_cost", "retail_price", "budget", "mean"):
            setattr(self, name, np.ascontiguousarray(getattr(self, name), dtype=np.float64))
        for name in ("hq_stock", "pack_size", "store", "sku", "on_hand", "max_units"):
            setattr(self, name, np.ascontiguousarray(getattr(self, name), dtype=np.int64))
        n = self.mean.shape[0]
        self.excluded = _column(self.excluded, n, np.bool_, False)
        self.store_weight = _column(self.store_weight, self.budget.shape[0], np.float64, 1.0)
        self.group = _column(self.group, n, np.int64, NO_GROUP)
        self.group_min_units = np.asarray(self.group_min_units, np.int64)
        self.group_ids = np.asarray(self.group_ids, dtype=object)

    @property
    def n_rows(self) -> int:
        """Number of demand rows."""
        return int(self.mean.shape[0])

    @property
    def n_stores(self) -> int:
        """Number of stores."""
        return int(self.budget.shape[0])

    @property
    def n_skus(self) -> int:
        """Number of SKUs."""
        return int(self.unit_cost.shape[0])

    @property
    def n_groups(self) -> int:
        """Number of presentation groups."""
        return int(self.group_min_units.shape[0])

    def weights(self) -> FloatArray:
        """Store weights (ones when none were given)."""
        return self.store_weight

    def validate(self) -> None:
        """Raise a DomainError naming every faulty field and record; the problem is unchanged."""
        errors = Collector()
        self._check_shapes(errors)
        errors.raise_if_any()
        self._check_values(errors)
        errors.raise_if_any()

    def _check_shapes(self, errors: Collector) -> None:
        shapes = {
            "skus": ("unit_cost", "retail_price", "hq_stock", "pack_size", "sku_ids"),
            "stores": ("budget", "store_weight", "store_ids"),
            "demand": ("store", "sku", "mean", "on_hand", "max_units", "excluded", "group"),
        }
        for family, names in shapes.items():
            lengths = {name: getattr(self, name).shape for name in names}
            first = lengths[names[0]]
            for name, shape in lengths.items():
                if len(shape) != 1 or shape != first:
                    errors.add(name, f"{family} column {name} has shape {shape}, expected {first}")

    def _check_values(self, errors: Collector) -> None:
        # Each check is vectorised; a failing one reports its first records by position.
        sku_checks = [
            ("unit_cost", _bad_number(self.unit_cost), "must be a non-negative number"),
            ("retail_price", _bad_number(self.retail_price), "must be a non-negative number"),
            ("hq_stock", self.hq_stock < 0, "must be a non-negative integer"),
            ("pack_size", self.pack_size < 1, "must be a positive integer"),
        ]
        for name, bad, message in sku_checks:
            report(errors, "skus", self.sku_ids, name, bad, message)
        report(
            errors,
            "stores",
            self.store_ids,
            "budget",
            _bad_number(self.budget),
            "must be a non-negative number",
        )
        weight = self.weights()
        report(
            errors,
            "stores",
            self.store_ids,
            "weight",
            ~(np.isfinite(weight) & (weight > 0)),
            "must be a positive number",
        )
        self._check_demand(errors)

    def _check_demand(self, errors: Collector) -> None:
        no_ids = np.full(self.n_rows, None, dtype=object)
        report(
            errors,
            "demand",
            no_ids,
            "store",
            (self.store < 0) | (self.store >= self.n_stores),
            "refers to no store",
        )
        report(
            errors,
            "demand",
            no_ids,
            "sku",
            (self.sku < 0) | (self.sku >= self.n_skus),
            "refers to no sku",
        )
        report(
            errors,
            "demand",
            no_ids,
            "mean",
            _bad_number(self.mean),
            "must be a non-negative number",
        )
        report(
            errors, "demand", no_ids, "on_hand", self.on_hand < 0, "must be a non-negative integer"
        )
        report(
            errors,
            "demand",
            no_ids,
            "max_units",
            self.max_units < 0,
            "must be a non-negative integer",
        )
        if errors.errors:
            return
        key = self.store * max(self.n_skus, 1) + self.sku
        order = np.argsort(key, kind="stable")
        repeat = np.zeros(self.n_rows, bool)
        repeat[order[1:]] = key[order[1:]] == key[order[:-1]]
        report(
            errors,
            "demand",
            no_ids,
            "sku",
            repeat,
            "repeats an earlier row for the same store and sku",
        )
        self._check_groups(errors, no_ids)

    def _check_groups(self, errors: Collector, no_ids: npt.NDArray[Any]) -> None:
        report(
            errors,
            "demand",
            no_ids,
            "group",
            (self.group < NO_GROUP) | (self.group >= self.n_groups),
            "refers to no group",
        )
        report(
            errors,
            "groups",
            np.full(self.n_groups, None, dtype=object),
            "min_units",
            self.group_min_units < 0,
            "must be a non-negative integer",
        )
        if errors.errors:
            return
        grouped = np.nonzero(self.group >= 0)[0]
        first_store = np.full(self.n_groups, -1, np.int64)
        first_store[self.group[grouped[::-1]]] = self.store[grouped[::-1]]
        mixed = np.zeros(self.n_rows, bool)
        mixed[grouped] = first_store[self.group[grouped]] != self.store[grouped]
        report(
            errors,
            "demand",
            no_ids,
            "group",
            mixed,
            "joins a group whose rows belong to another store",
        )


def _column(values: Any, n: int, dtype: Any, neutral: Any) -> Any:
    """The column as an array of `dtype`; an empty one stands for `neutral` everywhere."""
    array = np.asarray(values, dtype=dtype)
    return np.full(n, neutral, dtype=dtype) if array.size == 0 and n > 0 else array


def _bad_number(values: FloatArray) -> BoolArray:
    return ~(np.isfinite(values) & (values >= 0))


def report(
    errors: Collector,
    family: str,
    ids: npt.NDArray[Any],
    name: str,
    bad: BoolArray,
    message: str,
) -> None:
    """Add one error per faulty record (the first few, then a count of the rest)."""
    where = np.flatnonzero(bad)
    for i in where[:MAX_REPORTED].tolist():
        errors.add(f"{family}[{i}].{name}", field_message(family, i, ids[i], name, message))
    if where.size > MAX_REPORTED:
        errors.add(
            f"{family}.{name}", f"{family}: {where.size - MAX_REPORTED} more with bad {name}"
        )


def field_message(family: str, index: int, record_id: Any, name: str, message: str) -> str:
    """`demand[12].mean: must be ...` or, for records with an id, `stores[3] (T00004): budget ...`."""
    if record_id is None:
        return f"{family}[{index}].{name}: {message}"
    return f"{family}[{index}] ({record_id}): {name} {message}"
