"""Allocation problems shaped unlike `alloc_score.py --gen`: the hard corners of the engine.

    python bench/allocation_shapes.py SHAPE STORES SKUS SEED > problem.json

Shapes (each starts from a network like the scorer's generator, then tightens one thing):

- ``tight``: budgets 5-25% of what each store needs, so every franchisee is short of money;
- ``scarce``: HQ holds 5-30% of the network's shortfall of each SKU;
- ``packs``: SKUs ship in packs of 2-12 units, with display caps that fit a few packs;
- ``exclusions``: each store excludes about 40% of the SKUs it has demand for;
- ``mixed``: tight-ish budgets, scarce-ish stock, packs and exclusions together;
- ``skewed``: store sizes spread over two orders of magnitude, one SKU in ten very popular.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import orjson

SHAPES = ("tight", "scarce", "packs", "exclusions", "mixed", "skewed")


def generate(shape: str, n_stores: int, n_skus: int, seed: int) -> dict[str, Any]:
    """A random problem of the given shape, as the JSON document of the allocation contract."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    rng = np.random.default_rng(seed)
    price = rng.integers(39, 500, n_skus).astype(float)
    cost = np.round(price * rng.uniform(0.4, 0.6, n_skus), 2)
    popularity = rng.lognormal(0, 1, n_skus)
    if shape == "skewed":
        popularity[rng.random(n_skus) < 0.1] *= 8
    pack = np.ones(n_skus, np.int64)
    if shape in ("packs", "mixed"):
        choices = [2, 3, 4, 6, 8, 12] if shape == "packs" else [1, 1, 2, 3, 6]
        pack = rng.choice(choices, n_skus)
    size = rng.lognormal(0, 1.5 if shape == "skewed" else 0.6, n_stores)

    store, sku = np.nonzero(rng.random((n_stores, n_skus)) < 0.3)
    mean = np.round(size[store] * popularity[sku] * rng.lognormal(0, 0.4, store.size), 3)
    keep = mean >= 0.05
    store, sku, mean = store[keep], sku[keep], mean[keep]
    on_hand = rng.poisson(mean * 0.3)
    max_units = (2 * mean + 3).astype(np.int64)
    if shape in ("packs", "mixed"):
        max_units = np.maximum(max_units, pack[sku] * rng.integers(1, 4, store.size))
    gap = np.maximum(0.0, mean - on_hand)
    need = np.bincount(store, weights=cost[sku] * gap, minlength=n_stores)
    shortfall = np.bincount(sku, weights=gap, minlength=n_skus)

    budget_share = {
        "tight": rng.uniform(0.05, 0.25, n_stores),
        "mixed": rng.uniform(0.2, 0.7, n_stores),
    }.get(shape, rng.choice([0.4, 0.7, 1.0, 1.5], n_stores))
    stock_share = {
        "scarce": rng.uniform(0.05, 0.3, n_skus),
        "mixed": rng.uniform(0.2, 0.7, n_skus),
    }.get(shape, rng.uniform(0.5, 1.3, n_skus))
    budget = np.round(need * budget_share, 2)
    hq_stock = (shortfall * stock_share).astype(np.int64)
    if shape in ("packs", "mixed"):
        # the generator would otherwise leave many SKUs short of a single pack
        hq_stock = np.maximum(hq_stock, pack) // pack * pack + rng.integers(0, 2, n_skus)

    excluded: list[list[str]] = [[] for _ in range(n_stores)]
    if shape in ("exclusions", "mixed"):
        share = 0.4 if shape == "exclusions" else 0.2
        for s, k in zip(*_exclusions(rng, store, sku, share), strict=True):
            excluded[s].append(f"K{k:05d}")

    skus = [
        {
            "id": f"K{k:05d}",
            "unit_cost": float(cost[k]),
            "retail_price": float(price[k]),
            "hq_stock": int(hq_stock[k]),
            "pack_size": int(pack[k]),
        }
        for k in range(n_skus)
    ]
    stores = [
        {
            "id": f"T{s:05d}",
            "region": f"R{s % 3 + 1}",
            "budget": float(budget[s]),
            "excluded_skus": excluded[s],
        }
        for s in range(n_stores)
    ]
    demand = [
        {
            "store": f"T{s:05d}",
            "sku": f"K{k:05d}",
            "mean": float(m),
            "on_hand": int(y),
            "max_units": int(u),
        }
        for s, k, m, y, u in zip(
            store.tolist(),
            sku.tolist(),
            mean.tolist(),
            on_hand.tolist(),
            max_units.tolist(),
            strict=True,
        )
    ]
    return {"horizon_days": 28, "skus": skus, "stores": stores, "demand": demand}


def _exclusions(
    rng: np.random.Generator, store: np.ndarray, sku: np.ndarray, share: float
) -> tuple[np.ndarray, np.ndarray]:
    """(store, sku) pairs to exclude: a share of the demand rows."""
    pick = rng.random(store.size) < share
    return store[pick], sku[pick]


def main(argv: list[str]) -> int:
    """Command line: SHAPE STORES SKUS SEED, problem JSON on standard output."""
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    problem = generate(argv[0], int(argv[1]), int(argv[2]), int(argv[3]))
    sys.stdout.buffer.write(orjson.dumps(problem))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
