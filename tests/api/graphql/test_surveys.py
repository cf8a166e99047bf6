"""Surveys through GraphQL: the franchisee answers once; staff read the answers and the summary."""

from __future__ import annotations

from api.graphql.relay import global_id
from domain.db import Database
from domain.orders.models import OrderStatus
from tests.domain.orders.factories import order_in
from tests.factories import World
from tests.fixtures import GraphQLClient

ANSWER = """
mutation($input: SurveyAnswerInput!) {
  surveyAnswer(input: $input) {
    survey { answered overall pickAccuracy timeliness goodsQuality valueForMoney comment
             orderId answeredBy { email } }
    userErrors { field code message }
  }
}"""

SURVEYS = """
query($filter: SurveyFilter) {
  surveys(first: 10, filter: $filter) {
    totalCount edges { node { overall comment answered storeId } }
  }
}"""

SUMMARY = """
query($filter: SurveySummaryFilter) {
  surveySummary(filter: $filter) {
    requested answered responseRate lowRatings
    averages { overall pickAccuracy timeliness goodsQuality valueForMoney }
    factorWeights { pickAccuracy }
  }
}"""


def answer_input(order_id: int, overall: int = 4, **scores: int | str) -> dict[str, object]:
    return {
        "input": {
            "orderId": str(global_id("Order", order_id)),
            "overall": overall,
            "pickAccuracy": scores.get("pickAccuracy", 4),
            "timeliness": scores.get("timeliness", 5),
            "goodsQuality": scores.get("goodsQuality", 3),
            "valueForMoney": scores.get("valueForMoney", 4),
            "comment": scores.get("comment", "Good mix for the season."),
        }
    }


async def test_the_franchisee_answers_once(db: Database, world: World, gql: GraphQLClient) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.DELIVERED)
    token = world.franchisees[0].token(gql.settings)
    body = await gql(ANSWER, answer_input(order.id), token)
    payload = body["data"]["surveyAnswer"]
    assert payload["userErrors"] == []
    assert payload["survey"] == {
        "answered": True,
        "overall": 4,
        "pickAccuracy": 4,
        "timeliness": 5,
        "goodsQuality": 3,
        "valueForMoney": 4,
        "comment": "Good mix for the season.",
        "orderId": str(global_id("Order", order.id)),
        "answeredBy": {"email": world.franchisees[0].email},
    }
    again = await gql(ANSWER, answer_input(order.id, overall=1), token)
    [error] = again["data"]["surveyAnswer"]["userErrors"]
    assert (error["field"], error["code"]) == ("input.orderId", "DUPLICATE")
    assert "already rated" in error["message"]


async def test_bad_scores_are_named(db: Database, world: World, gql: GraphQLClient) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.DELIVERED)
    body = await gql(
        ANSWER,
        answer_input(order.id, overall=9, timeliness=0),
        world.franchisees[0].token(gql.settings),
    )
    errors = body["data"]["surveyAnswer"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("input.overall", "INVALID"),
        ("input.timeliness", "INVALID"),
    ]


async def test_staff_cannot_answer_for_the_franchisee(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    order = await order_in(db, world, world.stores[0], OrderStatus.DELIVERED)
    for member in (world.hq, world.merchandisers[0]):
        body = await gql(ANSWER, answer_input(order.id), member.token(gql.settings))
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    other = await gql(ANSWER, answer_input(order.id), world.franchisees[1].token(gql.settings))
    assert other["data"]["surveyAnswer"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_staff_read_answers_of_their_stores_and_the_summary(
    db: Database, world: World, gql: GraphQLClient
) -> None:
    mine, elsewhere = world.stores[0], world.stores[4]
    rated = await order_in(db, world, mine, OrderStatus.DELIVERED)
    far = await order_in(db, world, elsewhere, OrderStatus.DELIVERED)
    await gql(ANSWER, answer_input(rated.id, overall=2), world.franchisees[0].token(gql.settings))
    await gql(ANSWER, answer_input(far.id, overall=5), world.franchisees[4].token(gql.settings))

    merchandiser = world.merchandisers[0].token(gql.settings)
    body = await gql(SURVEYS, {"filter": {"answered": True}}, merchandiser)
    assert [e["node"]["overall"] for e in body["data"]["surveys"]["edges"]] == [2]
    summary = (await gql(SUMMARY, {}, merchandiser))["data"]["surveySummary"]
    assert (summary["requested"], summary["answered"], summary["lowRatings"]) == (1, 1, 1)
    assert summary["averages"]["overall"] == 2.0 and summary["factorWeights"] is None

    hq = world.hq.token(gql.settings)
    everything = (await gql(SUMMARY, {}, hq))["data"]["surveySummary"]
    assert (everything["answered"], everything["averages"]["overall"]) == (2, 3.5)
    region = str(global_id("Region", world.regions[1].id))
    by_region = (await gql(SUMMARY, {"filter": {"regionId": region}}, hq))["data"]
    assert by_region["surveySummary"]["averages"]["overall"] == 5.0
    outside = await gql(SUMMARY, {"filter": {"regionId": region}}, merchandiser)
    assert outside["errors"][0]["extensions"]["code"] == "FORBIDDEN"
