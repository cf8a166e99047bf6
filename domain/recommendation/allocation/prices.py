"""Dual prices of store budgets and SKU stock, by exact block minimisation of the Lagrangian dual.

With a price λ_s on each unit of money of store s's budget and μ_k on each unit of SKU k's
HQ stock, a pack e (store s, SKU k) is worth sending when its gain exceeds what it uses at
those prices: `gain_e > λ_s cost_e + μ_k units_e`. The dual

    D(λ, μ) = Σ λ_s budget_s + Σ μ_k stock_k + Σ_e max(0, gain_e - λ_s cost_e - μ_k units_e)

bounds every plan's (weighted) objective from above, for any λ, μ ≥ 0. For fixed μ it
separates by store, and each store's best λ_s is a weighted quantile: the gain per unit of
money, net of stock prices, of the pack at which the store's budget runs out. Likewise for μ
given λ. Alternating the two blocks brings D within a few 1e-5 of the LP optimum in a handful
of sweeps on most networks; the integral plan is built from these prices (`rounding`).

D is piecewise linear, and where budgets and stock are both tight the alternation can stall
at a kink well above the optimum (1% on small, tight networks). `refine` then minimises a
smoothed dual, each max(0, t) replaced by T·softplus(t / T) with a temperature T per pack
proportional to its cost, by the same block alternation (each block update is now a
monotone root per group, found by safeguarded Newton steps), cooling T level by level. The
smooth function has no kinks to stall at, and as T falls its minimiser approaches the LP's.

Quantiles are found without sorting everything: a histogram per group on a log scale locates
the bin holding each group's quantile, and only the packs in that bin are sorted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from domain.recommendation.allocation.problem import FloatArray, IntArray
from domain.recommendation.allocation.segments import Segments

BINS = 512
MAX_SWEEPS = 8
#: Stop sweeping when a sweep lowers the dual bound by less than this share of it.
TOLERANCE = 2e-5


@dataclass(eq=False)
class Prices:
    """Dual prices and the upper bound they prove."""

    budget: FloatArray  # λ_s: gain per unit of money of store s's budget
    stock: FloatArray  # μ_k: gain per unit of SKU k's HQ stock
    bound: float  # D(λ, μ): no plan's weighted objective exceeds it
    sweeps: int


def threshold(
    group: IntArray, rate: FloatArray, weight: FloatArray, capacity: FloatArray
) -> FloatArray:
    """Per group, the least λ ≥ 0 with Σ weight over {rate > λ} within the group's capacity.

    That λ is the rate of the item at which the capacity runs out when items are taken by
    decreasing rate (0 when all items with a positive rate fit).
    """
    n_groups = capacity.shape[0]
    price = np.zeros(n_groups)
    keep = (rate > 0) & (weight > 0)
    group, rate, weight = group[keep], rate[keep], weight[keep]
    if rate.size == 0:
        return price
    total = np.bincount(group, weights=weight, minlength=n_groups)
    short = total > capacity
    keep = short[group]
    group, rate, weight = group[keep], rate[keep], weight[keep]
    if rate.size == 0:
        return price
    low, high = float(rate.min()), float(rate.max())
    scale = (BINS - 1e-9) / max(np.log(high / low), 1e-12)
    bins = (np.log(rate / low) * scale).astype(np.int64)
    # above[g, j]: weight of group g's items in bins j and higher (higher bins, higher rates)
    histogram = np.bincount(group * BINS + bins, weights=weight, minlength=n_groups * BINS)
    above = np.cumsum(histogram.reshape(n_groups, BINS)[:, ::-1], axis=1)[:, ::-1]
    crossing = (above > capacity[:, None]).sum(axis=1) - 1  # bin where capacity runs out
    padded = np.concatenate([above, np.zeros((n_groups, 1))], axis=1)
    higher = padded[np.arange(n_groups), np.maximum(crossing, 0) + 1]
    inside = bins == crossing[group]
    group, rate, weight = group[inside], rate[inside], weight[inside]
    order = np.lexsort((-rate, group))
    group, rate, weight = group[order], rate[order], weight[order]
    used = np.cumsum(weight)
    starts = np.searchsorted(group, np.arange(n_groups))
    used -= np.concatenate([[0.0], used])[starts[group]]
    over = np.flatnonzero(used + higher[group] > capacity[group])
    firsts, at = np.unique(group[over], return_index=True)
    price[firsts] = rate[over[at]]
    return price


def dual_bound(
    segments: Segments,
    budget: FloatArray,
    stock: FloatArray,
    budget_price: FloatArray,
    stock_price: FloatArray,
) -> float:
    """D(λ, μ) for the given prices."""
    net = segments.gain - budget_price[segments.store] * segments.cost
    net -= stock_price[segments.sku] * segments.units
    return float(budget_price @ budget + stock_price @ stock + np.maximum(net, 0.0).sum())


def solve_prices(segments: Segments, budget: FloatArray, stock: FloatArray) -> Prices:
    """Alternate exact store and SKU price updates until the dual bound stops falling."""
    paid = segments.cost > 0  # packs of free SKUs use no budget and have no budget price
    cost = np.where(paid, segments.cost, 1.0)
    stock_price = np.zeros(stock.shape[0])
    best: Prices | None = None
    for sweep in range(1, MAX_SWEEPS + 1):
        net = segments.gain - stock_price[segments.sku] * segments.units
        budget_price = threshold(segments.store[paid], (net / cost)[paid], cost[paid], budget)
        net = segments.gain - budget_price[segments.store] * segments.cost
        stock_price = threshold(segments.sku, net / segments.units, segments.units, stock)
        bound = dual_bound(segments, budget, stock, budget_price, stock_price)
        if best is not None and bound > best.bound * (1 - TOLERANCE):
            if bound < best.bound:
                best = Prices(budget_price, stock_price, bound, sweep)
            break
        best = Prices(budget_price, stock_price, bound, sweep)
    if best is None:
        return Prices(np.zeros(budget.shape[0]), stock_price, 0.0, 0)
    return best


#: Temperatures of the smoothed dual, as shares of the median gain per unit of money, and
#: the sweeps spent at each.
COOLING = ((3e-2, 10), (1e-2, 10), (3e-3, 10), (1e-3, 10))
NEWTON_STEPS = 3
#: Packs further than this many temperatures from their price are taken as fully in or out.
EDGE = 14.0


def refine(segments: Segments, budget: FloatArray, stock: FloatArray, start: Prices) -> Prices:
    """Lower the dual bound from `start` by block minimisation of the smoothed dual."""
    paid = segments.cost > 0
    if not np.any(paid):
        return start
    # a pack's temperature scales with its cost; free packs get a small positive one
    scale = np.maximum(segments.cost, 1e-3 * _median(segments.cost[paid]))
    median_rate = _median(segments.gain[paid] / segments.cost[paid])
    budget_price, stock_price = start.budget.copy(), start.stock.copy()
    best = start
    for share, sweeps in COOLING:
        temperature = share * median_rate * scale
        for _ in range(sweeps):
            budget_price = _smoothed_block(
                segments.store,
                segments.gain - stock_price[segments.sku] * segments.units,
                segments.cost,
                temperature,
                budget,
                budget_price,
            )
            stock_price = _smoothed_block(
                segments.sku,
                segments.gain - budget_price[segments.store] * segments.cost,
                segments.units,
                temperature,
                stock,
                stock_price,
            )
        bound = dual_bound(segments, budget, stock, budget_price, stock_price)
        if bound < best.bound:
            best = Prices(budget_price.copy(), stock_price.copy(), bound, best.sweeps + sweeps)
    return best


def _smoothed_block(
    group: IntArray,
    gain: FloatArray,
    weight: FloatArray,
    temperature: FloatArray,
    capacity: FloatArray,
    price: FloatArray,
) -> FloatArray:
    """Per group, the price λ ≥ 0 where Σ weight·σ((gain - λ weight) / T) meets the capacity.

    `gain` is net of the other family's prices. Packs more than EDGE temperatures away from
    the current price count as fully taken (or not) and are left out of the Newton steps.
    """
    n_groups = capacity.shape[0]
    z = (gain - price[group] * weight) / temperature
    band = np.flatnonzero(np.abs(z) <= EDGE)
    certain = np.bincount(group, weights=weight * (z > EDGE), minlength=n_groups)
    group, gain, weight, temperature = group[band], gain[band], weight[band], temperature[band]
    price = price.copy()
    low = np.zeros(n_groups)
    top = float((gain / np.maximum(weight, 1e-300)).max(initial=0.0))
    high = np.full(
        n_groups,
        top + EDGE * float((temperature / np.maximum(weight, 1e-300)).max(initial=0.0)) + 1.0,
    )
    for _ in range(NEWTON_STEPS):
        taken = _logistic((gain - price[group] * weight) / temperature)
        excess = certain + np.bincount(group, weights=weight * taken, minlength=n_groups) - capacity
        slope = np.bincount(
            group, weights=weight * weight * taken * (1 - taken) / temperature, minlength=n_groups
        )
        low = np.where(excess > 0, price, low)
        high = np.where(excess <= 0, price, high)
        step = np.maximum(price + excess / np.maximum(slope, 1e-300), 0.0)
        inside = (step >= low) & (step <= high) & (slope > 0)
        price = np.where(inside, step, (low + high) / 2)
    return price


def _logistic(x: FloatArray) -> FloatArray:
    """1 / (1 + exp(-x)) without overflow for any x (scipy's `expit`, without its import)."""
    return np.asarray(0.5 + 0.5 * np.tanh(0.5 * x), np.float64)


def _median(values: FloatArray) -> float:
    """The median of a non-empty array (np.median would import numpy.ma at first use)."""
    n = values.shape[0]
    low, high = (n - 1) // 2, n // 2
    part = np.partition(values, [low, high])
    return float(0.5 * (part[low] + part[high]))
