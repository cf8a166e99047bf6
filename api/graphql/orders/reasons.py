"""Why a line is on an order: the engine's reason as typed figures, and in the reader's words."""

from __future__ import annotations

from typing import Annotated, Any, Self

import strawberry
from strawberry.scalars import JSON

from api.graphql.context import Info
from api.graphql.enums import expose
from domain.orders.reasons import ReasonKind, word
from domain.tenancy.models import Tenant


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


expose(
    ReasonKind,
    "OrderLineReasonKind",
    "Why the last unit of a line is there.",
    {
        "DEMAND": "It pays for itself: its expected margin is above its cost.",
        "PRESENTATION": "It makes up the style's minimum presentation (see `minStyleUnits`).",
        "PACK": "The SKU ships in packs (see `packSize`): the pack pays, its last unit alone "
        "would not.",
        "ROUNDING": "Whole units: the share of scarce stock or budget was rounded up.",
        "HOLDOUT": "The store is in the control group: the budget is split in proportion.",
    },
)


@strawberry.type(
    name="OrderLineSeason",
    description="When the line's category sells most in the store's region.",
)
class LineSeasonType:
    """A category's season in a region."""

    category: str = strawberry.field(description="The category (as the catalogue names it).")
    peak_month: int = strawberry.field(description="Month of most sales, 1 (January) to 12.")
    index: float | None = strawberry.field(
        description="Sales in the month the horizon starts, last year, over the mean month "
        "(above 1: the season is coming or on)."
    )


def _locale(info: Info, asked: str | None) -> str | None:
    """The reader's language: asked for, else the request's Accept-Language, else the tenant's."""
    if asked:
        return asked
    header = info.context.request.headers.get("accept-language", "")
    first = header.split(",", 1)[0].split(";", 1)[0].strip()
    return first or None


@strawberry.type(
    name="OrderLineReason",
    description="Why the engine put a line on the order: the figures, as data, and in words.",
)
class LineReasonType:
    """The line's reason, typed where the engine's keys are known (null when it did not record
    a figure: reasons written before it existed)."""

    kind: ReasonKind | None = strawberry.field(description="Why the last unit is there.")
    mean: float | None = strawberry.field(
        description="Units the store is expected to sell over the horizon (forecast mean)."
    )
    horizon_days: int | None = strawberry.field(description="Days the forecast covers.")
    on_hand: float | None = strawberry.field(
        description="Units the store had when picked (with goods on their way to it)."
    )
    sold_recently: int | None = strawberry.field(
        description="Units of the SKU the store sold over the last `soldDays` days."
    )
    sold_days: int | None = strawberry.field(description="Days `soldRecently` covers.")
    marginal_value: float | None = strawberry.field(
        description="Expected gross margin of the last unit put on the line (negative when it "
        "was sent for another cause: see `kind`)."
    )
    bound: str | None = strawberry.field(
        description="What stopped the engine from sending more (demand, budget, hq_stock, "
        "display_capacity, excluded, presentation)."
    )
    pack_size: int | None = strawberry.field(description="Units per pack of the SKU.")
    style_units: int | None = strawberry.field(
        description="Units of the style sent to the store (when a minimum presentation applies)."
    )
    min_style_units: int | None = strawberry.field(
        description="The style's minimum presentation: nothing or at least this many units."
    )
    season: LineSeasonType | None = strawberry.field(
        description="When the category peaks in the store's region (null without a year of sales)."
    )
    note: str | None = strawberry.field(
        description="The sentence the engine stored (English); `text` words it for the reader."
    )
    raw: JSON = strawberry.field(description="Everything the engine recorded, as it recorded it.")
    qty: strawberry.Private[int]
    data: strawberry.Private[dict[str, Any]]

    @strawberry.field(
        description="The reason in words, in `locale` (zh-CN or en) or else the reader's: "
        "the request's Accept-Language, else the tenant's language."
    )
    async def text(
        self,
        info: Info,
        locale: Annotated[
            str | None, strawberry.argument(description="zh-CN or en (others: closest).")
        ] = None,
    ) -> str:
        chosen = _locale(info, locale)
        tenant_id = info.context.actor.tenant_id
        if chosen is None and tenant_id is not None:
            tenant = await info.context.loaders.by_id(Tenant).load(tenant_id)
            chosen = tenant.locale if tenant else None
        return word(self.data, self.qty, chosen)

    @classmethod
    def from_json(cls, reason: dict[str, Any], qty: int) -> Self:
        bound = reason.get("bound")
        note = reason.get("note") or reason.get("summary")
        kind = reason.get("kind")
        season = reason.get("season")
        return cls(
            kind=ReasonKind(kind) if isinstance(kind, str) and kind in set(ReasonKind) else None,
            mean=_number(reason.get("mean", reason.get("forecast_mean"))),
            horizon_days=_integer(reason.get("horizon_days")),
            on_hand=_number(reason.get("on_hand")),
            sold_recently=_integer(reason.get("sold_recent")),
            sold_days=_integer(reason.get("sold_days")),
            marginal_value=_number(reason.get("marginal_value")),
            bound=str(bound) if bound is not None else None,
            pack_size=_integer(reason.get("pack_size")),
            style_units=_integer(reason.get("style_units")),
            min_style_units=_integer(reason.get("min_style_units")),
            season=LineSeasonType(
                category=str(season.get("category") or ""),
                peak_month=int(season["peak_month"]),
                index=_number(season.get("index")),
            )
            if isinstance(season, dict) and isinstance(season.get("peak_month"), int)
            else None,
            note=str(note) if note is not None else None,
            raw=JSON(reason),
            qty=qty,
            data=reason,
        )


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
