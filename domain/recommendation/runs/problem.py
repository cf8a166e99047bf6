"""From the network and the forecast to the allocation problem, and from the plan to proposals.

One problem holds every store of the run, so scarce HQ stock is rationed across all of them
at once (not first come, first served). Rows are the store × SKU pairs where a unit could pay:
a unit on top of what the store holds is worth `price · P(D > on_hand) − cost`, and values
only fall from there, so a pair whose first unit is worth nothing is never sent anything and
is left out (with headroom for the policies' demand uplifts). That keeps a 2,000 × 3,000
network to the rows that matter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from domain.orders.service import DraftLine
from domain.recommendation.allocation import UNCAPPED, AllocationPlan, AllocationProblem
from domain.recommendation.forecast import Forecast
from domain.recommendation.forecast.history import positions
from domain.recommendation.policies.notes import ShapingNotes
from domain.recommendation.runs.explain import LineFacts, group_units, reason
from domain.recommendation.runs.network import FloatArray, Network

#: Demand headroom when pruning rows: the policies may scale a forecast up by this much
#: (favoured categories, learned factors) before the engine sees it.
PRUNE_HEADROOM = 1.6


@dataclass(frozen=True)
class ForecastMatrix:
    """Expected demand over the horizon for the network's stores × SKUs (zeros where unknown)."""

    mean: FloatArray
    horizon_days: int


def align_forecast(network: Network, predicted: Forecast) -> ForecastMatrix:
    """The forecast's (store, SKU) matrix re-indexed to the network's store and SKU order."""
    aligned = np.zeros((len(network.stores), len(network.skus)))
    rows = positions(predicted.store_ids, network.store_ids)
    cols = positions(predicted.sku_ids, network.sku_ids)
    have_rows, have_cols = np.flatnonzero(rows >= 0), np.flatnonzero(cols >= 0)
    if have_rows.size and have_cols.size:
        block = np.asarray(predicted.mean, np.float64)[np.ix_(rows[have_rows], cols[have_cols])]
        aligned[np.ix_(have_rows, have_cols)] = block
    aligned = np.where(np.isfinite(aligned) & (aligned > 0), aligned, 0.0)
    return ForecastMatrix(aligned, predicted.horizon_days)


def build_problem(network: Network, demand: ForecastMatrix) -> AllocationProblem:
    """The allocation problem of the whole network (store i = network.stores[i], SKU k likewise)."""
    mean, on_hand = demand.mean, network.on_hand
    worth = (
        network.retail_price[None, :] * special.pdtrc(on_hand, mean * PRUNE_HEADROOM)
        > network.unit_cost[None, :]
    )
    worth &= (mean > 0) & (network.hq_stock[None, :] > 0)
    store, sku = np.nonzero(worth)
    return AllocationProblem(
        sku_ids=network.sku_ids,
        unit_cost=network.unit_cost,
        retail_price=network.retail_price,
        hq_stock=network.hq_stock,
        pack_size=network.pack_size,
        store_ids=network.store_ids,
        budget=np.array([float(s.budget) for s in network.stores], np.float64),
        store=store.astype(np.int64),
        sku=sku.astype(np.int64),
        mean=mean[store, sku],
        on_hand=on_hand[store, sku],
        max_units=np.full(store.size, UNCAPPED, np.int64),
        horizon_days=demand.horizon_days,
    )


def proposals_by_store(
    network: Network,
    problem: AllocationProblem,
    notes: ShapingNotes,
    plan: AllocationPlan,
    holdout: np.ndarray,
    facts: LineFacts,
) -> list[list[DraftLine]]:
    """The lines of each store's proposal (store order), each with its reason."""
    lines: list[list[DraftLine]] = [[] for _ in network.stores]
    groups = group_units(problem, plan.qty)
    sent = np.flatnonzero(plan.qty > 0)
    for row in sent.tolist():
        s, k = int(problem.store[row]), int(problem.sku[row])
        why = reason(network, problem, notes, plan, row, bool(holdout[s]), facts, groups)
        lines[s].append(DraftLine(sku_id=network.skus[k].id, qty=int(plan.qty[row]), reason=why))
    return lines
