"""GraphQL types for surveys: the survey, the answer input, the summary."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.errors import UserError
from api.graphql.identity.types import UserType
from api.graphql.orders.types import OrderType
from api.graphql.relay import ModelNode, global_id
from domain.orders.models import Order
from domain.surveys.models import Survey
from domain.surveys.service import SurveySummary


@strawberry.type(name="Survey", description="A franchisee's rating of one delivered order.")
class SurveyType(ModelNode):
    """A survey."""

    __model__ = Survey

    id: relay.NodeID[int]
    requested_at: datetime = strawberry.field(description="When the franchisee was invited.")
    answered_at: datetime | None = strawberry.field(description="When they answered.")
    overall: int | None = strawberry.field(description="Overall satisfaction, 1 to 5.")
    pick_accuracy: int | None = strawberry.field(description="Did the pick fit the store, 1 to 5.")
    timeliness: int | None = strawberry.field(description="Was it on time, 1 to 5.")
    goods_quality: int | None = strawberry.field(description="Quality of the goods, 1 to 5.")
    value_for_money: int | None = strawberry.field(description="Value for money, 1 to 5.")
    comment: str | None = strawberry.field(description="What the franchisee added.")
    store_pk: strawberry.Private[int]
    order_pk: strawberry.Private[int]
    shipment_pk: strawberry.Private[int | None]
    answered_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="Whether the franchisee has answered.")
    def answered(self) -> bool:
        return self.answered_at is not None

    @strawberry.field(description="The store.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="The order rated.")
    def order_id(self) -> relay.GlobalID:
        return global_id("Order", self.order_pk)

    @strawberry.field(description="The order rated, with its lines.")
    async def order(self, info: Info) -> OrderType | None:
        row = await info.context.loaders.by_id(Order).load(self.order_pk)
        return OrderType.from_model(row) if row else None

    @strawberry.field(description="The shipment that delivered it.")
    def shipment_id(self) -> relay.GlobalID | None:
        return global_id("Shipment", self.shipment_pk) if self.shipment_pk else None

    @strawberry.field(description="Who answered.")
    async def answered_by(self, info: Info) -> UserType | None:
        return await UserType.load(info, self.answered_by_pk)

    @classmethod
    def from_model(cls, row: Survey) -> Self:
        return cls(
            id=row.id,
            requested_at=row.requested_at,
            answered_at=row.answered_at,
            overall=row.overall,
            pick_accuracy=row.pick_accuracy,
            timeliness=row.timeliness,
            goods_quality=row.goods_quality,
            value_for_money=row.value_for_money,
            comment=row.comment,
            store_pk=row.store_id,
            order_pk=row.order_id,
            shipment_pk=row.shipment_id,
            answered_by_pk=row.answered_by_id,
        )


@strawberry.type(name="SurveyScores", description="Average scores, 1 to 5 (null: no answers).")
class SurveyScoresType:
    """Averages per score."""

    overall: float | None = strawberry.field(description="Overall satisfaction.")
    pick_accuracy: float | None = strawberry.field(description="Pick accuracy.")
    timeliness: float | None = strawberry.field(description="Timeliness.")
    goods_quality: float | None = strawberry.field(description="Goods quality.")
    value_for_money: float | None = strawberry.field(description="Value for money.")


@strawberry.type(
    name="SurveyFactorWeights",
    description="Estimated change of the overall score per point of each factor (least squares "
    "over the answers, with an intercept).",
)
class SurveyFactorWeightsType:
    """Factor weights."""

    pick_accuracy: float = strawberry.field(description="Weight of pick accuracy.")
    timeliness: float = strawberry.field(description="Weight of timeliness.")
    goods_quality: float = strawberry.field(description="Weight of goods quality.")
    value_for_money: float = strawberry.field(description="Weight of value for money.")


@strawberry.type(name="SurveySummary", description="How the surveys of a set of stores came back.")
class SurveySummaryType:
    """A survey summary."""

    requested: int = strawberry.field(description="Surveys sent.")
    answered: int = strawberry.field(description="Surveys answered.")
    response_rate: float | None = strawberry.field(description="Answered ÷ sent (null: none sent).")
    low_ratings: int = strawberry.field(description="Answers with an overall score of 2 or less.")
    averages: SurveyScoresType = strawberry.field(description="Average of each score.")
    factor_weights: SurveyFactorWeightsType | None = strawberry.field(
        description="Weight of each factor on the overall score (null below 10 answers)."
    )

    @classmethod
    def from_summary(cls, summary: SurveySummary) -> Self:
        weights = summary.factor_weights
        return cls(
            requested=summary.requested,
            answered=summary.answered,
            response_rate=summary.response_rate,
            low_ratings=summary.low_ratings,
            averages=SurveyScoresType(**summary.averages),
            factor_weights=SurveyFactorWeightsType(**weights) if weights else None,
        )


@strawberry.input(description="Which surveys to list.")
class SurveyFilter:
    """Survey filters (all optional, combined with AND)."""

    store_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this store.")
    order_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this order.")
    answered: bool | None = strawberry.field(
        default=None, description="Only answered (true) or only waiting (false)."
    )
    max_overall: int | None = strawberry.field(
        default=None, description="Only answers with an overall score at most this."
    )


@strawberry.input(description="Which surveys to summarise.")
class SurveySummaryFilter:
    """Summary filters."""

    store_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this store.")
    region_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Of this region's stores."
    )
    since: datetime | None = strawberry.field(
        default=None, description="Requested at or after this time."
    )


@strawberry.input(description="A franchisee's rating of a delivered order (each score 1 to 5).")
class SurveyAnswerInput:
    """The answer."""

    order_id: relay.GlobalID = strawberry.field(description="The delivered order.")
    overall: int = strawberry.field(description="Overall satisfaction.")
    pick_accuracy: int = strawberry.field(description="Did the pick fit the store.")
    timeliness: int = strawberry.field(description="Was it on time.")
    goods_quality: int = strawberry.field(description="Quality of the goods.")
    value_for_money: int = strawberry.field(description="Value for money.")
    comment: str | None = strawberry.field(
        default=None, description="Anything to add (at most 2000 characters)."
    )


@strawberry.type(description="Result of answering a survey.")
class SurveyPayload:
    """The answered survey, or why not."""

    survey: SurveyType | None = strawberry.field(description="The survey, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
