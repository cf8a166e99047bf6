"""A recommendation run: what was asked (scope, horizon, key), how far it got, and what it wrote."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, TenantOwned, enum_column, json_column


class RunStatus(StrEnum):
    """Where a run is; a failed or finished run goes back to queued when it is run again."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunTrigger(StrEnum):
    """Who or what asked for the run."""

    MANUAL = "manual"  # a person (or an integration) asked for it
    STORE = "store"  # a merchandiser reran one store
    NIGHTLY = "nightly"  # the tenant's nightly schedule


class RunPhase(StrEnum):
    """What a running run is doing now."""

    WAITING = "waiting"
    LOAD = "load"
    FORECAST = "forecast"
    ALLOCATE = "allocate"
    PERSIST = "persist"
    DONE = "done"


class RecommendationRun(TenantOwned, Base):
    """One run of the engine over a set of stores: one draft order per store, keyed by `key`.

    The key makes the run idempotent: asking again with the same key, or the job retried after
    a worker died, finds this row and replaces the run's own drafts store by store.
    Not audited row by row (progress changes every few stores); the service writes explicit
    audit entries when a run is asked for and when it ends.
    """

    __tablename__ = "recommendation_runs"
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        UniqueConstraint("tenant_id", "key"),
        Index(None, "tenant_id", "created_at"),
        Index(None, "tenant_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120))
    status: Mapped[RunStatus] = enum_column(RunStatus, default=RunStatus.QUEUED)
    trigger: Mapped[RunTrigger] = enum_column(RunTrigger, default=RunTrigger.MANUAL)
    phase: Mapped[RunPhase] = enum_column(RunPhase, default=RunPhase.WAITING)
    horizon_days: Mapped[int] = mapped_column(Integer, default=28)
    # The scope as asked: regions and/or stores (both empty: every active store of the tenant).
    requested_region_ids: Mapped[list[int]] = json_column(default=list)
    requested_store_ids: Mapped[list[int]] = json_column(default=list)
    # Who may see the run: its one region, or none when it spans the tenant or several regions.
    region_id: Mapped[int | None] = mapped_column(
        ForeignKey("regions.id", ondelete="SET NULL"), index=True
    )
    tenant_wide: Mapped[bool] = mapped_column(Boolean, default=False)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_by: Mapped[str] = mapped_column(String(200))
    stores_total: Mapped[int] = mapped_column(Integer, default=0)
    stores_done: Mapped[int] = mapped_column(Integer, default=0)
    holdout_stores: Mapped[int] = mapped_column(Integer, default=0)
    orders_written: Mapped[int] = mapped_column(Integer, default=0)
    orders_kept: Mapped[int] = mapped_column(Integer, default=0)
    lines_written: Mapped[int] = mapped_column(Integer, default=0)
    units: Mapped[int] = mapped_column(Integer, default=0)
    total_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    expected_margin: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    # Seconds per phase: load, forecast, allocate, persist (of the latest attempt).
    timings: Mapped[dict[str, float]] = json_column(default=dict)
    # What the engine reported beyond the counts (method, upper bound, demand rows...).
    details: Mapped[dict[str, Any]] = json_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped each time the run is queued again, so its outbox key is new each time.
    requests: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    started_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    heartbeat_at: Mapped[datetime | None] = mapped_column()
