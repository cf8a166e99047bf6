"""Poisson probabilities in numpy: the tails the engine values units with.

scipy.special has them (`pdtr`, `pdtrc`), but importing it costs `peihuo allocate` a third
of a second of start-up, more than the whole solve of a small network; these take a few
vectorised passes instead and agree with scipy to about 1e-12.

`cdf(k, mean) = P(D <= k)` and `sf(k, mean) = P(D > k)` (scipy's `pdtr` and `pdtrc`). Each
element is summed from P(D = k) away from the mode, on the side whose sum is the smaller
(below k when k < mean, above it otherwise), so terms fall all the way and the other
probability is one minus a sum of at most about a half: no cancellation.
`TailWalk` walks the tail of many rows up one unit at a time by the pmf recurrence, which is
what building pack values needs (P(D > y), P(D > y + 1), ... for each row).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: log(n!) is tabulated up to here and taken from Stirling's series above (error < 1e-14).
_TABLE = 256
_LOG_FACTORIAL = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, _TABLE, dtype=float)))])
#: Below this k, P(D <= k) is summed from 0 (few terms; P(D > k) is then exact to 1e-16
#: absolutely, not relatively, which is all a unit's value needs).
_FEW = 12
#: Probabilities below this are recomputed rather than carried by a recurrence.
_TINY = 1e-280
#: A sum stops when its next term is below this share of it.
_EPSILON = 1e-17


def log_factorial(n: IntArray) -> FloatArray:
    """log(n!) elementwise, for n >= 0."""
    n = np.asarray(n, np.int64)
    small = n < _TABLE
    result = np.empty(n.shape)
    result[small] = _LOG_FACTORIAL[n[small]]
    big = n[~small].astype(float)
    result[~small] = (
        (big + 0.5) * np.log(big)
        - big
        + 0.5 * np.log(2 * np.pi)
        + 1 / (12 * big)
        - 1 / (360 * big**3)
        + 1 / (1260 * big**5)
    )
    return result


def pmf(k: IntArray, mean: FloatArray) -> FloatArray:
    """P(D = k) for D ~ Poisson(mean), elementwise (0 for k < 0)."""
    k, mean = np.broadcast_arrays(np.asarray(k, np.int64), np.asarray(mean, np.float64))
    result = np.zeros(k.shape)
    positive = (mean > 0) & (k >= 0)
    kk, m = k[positive], mean[positive]
    result[positive] = np.exp(kk * np.log(m) - m - log_factorial(kk))
    result[(mean == 0) & (k == 0)] = 1.0
    return result


def cdf(k: IntArray, mean: FloatArray) -> FloatArray:
    """P(D <= k) for D ~ Poisson(mean), elementwise (scipy's `pdtr`)."""
    return split(k, mean)[0]


def sf(k: IntArray, mean: FloatArray) -> FloatArray:
    """P(D > k) for D ~ Poisson(mean), elementwise (scipy's `pdtrc`)."""
    return split(k, mean)[1]


def split(k: IntArray, mean: FloatArray) -> tuple[FloatArray, FloatArray]:
    """P(D <= k) and P(D > k); the smaller of the two is summed, the other is 1 minus it."""
    k, mean = np.broadcast_arrays(np.asarray(k, np.int64), np.asarray(mean, np.float64))
    shape = k.shape
    k, mean = k.ravel(), mean.ravel()
    # k < 0: nothing at or below k; mean 0: everything at 0, so at or below any k >= 0
    below = np.where(k >= 0, 1.0, 0.0)
    above = 1.0 - below
    positive = (k >= 0) & (mean > 0)
    few = np.flatnonzero(positive & (k < _FEW))
    below[few] = _sum_from_zero(k[few], mean[few])
    above[few] = 1.0 - below[few]
    live = np.flatnonzero(positive & (k >= _FEW))
    lower = live[k[live] < mean[live]]
    upper = live[k[live] >= mean[live]]
    below[lower] = _sum_down(k[lower], mean[lower])
    above[lower] = 1.0 - below[lower]
    above[upper] = _sum_up(k[upper], mean[upper])
    below[upper] = 1.0 - above[upper]
    return below.reshape(shape), above.reshape(shape)


def sf_scalar(k: int, mean: float) -> float:
    """P(D > k) for one k and mean, in plain floats (no per-call numpy overhead)."""
    if k < 0:
        return 1.0
    if mean <= 0:
        return 0.0
    term = math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))
    total, j = 0.0, float(k)
    if k < mean:  # P(D <= k) summed down from k; the tail is 1 minus it
        total = term
        while j > 0 and term > _EPSILON * total:
            term *= j / mean
            j -= 1
            total += term
        return 1.0 - total
    while True:
        j += 1
        term *= mean / j
        total += term
        if not term > _EPSILON * total:
            return total


class TailWalk:
    """P(D > y) for many rows at once, y rising one unit at a time per row.

    Starts at y = `start` (one exact `sf` call), then each `step` moves the chosen rows up
    one unit: P(D > y + 1) = P(D > y) - P(D = y + 1), with P(D = y + 2) = P(D = y + 1) *
    mean / (y + 2). Errors stay absolute, a few 1e-16 per step.
    """

    def __init__(self, start: IntArray, mean: FloatArray) -> None:
        self.level = np.asarray(start, np.int64).copy()
        self.mean = np.asarray(mean, np.float64)
        self.above = sf(self.level, self.mean)
        self.next = pmf(self.level + 1, self.mean)  # P(D = level + 1)

    def step(self, rows: IntArray) -> None:
        """Move `rows` (distinct positions) up one unit."""
        self.above[rows] = np.maximum(self.above[rows] - self.next[rows], 0.0)
        self.level[rows] += 1
        self.next[rows] *= self.mean[rows] / (self.level[rows] + 1)
        # Far below a large mean P(D = y) underflows to 0, and the recurrence could never
        # climb back from 0: such rows take it from the closed form until it is representable.
        lost = rows[(self.next[rows] < _TINY) & (self.level[rows] + 1 < self.mean[rows])]
        if lost.size:
            self.next[lost] = pmf(self.level[lost] + 1, self.mean[lost])


def _sum_from_zero(k: IntArray, mean: FloatArray) -> FloatArray:
    """Σ_{j <= k} P(D = j) from j = 0 up, for small k: a fixed, short loop."""
    term = np.exp(-mean)
    total = term.copy()
    for j in range(1, int(k.max(initial=0)) + 1):
        term *= mean / j
        total += np.where(j <= k, term, 0.0)
    return total


def _sum_down(k: IntArray, mean: FloatArray) -> FloatArray:
    """Σ_{j <= k} P(D = j), from j = k down, for k < mean (terms fall as j falls)."""
    # P(D = j - 1) = P(D = j) * j / mean; past j = 0 every term is 0
    return _sum(pmf(k, mean), k.astype(float), mean, down=True)


def _sum_up(k: IntArray, mean: FloatArray) -> FloatArray:
    """Σ_{j > k} P(D = j), from j = k + 1 up, for k >= mean (terms fall as j rises)."""
    # P(D = j + 1) = P(D = j) * mean / (j + 1)
    return _sum(pmf(k, mean), k.astype(float), mean, down=False)


def _sum(term: FloatArray, j: FloatArray, mean: FloatArray, *, down: bool) -> FloatArray:
    """Add falling terms until each is below _EPSILON of its sum.

    The arrays are compacted only when a quarter of their elements are done: summing a few
    more (negligible) terms for the others costs less than compacting at every step.
    """
    result = np.zeros(term.shape[0])
    at = np.arange(term.shape[0])
    total = term.copy() if down else np.zeros(term.shape[0])
    while at.size:
        if down:
            term *= j / mean
            j -= 1
        else:
            j += 1
            term *= mean / j
        total += term
        going = term > _EPSILON * total
        if down:
            going &= j >= 0
        done = at.size - int(np.count_nonzero(going))
        if done * 4 >= at.size or done == at.size:
            result[at] = total
            at, term, j, mean, total = at[going], term[going], j[going], mean[going], total[going]
    return result
