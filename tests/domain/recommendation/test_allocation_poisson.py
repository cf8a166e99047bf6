"""The engine's numpy Poisson probabilities agree with scipy's, everywhere the engine looks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import pdtr, pdtrc

from domain.recommendation.allocation import AllocationProblem, poisson
from domain.recommendation.allocation.segments import build_segments

TOLERANCE = 1e-9


def _grid() -> tuple[np.ndarray, np.ndarray]:
    """Levels and means over the ranges a store network has, and their edges."""
    rng = np.random.default_rng(7)
    n = 20_000
    mean = np.concatenate(
        [
            rng.lognormal(0, 1.5, n),
            rng.uniform(0, 60, n),
            [1e-12, 1e-3, 0.5, 1.0, 11.5, 12.0, 30.0, 699.0, 745.0, 800.0, 5_000.0, 1e5],
        ]
    )
    level = np.concatenate(
        [
            rng.integers(0, 30, n),
            rng.integers(0, 120, n),
            [0, 40, 11, 12, 11, 12, 80, 699, 760, 700, 5_100, 100_300],
        ]
    ).astype(np.int64)
    return level, mean


def test_tail_and_cdf_match_scipy() -> None:
    level, mean = _grid()
    below, above = poisson.split(level, mean)
    assert np.abs(above - pdtrc(level, mean)).max() < TOLERANCE
    assert np.abs(below - pdtr(level, mean)).max() < TOLERANCE
    assert np.array_equal(poisson.sf(level, mean), above)
    assert np.array_equal(poisson.cdf(level, mean), below)
    # the smaller side is summed, so typical values are far closer than the tolerance
    assert np.abs(above - pdtrc(level, mean))[mean < 1_000].max() < 1e-12


def test_edges() -> None:
    # below zero nothing is at or under k; a mean of zero puts everything at zero
    assert poisson.sf(np.array([-1, -5]), np.array([2.0, 0.0])).tolist() == [1.0, 1.0]
    assert poisson.cdf(np.array([-1, 0, 3]), np.array([2.0, 0.0, 0.0])).tolist() == [0, 1, 1]
    assert poisson.sf(np.array([0, 3]), np.array([0.0, 0.0])).tolist() == [0.0, 0.0]
    assert poisson.pmf(np.array([0, 1, -1]), np.array([0.0, 0.0, 1.0])).tolist() == [1, 0, 0]
    two_d = poisson.sf(np.array([[0, 1], [2, 3]]), np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert two_d.shape == (2, 2)
    assert np.abs(two_d - pdtrc([[0, 1], [2, 3]], [[1.0, 2.0], [3.0, 4.0]])).max() < 1e-14


def test_pmf_and_log_factorial() -> None:
    level, mean = _grid()
    expected = pdtr(level, mean) - np.where(level > 0, pdtr(np.maximum(level - 1, 0), mean), 0)
    assert np.abs(poisson.pmf(level, mean) - expected).max() < TOLERANCE
    n = np.array([0, 1, 10, 255, 256, 257, 1_000, 100_000])
    exact = np.array([math.lgamma(m + 1) for m in n.tolist()])
    assert (
        np.abs(poisson.log_factorial(n) / np.maximum(exact, 1) - exact / np.maximum(exact, 1)).max()
        < 1e-14
    )


@pytest.mark.parametrize("mean", [0.0, 0.02, 0.9, 3.7, 18.0, 250.0])
def test_scalar_tail(mean: float) -> None:
    assert poisson.sf_scalar(-1, mean) == 1.0
    for k in (0, 1, 2, 5, 11, 12, 13, 40, 300):
        assert poisson.sf_scalar(k, mean) == pytest.approx(float(pdtrc(k, mean)), abs=1e-12)


def test_walk_steps_rows_up_one_unit_at_a_time() -> None:
    rng = np.random.default_rng(3)
    start = rng.integers(0, 20, 500)
    mean = rng.lognormal(1, 1, 500)
    walk = poisson.TailWalk(start, mean)
    steps = np.zeros(500, np.int64)
    for _ in range(60):
        rows = np.flatnonzero(rng.random(500) < 0.5)  # some rows move, others wait
        walk.step(rows)
        steps[rows] += 1
    assert np.array_equal(walk.level, start + steps)
    assert np.abs(walk.above - pdtrc(start + steps, mean)).max() < 1e-12


def test_walk_climbs_from_far_below_a_large_mean() -> None:
    # P(D = 1898) for a mean of 6078 is below the smallest double: the walk must not
    # carry that zero up to the mean, where the tail falls from 1 to 0
    start = np.array([1_897, 0, 40])
    mean = np.array([6_078.3, 900.0, 45.0])
    walk = poisson.TailWalk(start, mean)
    rows = np.arange(3)
    for step in range(1, 7_001):
        walk.step(rows)
        if step % 500 == 0:
            expected = pdtrc(start + step, mean)
            assert np.abs(walk.above - expected).max() < 1e-9, step


def test_pack_values_of_a_large_mean_row_match_scipy() -> None:
    # one unit per pack: pack j on top of 1,897 units is worth 300 P(D >= 1,897 + j) - 120
    problem = AllocationProblem(
        sku_ids=["K1"],
        unit_cost=[120.0],
        retail_price=[300.0],
        hq_stock=[10**6],
        pack_size=[1],
        store_ids=["T1"],
        budget=[1e9],
        store=[0],
        sku=[0],
        mean=[6_078.3],
        on_hand=[1_897],
        max_units=[12_000],
    )
    segments = build_segments(problem)
    units = np.arange(1, 12_001)
    value = 300.0 * pdtrc(1_897 + units - 1, 6_078.3) - 120.0
    worth = value[: int(np.argmax(value <= 0))]
    assert segments.size == worth.size
    assert np.abs(segments.value - worth).max() < 1e-6
