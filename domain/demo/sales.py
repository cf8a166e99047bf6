"""The demo's sales history: demand meets stock, day by day, for every store and SKU.

Each morning the stores whose delivery day it is are replenished up to what their
merchandiser expects them to sell before the next delivery plus a safety margin (at least one
unit of every SKU of a style in its selling window); HQ cannot always ship a SKU it is short
of. During the day, style demand is drawn (see domain.demo.demand) and split into SKUs by
colour and size; a unit asked for when the shelf is empty is a lost sale. The history records
a row for every store × SKU × day with a sale (units, takings at the day's price, stock left at
closing) and, for the SKUs the store monitors (those expected to sell at least KEY_RATE a day),
a row with `qty = 0, on_hand_close = 0` for each day they were out of stock: censored demand.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from domain.demo.catalogue import CataloguePlan
from domain.demo.demand import DemandModel
from domain.demo.spec import DemoSpec
from domain.demo.stores import StorePlan

KEY_RATE = 0.12  # units a day from which a SKU's stock-outs are monitored
REVIEW_DAYS = 10  # a week to the next delivery and three days' lead time
SAFETY = 1.0  # standard deviations of safety stock
HQ_FILL = 0.97  # chance HQ can ship an ordinary SKU in a given week
HQ_FILL_SCARCE = 0.55


@dataclass
class History:
    """Rows of daily sales (parallel arrays) and the stock left at the end."""

    store: NDArray[np.int32]
    sku: NDArray[np.int32]
    day: NDArray[np.int32]
    qty: NDArray[np.int32]
    revenue_cents: NDArray[np.int64]
    on_hand_close: NDArray[np.int32]
    on_hand: NDArray[np.int32]  # S×K at the end of the last day
    stocked: NDArray[np.bool_]  # S×K: SKUs the store keeps in its range at the end
    demanded: int  # units customers asked for, sold or not (the lost ones are never recorded)

    @property
    def rows(self) -> int:
        """How many rows of daily sales."""
        return int(self.store.size)

    @property
    def stockout_rows(self) -> int:
        """How many of them record a day out of stock."""
        return int(np.count_nonzero((self.qty == 0) & (self.on_hand_close == 0)))


class Simulation:
    """The state of every shelf, advanced one day at a time."""

    def __init__(
        self,
        spec: DemoSpec,
        stores: list[StorePlan],
        catalogue: CataloguePlan,
        model: DemandModel,
        carried: NDArray[np.bool_],
        rng: np.random.Generator,
    ) -> None:
        self.spec, self.model, self.carried, self.rng = spec, model, carried, rng
        self.days = spec.history_days
        self.sku_style = catalogue.sku_style
        self.share = catalogue.sku_share
        n_stores, n_skus = len(stores), len(catalogue.skus)
        # Style p's SKUs split (p, p + 1] by cumulative share: one searchsorted finds a unit's SKU.
        cumulative = np.empty(n_skus)
        for p in range(len(catalogue.styles)):
            idx = np.where(self.sku_style == p)[0]
            cumulative[idx] = p + np.cumsum(self.share[idx]) / self.share[idx].sum()
            cumulative[idx[-1]] = p + 1.0
        self.split_keys = cumulative
        self.style_first = np.searchsorted(self.sku_style, np.arange(len(catalogue.styles)))
        scarce = np.array([s.scarce for s in catalogue.skus])
        weeks = self.days // 7 + 2
        self.hq_ok = (
            rng.random((n_skus, weeks)) < np.where(scarce, HQ_FILL_SCARCE, HQ_FILL)[:, None]
        )
        self.judgement = rng.lognormal(0.0, 0.25, size=carried.shape)
        self.price_cents = np.array([int(s.retail_price) * 100 for s in catalogue.styles])
        self.open_day = np.array([max(s.open_day, 0) for s in stores])
        self.close_day = np.array([s.close_day for s in stores])
        self.delivery_weekday = np.array([s.delivery_weekday for s in stores])
        self.first_weekday = spec.first_day.weekday()
        self.closes_for_good = np.array([s.status.value == "closed" for s in stores])
        self.on_hand = np.zeros((n_stores, n_skus), dtype=np.int32)
        self.style_units = np.zeros(carried.shape, dtype=np.int64)  # on_hand summed per style
        self.monitored = np.zeros((n_stores, n_skus), dtype=bool)
        self.empty = np.zeros(0, dtype=np.int64)  # flat store × SKU cells monitored and empty
        self.parts: list[tuple[NDArray[np.int64], ...]] = []
        self.demanded = 0
        # S × P expected units asked for (the Poisson means), summed while not None.
        self.expected: NDArray[np.float64] | None = None

    def trading(self, t: int) -> NDArray[np.bool_]:
        """Stores open for business on day t."""
        return (self.open_day <= t) & (t < self.close_day)

    def replenish(self, t: int, stores: NDArray[np.int64]) -> None:
        """Morning delivery: top up `stores` to their order-up-to levels, as far as HQ can."""
        ahead = min(t + REVIEW_DAYS // 2, self.days - 1)
        style_rate = self.model.planned_rates(ahead, stores) * self.judgement[stores]
        active = self.carried[stores] & self.model.in_window[None, :, t]
        sku_rate = style_rate[:, self.sku_style] * self.share[None, :]
        mean = sku_rate * REVIEW_DAYS
        target = np.ceil(mean + SAFETY * np.sqrt(mean)).astype(np.int32)
        target = np.where(active[:, self.sku_style], np.maximum(target, 1), 0)
        need = np.maximum(target - self.on_hand[stores], 0)
        ship = need * self.hq_ok[:, t // 7][None, :]
        self.on_hand[stores] += ship.astype(np.int32)
        self.style_units[stores] = np.add.reduceat(self.on_hand[stores], self.style_first, axis=1)
        monitored = active[:, self.sku_style] & (sku_rate >= KEY_RATE)
        self.monitored[stores] = monitored
        self._reset_empty(stores, monitored & (self.on_hand[stores] == 0))

    def _reset_empty(self, stores: NDArray[np.int64], empty: NDArray[np.bool_]) -> None:
        """The monitored empty shelves of `stores` are now `empty` (rows of those stores)."""
        n_skus = self.on_hand.shape[1]
        keep = ~np.isin(self.empty // n_skus, stores)
        rows, cols = np.nonzero(empty)
        self.empty = np.concatenate([self.empty[keep], stores[rows] * n_skus + cols])

    def sell(self, t: int, trading: NDArray[np.bool_]) -> None:
        """One day of trading: record sales and the monitored stock-outs."""
        n_skus = self.on_hand.shape[1]
        out_s, out_k = np.divmod(self.empty, n_skus)
        today = trading[out_s]
        out_s, out_k = out_s[today], out_k[today]
        sellable = (self.carried & self.model.in_window[None, :, t]) | (self.style_units > 0)
        rates = self.model.rates(t) * sellable
        if self.expected is not None:
            self.expected += rates
        units = self.rng.poisson(rates)
        s_idx, p_idx = np.nonzero(units)
        counts = units[s_idx, p_idx]
        unit_store = np.repeat(s_idx, counts)
        unit_style = np.repeat(p_idx, counts)
        unit_sku = np.searchsorted(
            self.split_keys, unit_style + self.rng.random(unit_style.size), side="right"
        )
        cells, demand = np.unique(unit_store * n_skus + unit_sku, return_counts=True)
        self.demanded += int(demand.sum())
        cs, ck = np.divmod(cells, n_skus)
        have = self.on_hand[cs, ck]
        sold = np.minimum(demand, have)
        self.on_hand[cs, ck] = have - sold
        hit = sold > 0
        cs, ck, sold, have = cs[hit], ck[hit], sold[hit], have[hit]
        style = self.sku_style[ck]
        np.subtract.at(self.style_units, (cs, style), sold)
        sold_out = (have == sold) & self.monitored[cs, ck]
        self.empty = np.concatenate([self.empty, cells[hit][sold_out]])
        unit_price = (
            np.round(self.price_cents[style] * self.model.price_factor[style, t] / 100) * 100
        )
        self.parts.append(
            (
                np.concatenate([cs, out_s]),
                np.concatenate([ck, out_k]),
                np.full(cs.size + out_s.size, t),
                np.concatenate([sold, np.zeros(out_s.size, dtype=np.int64)]),
                np.concatenate(
                    [sold * unit_price.astype(np.int64), np.zeros(out_s.size, np.int64)]
                ),
                np.concatenate([have - sold, np.zeros(out_s.size, dtype=np.int64)]),
            )
        )

    def step(self, t: int) -> None:
        """Day t: closings, the morning's deliveries, the day's sales."""
        trading = self.trading(t)
        closing = np.nonzero((self.close_day == t) & self.closes_for_good)[0]
        if closing.size:  # the stock goes back to HQ
            self.on_hand[closing] = 0
            self.style_units[closing] = 0
        weekday = (self.first_weekday + t) % 7
        due = trading & ((self.delivery_weekday == weekday) | (self.open_day == t))
        if due.any():
            self.replenish(t, np.nonzero(due)[0])
        self.sell(t, trading)

    def fork(self, rng: np.random.Generator) -> Simulation:
        """A copy of the shelves as they stand, with no rows recorded yet, drawing from `rng`:
        the days after now replayed with other luck (the model and HQ's supply are shared)."""
        twin = copy.copy(self)
        twin.rng = rng
        twin.on_hand = self.on_hand.copy()
        twin.style_units = self.style_units.copy()
        twin.monitored = self.monitored.copy()
        twin.empty = self.empty.copy()
        twin.parts = []
        twin.expected = None if self.expected is None else np.zeros_like(self.expected)
        return twin

    def run(self) -> History:
        """Every day of the history, then the rows sorted by store, day and SKU."""
        for t in range(self.days):
            self.step(t)
        return self.finish()

    def finish(self) -> History:
        """The rows recorded so far, sorted by store, day and SKU, and the shelves now."""
        columns = [np.concatenate(c) for c in zip(*self.parts, strict=True)]
        # Store, then day: both the primary key (store, SKU, day) and the (tenant, day) index
        # are then written near where they were last written, which keeps SQLite's cache warm.
        order = np.lexsort((columns[1], columns[2], columns[0]))
        store, sku, day, qty, revenue, close = (c[order] for c in columns)
        last = self.days - 1
        stocked = (
            self.carried & self.model.in_window[None, :, last] & self.trading(last)[:, None]
        )[:, self.sku_style]
        return History(
            store=store.astype(np.int32),
            sku=sku.astype(np.int32),
            day=day.astype(np.int32),
            qty=qty.astype(np.int32),
            revenue_cents=revenue.astype(np.int64),
            on_hand_close=close.astype(np.int32),
            on_hand=self.on_hand,
            stocked=stocked,
            demanded=self.demanded,
        )


def simulate(
    spec: DemoSpec,
    stores: list[StorePlan],
    catalogue: CataloguePlan,
    model: DemandModel,
    carried: NDArray[np.bool_],
    rng: np.random.Generator,
) -> History:
    """The sales history of the demo tenant."""
    return Simulation(spec, stores, catalogue, model, carried, rng).run()
