"""Recommendation runs through GraphQL: ask, follow, read the proposals and their reasons, rerun
one store, edit its draft within the stock and budget checks."""

from __future__ import annotations

from typing import Any

from strawberry import relay

from domain.db import Database
from domain.settings import Settings
from tests.domain.recommendation.runs.factories import give_history
from tests.factories import World
from tests.factories_service import run_jobs
from tests.fixtures import GraphQLClient

RUN_FIELDS = """
  id key status trigger horizonDays attempts error ordersWritten unitsWritten: units
  progress { phase storesDone storesTotal share }
  timings { load forecast allocate persist total }
  requestedBy { email } regions { code } storeIds demandRows method
"""
RUN = f"""
mutation($input: RunRecommendationsInput!) {{
  runRecommendations(input: $input) {{ run {{ {RUN_FIELDS} }} userErrors {{ field code message }} }}
}}"""
RERUN = f"""
mutation($input: StoreRecommendInput!) {{
  storeRecommend(input: $input) {{ run {{ {RUN_FIELDS} }} userErrors {{ field code message }} }}
}}"""
FOLLOW = f"""
query($id: ID!) {{
  recommendationRun(id: $id) {{
    {RUN_FIELDS}
    orders(first: 50) {{
      totalCount
      edges {{ node {{ id status storeId totalCost budget {{ budget }}
        lines {{ sku {{ id code }} qty recommendedQty changedBy available
                 reason {{ mean onHand marginalValue bound note kind soldRecently soldDays
                          horizonDays packSize en: text(locale: "en") zh: text(locale: "zh-CN")
                          text }} }} }} }}
    }}
  }}
}}"""
RUNS = "query($status: [RecommendationRunStatus!]) { recommendationRuns(status: $status) { totalCount edges { node { key } } } }"
EDIT = """
mutation($input: OrderEditInput!) {
  orderEdit(input: $input) {
    order { lines { sku { code } qty changedBy } }
    userErrors { field code message }
  }
}"""


def gid(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


async def _follow(gql: GraphQLClient, token: str, run_id: str) -> dict[str, Any]:
    body = await gql(FOLLOW, {"id": run_id}, token=token)
    assert "errors" not in body, body
    run: dict[str, Any] = body["data"]["recommendationRun"]
    return run


async def test_hq_runs_a_region_and_reads_every_proposal_with_its_reasons(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    await give_history(db, world)
    token = world.hq.token(settings)
    region = world.regions[1]
    body = await gql(
        RUN, {"input": {"regionIds": [gid("Region", region.id)], "key": "r2-week-48"}}, token=token
    )
    payload = body["data"]["runRecommendations"]
    assert payload["userErrors"] == []
    queued = payload["run"]
    assert queued["status"] == "QUEUED" and queued["trigger"] == "MANUAL"
    assert queued["progress"] == {"phase": "WAITING", "storesDone": 0, "storesTotal": 4, "share": 0}
    assert queued["regions"] == [{"code": region.code}]
    assert queued["requestedBy"] == {"email": world.hq.email}

    again = await gql(
        RUN, {"input": {"regionIds": [gid("Region", region.id)], "key": "r2-week-48"}}, token=token
    )
    assert again["data"]["runRecommendations"]["run"]["id"] == queued["id"]  # same key, same run

    await run_jobs(settings)
    run = await _follow(gql, token, queued["id"])
    assert run["status"] == "SUCCEEDED" and run["error"] is None
    assert run["progress"] == {"phase": "DONE", "storesDone": 4, "storesTotal": 4, "share": 1.0}
    assert all(run["timings"][k] is not None for k in ("load", "forecast", "allocate", "persist"))
    assert run["demandRows"] > 0 and run["method"]
    orders = run["orders"]["edges"]
    assert run["orders"]["totalCount"] == run["ordersWritten"] == 4
    region_stores = {gid("Store", s.id) for s in world.stores if s.region_id == region.id}
    assert {e["node"]["storeId"] for e in orders} == region_stores
    for edge in orders:
        order = edge["node"]
        assert order["status"] == "DRAFT"
        assert float(order["totalCost"]) <= float(order["budget"]["budget"])
        for line in order["lines"]:
            reason = line["reason"]
            assert reason["mean"] > 0 and reason["onHand"] >= 1
            assert reason["marginalValue"] > 0
            assert reason["bound"] in {"demand", "budget", "hq_stock", "display_capacity"}
            assert reason["note"]
            assert (reason["kind"], reason["soldDays"], reason["packSize"]) == ("DEMAND", 28, 1)
            sold = reason["soldRecently"]
            assert reason["en"].startswith(f"Sold {sold} in the last 28 days")
            assert reason["zh"].startswith(f"近 28 天售出 {sold} 件")
            assert reason["text"] == reason["zh"]  # the tenant's language (zh-CN)

    listed = await gql(RUNS, {"status": ["SUCCEEDED"]}, token=token)
    assert [e["node"]["key"] for e in listed["data"]["recommendationRuns"]["edges"]] == [
        "r2-week-48"
    ]
    # Region 1's manager does not see Region 2's run; a franchisee sees no runs at all.
    manager = next(m for m in world.managers if m.actor.region_id == world.regions[0].id)
    hidden = await gql(FOLLOW, {"id": queued["id"]}, token=manager.token(settings))
    assert hidden["data"]["recommendationRun"] is None
    owner = world.franchisees[0]
    listed = await gql(RUNS, {}, token=owner.token(settings))
    assert listed["data"]["recommendationRuns"]["totalCount"] == 0


async def test_a_merchandiser_reruns_a_store_and_edits_its_draft_within_the_checks(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    await give_history(db, world)
    merchandiser = world.merchandisers[0]
    token = merchandiser.token(settings)
    store = next(s for s in world.stores if s.merchandiser_id == merchandiser.user.id)
    body = await gql(
        RERUN, {"input": {"storeId": gid("Store", store.id), "horizonDays": 14}}, token=token
    )
    payload = body["data"]["storeRecommend"]
    assert payload["userErrors"] == []
    assert payload["run"]["trigger"] == "STORE" and payload["run"]["horizonDays"] == 14
    assert payload["run"]["storeIds"] == [gid("Store", store.id)]
    await run_jobs(settings)
    run = await _follow(gql, token, payload["run"]["id"])
    assert run["status"] == "SUCCEEDED" and run["ordersWritten"] == 1
    order = run["orders"]["edges"][0]["node"]
    line = order["lines"][0]

    too_many = line["available"] + 1
    refused = await gql(
        EDIT,
        {"input": {"id": order["id"], "lines": [{"skuId": line["sku"]["id"], "qty": too_many}]}},
        token=token,
    )
    errors = refused["data"]["orderEdit"]["userErrors"]
    assert [e["code"] for e in errors] == ["INSUFFICIENT_STOCK"]
    assert errors[0]["field"] == "input.lines.0.qty"

    cut = await gql(
        EDIT,
        {"input": {"id": order["id"], "lines": [{"skuId": line["sku"]["id"], "qty": 0}]}},
        token=token,
    )
    assert cut["data"]["orderEdit"]["userErrors"] == []
    edited = {entry["sku"]["code"]: entry for entry in cut["data"]["orderEdit"]["order"]["lines"]}
    assert edited[line["sku"]["code"]] == {
        "sku": {"code": line["sku"]["code"]},
        "qty": 0,
        "changedBy": "MERCHANDISER",
    }

    # Another merchandiser's store is not theirs to rerun.
    other = next(
        s
        for s in world.stores
        if s.merchandiser_id not in (None, merchandiser.user.id) and s.region_id == store.region_id
    )
    refused = await gql(RERUN, {"input": {"storeId": gid("Store", other.id)}}, token=token)
    assert [e["code"] for e in refused["data"]["storeRecommend"]["userErrors"]] == ["FORBIDDEN"]


async def test_bad_input_names_the_field_and_queues_nothing(
    world: World, gql: GraphQLClient, settings: Settings
) -> None:
    token = world.hq.token(settings)
    store = gid("Store", world.stores[0].id)
    region = gid("Region", world.regions[0].id)
    cases = [
        ({"regionIds": [region], "storeIds": [store]}, [None]),
        ({"horizonDays": 3}, ["input.horizonDays"]),
        ({"key": "  "}, ["input.key"]),
        ({"storeIds": [region]}, ["input.storeIds.0"]),
        ({"regionIds": [gid("Region", 10**9)]}, ["input.regionIds.0"]),
    ]
    for given, fields in cases:
        body = await gql(RUN, {"input": given}, token=token)
        payload = body["data"]["runRecommendations"]
        assert payload["run"] is None, given
        assert [e["field"] for e in payload["userErrors"]] == fields, given
    listed = await gql(RUNS, {}, token=token)
    assert listed["data"]["recommendationRuns"]["totalCount"] == 0


async def test_the_console_examples_run_a_merchandisers_stores_and_show_the_reasons(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    from api.graphql.console import CONSOLE_DIR

    def example(name: str) -> str:
        return (CONSOLE_DIR / "examples" / name).read_text(encoding="utf-8")

    await give_history(db, world)
    merchandiser = world.merchandisers[0]
    token = merchandiser.token(settings)
    asked = await gql(example("10_run_recommendations.graphql"), {"key": "console"}, token=token)
    run = asked["data"]["runRecommendations"]["run"]
    mine = [s for s in world.stores if s.merchandiser_id == merchandiser.user.id]
    assert run["progress"]["storesTotal"] == len(mine)
    await run_jobs(settings)
    body = await gql(example("11_recommendation_run.graphql"), {"id": run["id"]}, token=token)
    followed = body["data"]["recommendationRun"]
    assert followed["status"] == "SUCCEEDED"
    assert {e["node"]["storeId"] for e in followed["orders"]["edges"]} == {
        gid("Store", s.id) for s in mine
    }
    reasons = [line["reason"] for e in followed["orders"]["edges"] for line in e["node"]["lines"]]
    assert reasons and all(r["note"] and r["bound"] for r in reasons)


ORDER_RUN = """
query($id: ID!) { node(id: $id) { ... on Order { status recommendationRun { key trigger } } } }"""
SEND = """
mutation($input: OrderIdInput!) { orderSend(input: $input) { userErrors { field code message } } }"""


async def test_an_order_names_the_run_that_proposed_it_to_staff_only(
    db: Database, world: World, gql: GraphQLClient, settings: Settings
) -> None:
    await give_history(db, world)
    store, franchisee = world.stores[0], world.franchisees[0]
    merchandiser = next(m for m in world.merchandisers if m.user.id == store.merchandiser_id)
    token = merchandiser.token(settings)
    body = await gql(RERUN, {"input": {"storeId": gid("Store", store.id)}}, token=token)
    run_id = body["data"]["storeRecommend"]["run"]["id"]
    await run_jobs(settings)
    run = await _follow(gql, token, run_id)
    order_id = run["orders"]["edges"][0]["node"]["id"]

    mine = await gql(ORDER_RUN, {"id": order_id}, token=token)
    assert mine["data"]["node"] == {
        "status": "DRAFT",
        "recommendationRun": {"key": run["key"], "trigger": "STORE"},
    }
    sent = await gql(SEND, {"input": {"id": order_id}}, token=token)
    assert sent["data"]["orderSend"]["userErrors"] == []
    # The franchisee sees the proposal, not the engine's run behind it.
    theirs = await gql(ORDER_RUN, {"id": order_id}, token=franchisee.token(settings))
    assert theirs["data"]["node"] == {"status": "PROPOSED", "recommendationRun": None}
