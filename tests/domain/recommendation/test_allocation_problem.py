"""Allocation problems: the JSON contract is read faithfully and bad input is named precisely."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import numpy as np
import orjson
import pytest

from domain.errors import DomainError
from domain.recommendation.allocation import UNCAPPED, AllocationProblem, contract, parse_problem
from domain.recommendation.allocation.contract import problem_from_document
from tests.domain.recommendation.allocation_factories import as_document, random_problem


def document() -> dict[str, Any]:
    return {
        "horizon_days": 28,
        "skus": [
            {"id": "K1", "unit_cost": 60.0, "retail_price": 129.0, "hq_stock": 12, "pack_size": 1},
            {
                "id": "K2",
                "unit_cost": 20,
                "retail_price": 49,
                "hq_stock": 30,
                "pack_size": 3,
                "category": "knit",
            },
        ],
        "stores": [
            {"id": "T1", "region": "R1", "budget": 2000.0, "excluded_skus": ["K2"]},
            {"id": "T2", "budget": 500},
        ],
        "demand": [
            {"store": "T1", "sku": "K1", "mean": 3.2, "on_hand": 1, "max_units": 10},
            {"store": "T1", "sku": "K2", "mean": 5.0, "on_hand": 0, "max_units": 9},
            {"store": "T2", "sku": "K2", "mean": 4.0},
        ],
    }


def messages(doc: Any) -> list[str]:
    with pytest.raises(DomainError) as caught:
        parse_problem(orjson.dumps(doc))
    return [e.message for e in caught.value.errors]


def fields(doc: Any) -> list[str | None]:
    with pytest.raises(DomainError) as caught:
        parse_problem(orjson.dumps(doc))
    return [e.field for e in caught.value.errors]


def test_reads_the_contract_with_defaults_and_exclusions() -> None:
    problem = parse_problem(orjson.dumps(document()))
    assert list(problem.sku_ids) == ["K1", "K2"]
    assert list(problem.store) == [0, 0, 1] and list(problem.sku) == [0, 1, 1]
    assert list(problem.pack_size) == [1, 3]
    assert list(problem.excluded) == [False, True, False]
    assert problem.on_hand[2] == 0 and problem.max_units[2] == UNCAPPED
    assert list(problem.store_weight) == [1.0, 1.0]


def test_round_trip_of_a_random_problem_keeps_every_column() -> None:
    problem = random_problem(3, 5, 8, packs=(1, 2, 6), exclude=0.3, uncapped=0.3)
    again = parse_problem(orjson.dumps(as_document(problem)))
    for name in (
        "unit_cost",
        "retail_price",
        "hq_stock",
        "pack_size",
        "budget",
        "store",
        "sku",
        "mean",
        "on_hand",
        "max_units",
        "excluded",
    ):
        assert np.array_equal(getattr(again, name), getattr(problem, name)), name


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["demand"][1].update(mean=-1), "demand[1].mean: must be a non-negative number"),
        (
            lambda d: d["demand"][2].update(mean="3"),
            'demand[2].mean: must be a non-negative number, not "3"',
        ),
        (
            lambda d: d["demand"][0].update(on_hand=1.5),
            "demand[0].on_hand: must be a non-negative integer, not 1.5",
        ),
        (
            lambda d: d["demand"][0].update(max_units=True),
            "demand[0].max_units: must be a non-negative integer, not true",
        ),
        (lambda d: d["demand"][2].pop("mean"), "demand[2].mean: missing"),
        (lambda d: d["stores"][1].pop("budget"), "stores[1] (T2): budget missing"),
        (
            lambda d: d["stores"][0].update(budget=None),
            "stores[0] (T1): budget must be a non-negative number, not null",
        ),
        (
            lambda d: d["skus"][1].update(pack_size=0),
            "skus[1] (K2): pack_size must be a positive integer, not 0",
        ),
        (
            lambda d: d["skus"][0].update(hq_stock=-3),
            "skus[0] (K1): hq_stock must be a non-negative integer, not -3",
        ),
        (lambda d: d["demand"][2].update(store="T9"), "demand[2].store: unknown store 'T9'"),
        (lambda d: d["demand"][0].update(sku="K9"), "demand[0].sku: unknown sku 'K9'"),
        (lambda d: d["stores"][1].update(id="T1"), "stores[1] (T1): id repeats stores[0]"),
        (lambda d: d["skus"].append(dict(d["skus"][0])), "skus[2] (K1): id repeats skus[0]"),
        (
            lambda d: d["demand"].append(dict(d["demand"][0], mean=1)),
            "demand[3].sku: repeats an earlier row for the same store and sku",
        ),
        (
            lambda d: d["stores"][0].update(excluded_skus=["K7"]),
            "stores[0] (T1): excluded_skus[0] is 'K7', not a known sku",
        ),
        (
            lambda d: d["stores"][0].update(weight=0),
            "stores[0] (T1): weight must be a positive number, not 0",
        ),
        (lambda d: d["demand"].__setitem__(1, 7), "demand[1]: must be an object"),
        (lambda d: d.pop("demand"), "demand: missing"),
        (lambda d: d.update(skus={}), "skus: must be a list"),
    ],
)
def test_malformed_input_names_the_field_and_record(change: Any, expected: str) -> None:
    doc = copy.deepcopy(document())
    change(doc)
    assert expected in messages(doc)


def test_errors_carry_the_field_path() -> None:
    doc = document()
    doc["demand"][1]["mean"] = -2
    assert fields(doc) == ["demand[1].mean"]


def test_many_faults_are_reported_together_then_counted() -> None:
    doc = document()
    doc["demand"] = [{"store": "T1", "sku": "K1", "mean": -1.0}] * 30
    found = messages(doc)
    assert found[0] == "demand[0].mean: must be a non-negative number"
    assert found[-1] == "demand: 10 more with bad mean"


def test_not_json_and_not_an_object_are_refused() -> None:
    with pytest.raises(DomainError, match="not valid JSON"):
        parse_problem(b"{skus: [}")
    with pytest.raises(DomainError, match="must be a JSON object"):
        parse_problem(b"[1, 2]")


def test_groups_are_read_and_checked() -> None:
    doc = document()
    doc["groups"] = [{"id": "T1/style", "min_units": 3}]
    doc["demand"][0]["group"] = "T1/style"
    doc["demand"][1]["group"] = "T1/style"
    problem = parse_problem(orjson.dumps(doc))
    assert list(problem.group) == [0, 0, -1] and list(problem.group_min_units) == [3]
    doc["demand"][2]["group"] = "T1/style"
    assert "demand[2].group: joins a group whose rows belong to another store" in messages(doc)
    doc["demand"][2]["group"] = "T2/none"
    assert "demand[2].group: unknown group 'T2/none'" in messages(doc)


def test_array_problem_checks_shapes_and_references() -> None:
    problem = random_problem(1, 3, 4)
    problem.mean = problem.mean[:-1]
    with pytest.raises(DomainError, match="demand column mean has shape"):
        problem.validate()
    problem = random_problem(1, 3, 4)
    problem.sku = problem.sku.copy()
    problem.sku[0] = 99
    with pytest.raises(DomainError, match=r"demand\[0\].sku: refers to no sku"):
        problem.validate()


def test_optional_columns_default_to_neutral_values() -> None:
    problem = AllocationProblem(
        sku_ids=["K"],
        unit_cost=[1.0],
        retail_price=[2.0],
        hq_stock=[5],
        pack_size=[1],
        store_ids=["T"],
        budget=[10.0],
        store=[0],
        sku=[0],
        mean=[2.0],
        on_hand=[0],
        max_units=[UNCAPPED],
    )
    problem.validate()
    assert list(problem.excluded) == [False] and list(problem.group) == [-1]
    assert list(problem.store_weight) == [1.0] and problem.n_groups == 0


COLUMNS = [f.name for f in dataclasses.fields(AllocationProblem)]


def _general(doc: Any) -> AllocationProblem:
    """The problem as the general path (any JSON, every fault explained) builds it."""
    return problem_from_document(orjson.loads(orjson.dumps(doc)))


def _same(a: AllocationProblem, b: AllocationProblem) -> None:
    for name in COLUMNS:
        x, y = getattr(a, name), getattr(b, name)
        assert np.array_equal(x, y), name
        assert getattr(x, "dtype", None) == getattr(y, "dtype", None), name


@pytest.mark.parametrize(
    "change",
    [
        lambda d: None,  # the usual form: the fast path reads it
        lambda d: d["demand"][0].update(on_hand=None, max_units=None, extra={"x": 1}),
        lambda d: d["demand"][2].update(on_hand=2.0),  # integral float: general path
        lambda d: (
            d.update(groups=[{"id": "G1", "min_units": 2}], extra=[1, 2])
            or d["demand"][1].update(group="G1")
        ),
        lambda d: d["demand"][0].update(max_units=2**60),  # too big: general path explains
    ],
)
def test_fast_and_general_readers_agree(change: Any) -> None:
    doc = document()
    change(doc)
    try:
        fast = parse_problem(orjson.dumps(doc))
    except DomainError as error:
        with pytest.raises(DomainError) as caught:
            _general(doc)
        assert [e.message for e in error.errors] == [e.message for e in caught.value.errors]
        return
    _same(fast, _general(doc))


def test_fast_reader_on_a_large_random_problem() -> None:
    doc = as_document(random_problem(seed=5, n_stores=30, n_skus=40))
    _same(parse_problem(orjson.dumps(doc)), _general(doc))


def test_the_usual_form_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: Any) -> Any:
        raise AssertionError("the general path was taken")

    monkeypatch.setattr(contract.orjson, "loads", refuse)
    assert parse_problem(orjson.dumps(document())).n_rows == 3
