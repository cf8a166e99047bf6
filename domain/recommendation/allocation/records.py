"""Field checks for the records of an allocation problem's JSON form (SKUs, stores, demand rows).

Each field has a kind; `check_record` returns the value of every field of one record or the
messages saying what is wrong, naming the record (`stores[3] (T00004): budget missing`).
SKUs and stores are checked record by record; demand rows go through the vectorised path in
`contract` and come here only to explain a fault that path found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

import orjson

from domain.recommendation.allocation.problem import field_message

#: Counts above this are refused (they would lose precision on the way through floats).
MAX_COUNT = 2**53


class Kind(Enum):
    """What a field's value must be."""

    ID = "a non-empty string"
    NUMBER = "a non-negative number"
    POSITIVE = "a positive number"
    COUNT = "a non-negative integer"
    PACK = "a positive integer"
    ID_LIST = "a list of ids"


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, kind, and default when it may be absent."""

    name: str
    kind: Kind
    required: bool = True
    default: Any = None


SKU_FIELDS = (
    Field("id", Kind.ID),
    Field("unit_cost", Kind.NUMBER),
    Field("retail_price", Kind.NUMBER),
    Field("hq_stock", Kind.COUNT),
    Field("pack_size", Kind.PACK, required=False, default=1),
)
STORE_FIELDS = (
    Field("id", Kind.ID),
    Field("budget", Kind.NUMBER),
    Field("excluded_skus", Kind.ID_LIST, required=False, default=()),
    Field("weight", Kind.POSITIVE, required=False, default=1.0),
)
DEMAND_FIELDS = (
    Field("store", Kind.ID),
    Field("sku", Kind.ID),
    Field("mean", Kind.NUMBER),
    Field("on_hand", Kind.COUNT, required=False, default=0),
    Field("max_units", Kind.COUNT, required=False, default=None),
    Field("group", Kind.ID, required=False, default=None),
)
GROUP_FIELDS = (
    Field("id", Kind.ID),
    Field("min_units", Kind.COUNT),
)


def value_fault(kind: Kind, value: Any) -> str | None:
    """Why `value` is not of `kind`, or None when it is."""
    if kind is Kind.ID:
        ok = isinstance(value, str) and value != ""
    elif kind is Kind.ID_LIST:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif isinstance(value, bool) or not isinstance(value, int | float):
        ok = False
    elif kind in (Kind.COUNT, Kind.PACK):
        ok = (
            math.isfinite(value)
            and value == int(value)
            and (kind is Kind.PACK) <= value <= MAX_COUNT
        )
    else:
        ok = math.isfinite(value) and (value > 0 if kind is Kind.POSITIVE else value >= 0)
    return None if ok else f"must be {kind.value}"


def check_record(
    family: str, index: int, record: Any, fields: tuple[Field, ...]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The record's values by field name, and its faults as (field path, message) pairs."""
    if not isinstance(record, dict):
        return {}, [(f"{family}[{index}]", f"{family}[{index}]: must be an object")]
    record_id = record.get("id") if isinstance(record.get("id"), str) else None
    values: dict[str, Any] = {}
    faults: list[tuple[str, str]] = []
    for spec in fields:
        path = f"{family}[{index}].{spec.name}"
        if spec.name not in record or (record[spec.name] is None and not spec.required):
            if spec.required:
                faults.append((path, field_message(family, index, record_id, spec.name, "missing")))
            values[spec.name] = spec.default
            continue
        value = record[spec.name]
        fault = value_fault(spec.kind, value)
        if fault is not None:
            shown = f"{fault}, not {_shown(value)}"
            faults.append((path, field_message(family, index, record_id, spec.name, shown)))
        values[spec.name] = (
            int(value) if spec.kind in (Kind.COUNT, Kind.PACK) and not fault else value
        )
    return values, faults


def _shown(value: Any) -> str:
    """The value as the JSON that held it: `"3"`, `true`, `null`."""
    try:
        text = orjson.dumps(value).decode()
    except TypeError:
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
