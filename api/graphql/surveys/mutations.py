"""Survey mutations: the franchisee answers."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import mutate
from api.graphql.payloads import refusal
from api.graphql.permissions import needs
from api.graphql.relay import decode_id
from api.graphql.surveys.types import SurveyAnswerInput, SurveyPayload, SurveyType
from domain.permissions import Permission
from domain.surveys.service import SurveyAnswer, answer_survey


@strawberry.type
class SurveyMutations:
    """Mutations on surveys."""

    @strawberry.mutation(
        description="The store's franchisee rates a delivered order; once per order (a second "
        "answer is refused with DUPLICATE).",
        permission_classes=needs(Permission.SURVEY_ANSWER),
    )
    async def survey_answer(
        self,
        info: Info,
        input: Annotated[
            SurveyAnswerInput, strawberry.argument(description="The order and the answers.")
        ],
    ) -> SurveyPayload:
        async def action() -> SurveyPayload:
            survey = await answer_survey(
                info.context.session,
                info.context.actor,
                decode_id(input.order_id, "Order", "orderId"),
                SurveyAnswer(
                    overall=input.overall,
                    pick_accuracy=input.pick_accuracy,
                    timeliness=input.timeliness,
                    goods_quality=input.goods_quality,
                    value_for_money=input.value_for_money,
                    comment=input.comment,
                ),
            )
            return SurveyPayload(survey=SurveyType.from_model(survey), user_errors=[])

        return await mutate(info, action, refusal(SurveyPayload))
