"""The JSON form of the allocation contract (shared/specs/allocation.md): problems and plans.

`parse_problem` turns the document into an `AllocationProblem` or raises a DomainError whose
messages name each faulty field and record. SKUs and stores are few and are checked record
by record; demand rows (millions of them) are read column by column and checked with numpy,
and only when that finds a fault are the faulty rows looked at one by one to explain it.

Reading is most of the time `peihuo allocate` spends outside the solve, so a well-formed file
takes a fast path: msgspec decodes demand rows straight into typed, untracked structs (about
four times faster than building a dict per row). Anything that path does not expect (a
wrong type, a missing field, an unknown id) sends the document down the general path, which
reads any JSON and explains every fault; both build the same problem.

Beyond the contract, a problem may carry `stores[].weight` (tier priority, default 1),
`demand[].group` and a top-level `groups: [{"id", "min_units"}]` (presentation minimum).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from operator import attrgetter, itemgetter, methodcaller
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import numpy.typing as npt
import orjson

from domain.errors import Collector, DomainError, ErrorCode
from domain.recommendation.allocation.plan import AllocationPlan, Binding
from domain.recommendation.allocation.problem import (
    MAX_REPORTED,
    NO_GROUP,
    UNCAPPED,
    AllocationProblem,
    IntArray,
    field_message,
)
from domain.recommendation.allocation.records import (
    DEMAND_FIELDS,
    GROUP_FIELDS,
    MAX_COUNT,
    SKU_FIELDS,
    STORE_FIELDS,
    Field,
    Kind,
    check_record,
    value_fault,
)


def read_problem(path: str | Path) -> AllocationProblem:
    """Read and validate a problem file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise DomainError(
            ErrorCode.INVALID, f"cannot read {path}: {error.strerror}", "path"
        ) from None
    return parse_problem(data)


class _Row(msgspec.Struct, gc=False):
    """A demand row as the fast path reads it (unknown fields are ignored, as by the contract)."""

    store: str
    sku: str
    mean: float
    on_hand: int | None = None
    max_units: int | None = None
    group: str | None = None


class _Document(msgspec.Struct):
    """The problem as the fast path reads it: typed demand rows, the rest as plain JSON."""

    skus: list[Any]
    stores: list[Any]
    demand: list[_Row]
    groups: Any = None
    horizon_days: Any = 28


_DECODER = msgspec.json.Decoder(_Document)


class _Unexpected(Exception):
    """The fast path met something it leaves to the general path."""


def parse_problem(data: bytes | str) -> AllocationProblem:
    """Parse and validate the JSON text of a problem."""
    try:
        fast = _DECODER.decode(data)
    except msgspec.MsgspecError:
        fast = None  # not valid JSON, or not of the usual form: the general path says why
    if fast is not None:
        document = {
            "skus": fast.skus,
            "stores": fast.stores,
            "groups": fast.groups,
            "horizon_days": fast.horizon_days,
        }
        try:
            return problem_from_document(document, fast.demand)
        except _Unexpected:
            pass
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise DomainError(ErrorCode.INVALID, f"not valid JSON: {error}", None) from None
    return problem_from_document(document)


def problem_from_document(document: Any, rows: list[_Row] | None = None) -> AllocationProblem:
    """Validate a decoded JSON document and build the problem from it.

    `rows` are the demand rows when the fast path read them (the document then has none).
    """
    errors = Collector()
    if not isinstance(document, dict):
        raise DomainError(ErrorCode.INVALID, "the problem must be a JSON object", None)
    lists: dict[str, list[Any]] = {"demand": []}
    for name in ("skus", "stores") if rows is not None else ("skus", "stores", "demand"):
        value = document.get(name)
        if not isinstance(value, list):
            errors.add(name, f"{name}: " + ("missing" if value is None else "must be a list"))
        lists[name] = value if isinstance(value, list) else []
    horizon = document.get("horizon_days", 28)
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon <= 0:
        errors.add("horizon_days", "horizon_days: must be a positive integer")
    errors.raise_if_any()

    skus = _records(errors, "skus", lists["skus"], SKU_FIELDS)
    stores = _records(errors, "stores", lists["stores"], STORE_FIELDS)
    group_list = document.get("groups") or []
    if not isinstance(group_list, list):
        errors.add("groups", "groups: must be a list")
        group_list = []
    groups = _records(errors, "groups", group_list, GROUP_FIELDS)
    errors.raise_if_any()
    sku_index = _index(errors, "skus", skus)
    store_index = _index(errors, "stores", stores)
    group_index = _index(errors, "groups", groups)
    errors.raise_if_any()

    if rows is None:
        demand = _demand_columns(lists["demand"], store_index, sku_index, group_index)
    else:
        demand = _typed_demand_columns(rows, store_index, sku_index, group_index)
    excluded = _excluded(errors, stores, sku_index, demand["store"], demand["sku"], len(skus))
    errors.raise_if_any()
    problem = AllocationProblem(
        sku_ids=np.array([s["id"] for s in skus], dtype=object),
        unit_cost=np.array([s["unit_cost"] for s in skus], float),
        retail_price=np.array([s["retail_price"] for s in skus], float),
        hq_stock=np.array([s["hq_stock"] for s in skus], np.int64),
        pack_size=np.array([s["pack_size"] for s in skus], np.int64),
        store_ids=np.array([s["id"] for s in stores], dtype=object),
        budget=np.array([s["budget"] for s in stores], float),
        store_weight=np.array([s["weight"] for s in stores], float),
        excluded=excluded,
        group_min_units=np.array([g["min_units"] for g in groups], np.int64),
        group_ids=np.array([g["id"] for g in groups], dtype=object),
        horizon_days=horizon,
        **demand,
    )
    problem.validate()
    return problem


def _records(
    errors: Collector, family: str, records: list[Any], fields: tuple[Field, ...]
) -> list[dict[str, Any]]:
    values = []
    for index, record in enumerate(records):
        checked, faults = check_record(family, index, record, fields)
        values.append(checked)
        for path, message in faults:
            if len(errors.errors) < MAX_REPORTED:
                errors.add(path, message)
    return values


def _index(errors: Collector, family: str, records: list[dict[str, Any]]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, record in enumerate(records):
        if record["id"] in index:
            errors.add(
                f"{family}[{i}].id",
                field_message(
                    family, i, record["id"], "id", f"repeats {family}[{index[record['id']]}]"
                ),
            )
        index.setdefault(record["id"], i)
    return index


def _demand_columns(
    rows: list[Any],
    store_index: dict[str, int],
    sku_index: dict[str, int],
    group_index: dict[str, int],
) -> dict[str, Any]:
    """Demand columns as arrays; explains the faulty rows when any value is not readable."""
    n = len(rows)
    references = {"store": store_index, "sku": sku_index, "group": group_index}
    try:
        store, sku = _references(rows, store_index, sku_index)
        values = {
            "mean": list(map(itemgetter("mean"), rows)),
            "on_hand": list(map(methodcaller("get", "on_hand", 0), rows)),
            "max_units": list(map(methodcaller("get", "max_units"), rows)),
        }
        group_values = [r.get("group") for r in rows] if group_index else None
        group = _groups(group_values, group_index, n)
    except (KeyError, TypeError, AttributeError):
        # A row that is not an object, lacks a key or has an unhashable id: find it the slow way.
        _explain_demand(rows, range(n), references)
        raise AssertionError("a demand row failed to read but no fault was found") from None
    kinds = {"mean": Kind.NUMBER, "on_hand": Kind.COUNT, "max_units": Kind.COUNT}
    absent = {"mean": None, "on_hand": 0, "max_units": UNCAPPED}
    columns = {name: _numbers(values[name], kinds[name], absent[name]) for name in kinds}
    suspect = (store < 0) | (sku < 0) | (group < NO_GROUP)
    for name, column in columns.items():
        if column is None:
            optional = absent[name] is not None
            faults = (
                not (optional and v is None) and value_fault(kinds[name], v) is not None
                for v in values[name]
            )
            suspect |= np.fromiter(faults, bool, n)
    if np.any(suspect):
        _explain_demand(rows, np.flatnonzero(suspect).tolist(), references)
    return {"store": store, "sku": sku, "group": group, **columns}


def _typed_demand_columns(
    rows: list[_Row],
    store_index: dict[str, int],
    sku_index: dict[str, int],
    group_index: dict[str, int],
) -> dict[str, Any]:
    """Demand columns from the fast path's rows; _Unexpected at anything to explain."""
    n = len(rows)
    try:
        store = np.fromiter(
            map(store_index.__getitem__, map(attrgetter("store"), rows)), np.int64, n
        )
        sku = np.fromiter(map(sku_index.__getitem__, map(attrgetter("sku"), rows)), np.int64, n)
        mean = np.fromiter(map(attrgetter("mean"), rows), np.float64, n)
        on_hand = _typed_counts(list(map(attrgetter("on_hand"), rows)), 0)
        max_units = _typed_counts(list(map(attrgetter("max_units"), rows)), UNCAPPED)
        # as the general path: rows' groups count only when the problem declares groups
        groups = list(map(attrgetter("group"), rows)) if group_index else None
        group = _groups(groups, group_index, n)
        if np.any(group < NO_GROUP):
            raise _Unexpected  # an unknown group id: the general path names the row
    except (KeyError, OverflowError) as error:
        raise _Unexpected from error
    return {
        "store": store,
        "sku": sku,
        "group": group,
        "mean": mean,
        "on_hand": on_hand,
        "max_units": max_units,
    }


def _typed_counts(values: list[int | None], absent: int) -> IntArray:
    """A count column read as ints (None where absent or null); _Unexpected past MAX_COUNT."""
    if None in values:
        values = [absent if v is None else v for v in values]
    column = np.array(values, np.int64)  # OverflowError past 64 bits
    if column.size and max(-int(column.min()), int(column.max())) > MAX_COUNT:
        raise _Unexpected  # the general path names the row
    return column


def _references(
    rows: list[Any], store_index: dict[str, int], sku_index: dict[str, int]
) -> tuple[IntArray, IntArray]:
    """Store and SKU positions of every row; -1 where the id is unknown."""
    n = len(rows)
    store_ids = list(map(itemgetter("store"), rows))
    sku_ids = list(map(itemgetter("sku"), rows))
    try:
        # C-level lookups: the common case of a clean file costs one pass per column
        store = np.fromiter(map(store_index.__getitem__, store_ids), np.int64, n)
        sku = np.fromiter(map(sku_index.__getitem__, sku_ids), np.int64, n)
    except KeyError:
        store = np.fromiter((store_index.get(v, -1) for v in store_ids), np.int64, n)
        sku = np.fromiter((sku_index.get(v, -1) for v in sku_ids), np.int64, n)
    return store, sku


def _numbers(values: list[Any], kind: Kind, absent: int | None) -> Any:
    """A numeric column (null becomes `absent`), or None when some value is not of `kind`."""
    types = set(map(type, values))
    if type(None) in types and absent is not None:
        values = [absent if v is None else v for v in values]
        types.discard(type(None))
    if not types <= {int, float}:
        return None
    try:
        as_float = np.array(values, dtype=float)
    except (OverflowError, ValueError):
        return None
    if kind is Kind.NUMBER:
        return as_float
    if not np.all(np.isfinite(as_float)) or np.any(np.abs(as_float) > MAX_COUNT):
        return None
    if float in types and np.any(as_float != np.round(as_float)):
        return None
    return as_float.astype(np.int64)


def _groups(values: list[Any] | None, group_index: dict[str, int], n: int) -> IntArray:
    if values is None:
        return np.full(n, NO_GROUP, np.int64)
    # -2 marks an unknown group id, explained later with the other faults
    return np.fromiter(
        (NO_GROUP if v is None else group_index.get(v, -2) for v in values), np.int64, n
    )


def _explain_demand(
    rows: list[Any], suspects: Iterable[int], references: dict[str, dict[str, int]]
) -> None:
    """Check the suspect demand rows one by one and raise the faults found."""
    errors = Collector()
    for i in suspects:
        values, faults = check_record("demand", i, rows[i], DEMAND_FIELDS)
        for path, message in faults:
            errors.add(path, message)
        for name, index in references.items():
            value = values.get(name)
            if isinstance(value, str) and value not in index:
                errors.add(f"demand[{i}].{name}", f"demand[{i}].{name}: unknown {name} {value!r}")
        if len(errors.errors) >= MAX_REPORTED:
            break
    errors.raise_if_any()


def _excluded(
    errors: Collector,
    stores: list[dict[str, Any]],
    sku_index: dict[str, int],
    row_store: IntArray,
    row_sku: IntArray,
    n_skus: int,
) -> Any:
    """Which demand rows pair a store with an SKU it excludes."""
    keys = []
    for i, store in enumerate(stores):
        for j, sku_id in enumerate(store["excluded_skus"]):
            k = sku_index.get(sku_id)
            if k is None:
                errors.add(
                    f"stores[{i}].excluded_skus[{j}]",
                    field_message(
                        "stores",
                        i,
                        store["id"],
                        f"excluded_skus[{j}]",
                        f"is {sku_id!r}, not a known sku",
                    ),
                )
            else:
                keys.append(i * n_skus + k)
    if not keys:
        return np.zeros(row_store.shape[0], bool)
    return np.isin(row_store * n_skus + row_sku, np.array(keys, np.int64))


def plan_document(problem: AllocationProblem, plan: AllocationPlan, seconds: float) -> bytes:
    """The JSON text of a plan: one line per row that receives something, with its reason.

    Millions of lines are not built as dicts: each column is serialised whole by orjson
    (numpy arrays in one call), split into its values, and the lines are joined from those
    pieces; the text is the same as `orjson.dumps` of the line dicts.
    """
    sent = np.flatnonzero(plan.qty > 0)
    store_text = np.array([orjson.dumps(i) for i in problem.store_ids.tolist()], dtype=object)
    sku_text = np.array([orjson.dumps(i) for i in problem.sku_ids.tolist()], dtype=object)
    label_text = np.array([orjson.dumps(b.label) for b in Binding], dtype=object)
    columns = [
        store_text[problem.store[sent]].tolist(),
        sku_text[problem.sku[sent]].tolist(),
        _values(plan.qty[sent]),
        _values(problem.mean[sent]),
        _values(problem.on_hand[sent]),
        _values(np.round(plan.marginal_value[sent], 2)),
        label_text[plan.binding[sent]].tolist(),
    ]
    keys = (
        b'{"store":',
        b',"sku":',
        b',"qty":',
        b',"reason":{"mean":',
        b',"on_hand":',
        b',"marginal_value":',
        b',"bound_by":',
    )
    pieces = [item for pair in zip(map(repeat, keys), columns, strict=True) for item in pair]
    lines = b",".join(map(b"".join, zip(*pieces, repeat(b"}}"))))
    document = {
        "lines": [],
        "objective": round(plan.objective, 2),
        "upper_bound": round(plan.upper_bound, 2) if np.isfinite(plan.upper_bound) else None,
        "seconds": round(seconds, 3),
        "method": plan.method,
    }
    head, tail = orjson.dumps(document).split(b"[]", 1)  # `lines` comes first
    return head + b"[" + lines + b"]" + tail


def _values(column: npt.NDArray[Any]) -> list[bytes]:
    """Each value of a numeric column as its JSON text."""
    if column.size == 0:
        return []
    text: bytes = orjson.dumps(column, option=orjson.OPT_SERIALIZE_NUMPY)
    return text[1:-1].split(b",")
