"""GraphQL types of recommendation runs: status, progress, timings, counts and the run's orders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Self

import strawberry
from sqlalchemy import select
from strawberry import relay
from strawberry.dataloader import DataLoader

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.identity.types import UserType
from api.graphql.orders.types import OrderType
from api.graphql.regions.types import RegionType
from api.graphql.relay import Connection, ModelNode, decode_ids, global_id
from api.graphql.stores.types import user_of
from domain.orders.models import Order
from domain.orders.service import OrderFilter, orders_statement
from domain.permissions import Permission
from domain.recommendation.runs.models import RecommendationRun, RunPhase, RunStatus, RunTrigger
from domain.recommendation.runs.service import visibility
from domain.regions.models import Region

expose(
    RunStatus,
    "RecommendationRunStatus",
    "Where a recommendation run is.",
    {
        "QUEUED": "Waiting for a worker.",
        "RUNNING": "A worker is forecasting, allocating or writing the proposals.",
        "SUCCEEDED": "Every store in scope has its proposal.",
        "FAILED": "The latest attempt failed (see `error`); it may be retried or asked again.",
    },
)
expose(
    RunTrigger,
    "RecommendationRunTrigger",
    "Who or what asked for a run.",
    {
        "MANUAL": "A person or an integration asked for it.",
        "STORE": "A merchandiser reran one store.",
        "NIGHTLY": "The tenant's nightly schedule.",
    },
)
expose(
    RunPhase,
    "RecommendationRunPhase",
    "What a run is doing now.",
    {
        "WAITING": "Not started (queued).",
        "LOAD": "Reading stores, SKUs and stock.",
        "FORECAST": "Forecasting each store's demand.",
        "ALLOCATE": "Sharing HQ stock across the stores within their budgets.",
        "PERSIST": "Writing one draft order per store.",
        "DONE": "Finished.",
    },
)

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type(name="RecommendationRunProgress", description="How far a run is.")
class RunProgressType:
    """Stores done out of the stores in scope, and the current phase."""

    phase: RunPhase = strawberry.field(description="What the run is doing now.")
    stores_done: int = strawberry.field(description="Stores whose proposal is written.")
    stores_total: int = strawberry.field(description="Stores in the run's scope.")

    @strawberry.field(description="Share of the stores done, 0 to 1.")
    def share(self) -> float:
        return self.stores_done / self.stores_total if self.stores_total else 0.0


@strawberry.type(
    name="RecommendationRunTimings",
    description="Seconds each phase of the latest attempt took (null: not reached).",
)
class RunTimingsType:
    """Seconds per phase."""

    load: float | None = strawberry.field(description="Reading stores, SKUs and stock.")
    forecast: float | None = strawberry.field(description="Reading sales and forecasting.")
    allocate: float | None = strawberry.field(description="Building, shaping and solving.")
    persist: float | None = strawberry.field(description="Writing the draft orders.")
    total: float | None = strawberry.field(description="All phases (once finished).")


@strawberry.type(
    name="RecommendationRun",
    description="One run of the recommendation engine over a set of stores: one draft order "
    "(proposal) per store, with a reason on every line.",
)
class RecommendationRunType(ModelNode):
    """A run, its progress and what it wrote."""

    __model__ = RecommendationRun
    __read_permission__ = Permission.RECOMMENDATION_READ

    id: relay.NodeID[int]
    key: str = strawberry.field(description="The run's key: asking again with it is this run.")
    status: RunStatus = strawberry.field(description="Where the run is.")
    trigger: RunTrigger = strawberry.field(description="Who or what asked for it.")
    horizon_days: int = strawberry.field(description="Days of demand the proposals cover.")
    tenant_wide: bool = strawberry.field(description="Whether it covers every store.")
    requested_by_label: str = strawberry.field(
        description="Who asked (a person's login, a job, a key)."
    )
    error: str | None = strawberry.field(description="Why the latest attempt failed.")
    attempts: int = strawberry.field(description="Attempts made (a retried job counts again).")
    orders_written: int = strawberry.field(description="Draft orders written.")
    orders_kept: int = strawberry.field(
        description="Proposals of the run kept as they were because someone had edited or sent them."
    )
    lines_written: int = strawberry.field(description="Order lines written.")
    units: int = strawberry.field(description="Units proposed in all.")
    total_cost: Decimal = strawberry.field(description="Cost of every proposal together.")
    expected_margin: Decimal = strawberry.field(
        description="Franchisees' expected gross margin of the whole plan."
    )
    holdout_stores: int = strawberry.field(
        description="Stores left on the proportional baseline as a control group."
    )
    created_at: datetime = strawberry.field(description="When it was asked for.")
    started_at: datetime | None = strawberry.field(description="When the latest attempt started.")
    finished_at: datetime | None = strawberry.field(description="When it succeeded or failed.")
    heartbeat_at: datetime | None = strawberry.field(
        description="Last sign of life of the attempt (a stale one means its worker died)."
    )
    row: strawberry.Private[RecommendationRun]

    @strawberry.field(description="How far it is: phase and stores done / total.")
    def progress(self) -> RunProgressType:
        return RunProgressType(
            phase=self.row.phase,
            stores_done=self.row.stores_done,
            stores_total=self.row.stores_total,
        )

    @strawberry.field(description="Seconds per phase.")
    def timings(self) -> RunTimingsType:
        t = self.row.timings or {}
        return RunTimingsType(
            load=t.get("load"),
            forecast=t.get("forecast"),
            allocate=t.get("allocate"),
            persist=t.get("persist"),
            total=t.get("total"),
        )

    @strawberry.field(description="How the engine allocated (null before it has).")
    def method(self) -> str | None:
        value = (self.row.details or {}).get("method")
        return str(value) if value is not None else None

    @strawberry.field(description="Store × SKU pairs the engine considered.")
    def demand_rows(self) -> int | None:
        value = (self.row.details or {}).get("demand_rows")
        return int(value) if value is not None else None

    @strawberry.field(description="Who asked (null for the schedule and integrations).")
    async def requested_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.row.requested_by_id)

    @strawberry.field(description="The regions asked for (empty when stores were named).")
    async def regions(self, info: Info) -> list[RegionType]:
        rows = await info.context.loaders.by_id(Region).load_many(self.row.requested_region_ids)
        return [RegionType.from_model(r) for r in rows if r is not None]

    @strawberry.field(description="The stores asked for (empty when regions were named).")
    def store_ids(self) -> list[relay.GlobalID]:
        return [global_id("Store", pk) for pk in self.row.requested_store_ids]

    @strawberry.field(description="The run's proposals the viewer may see, by store.")
    async def orders(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[OrderType]:
        stmt = (
            orders_statement(info.context.actor, OrderFilter())
            .where(Order.run_id == self.row.id)
            .order_by(None)
            .order_by(Order.store_id, Order.id)
        )
        return await Connection[OrderType].page(info, stmt, OrderType.from_model, first, after)

    @classmethod
    def from_model(cls, row: RecommendationRun) -> Self:
        return cls(
            id=row.id,
            key=row.key,
            status=row.status,
            trigger=row.trigger,
            horizon_days=row.horizon_days,
            tenant_wide=row.tenant_wide,
            requested_by_label=row.requested_by,
            error=row.error,
            attempts=row.attempts,
            orders_written=row.orders_written,
            orders_kept=row.orders_kept,
            lines_written=row.lines_written,
            units=row.units,
            total_cost=row.total_cost,
            expected_margin=row.expected_margin,
            holdout_stores=row.holdout_stores,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            heartbeat_at=row.heartbeat_at,
            row=row,
        )

    @classmethod
    async def load(cls, info: Info, run_id: int) -> RecommendationRunType | None:
        """The run `run_id` if the viewer may see it, batched per request (as `node` sees it)."""

        async def batch(ids: Sequence[int]) -> Sequence[RecommendationRunType | None]:
            return await cls.resolve_nodes(info=info, node_ids=[str(i) for i in ids])

        loader: DataLoader[int, RecommendationRunType | None] = info.context.loaders.custom(
            "recommendations.visible_runs", batch
        )
        return await loader.load(run_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        # `node(id:)` sees the runs `recommendationRuns` lists, no more.
        actor = info.context.maybe_actor
        keys = decode_ids(node_ids)
        ids = [i for i in keys if i > 0]
        found: dict[int, RecommendationRun] = {}
        if actor is not None and cls.may_read(info) and ids:
            rows = await info.context.session.scalars(
                select(RecommendationRun).where(RecommendationRun.id.in_(ids), visibility(actor))
            )
            found = {r.id: r for r in rows}
        return [cls.from_model(found[i]) if i in found else None for i in keys]
