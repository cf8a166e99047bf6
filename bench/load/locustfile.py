"""The load suite (locust, headless, loopback only): a mix of franchisees, merchandisers and HQ.

- every simulated user logs in first (POST /auth/login), and again now and then;
- a franchisee opens their home (me, their stores, unread messages, latest orders) and a
  proposal (the order with its lines), and confirms proposals: two franchisee users share
  each store's proposals, so confirmations contend (one wins; the other gets a user error,
  never a server error);
- a merchandiser opens their worklist and stores;
- HQ opens the overview (sales summary, merchandisers' workload, recent runs).

Run by bench/load/run.py (which seeds the tenant and starts the server); by hand:
    PEIHUO_LOAD_PEOPLE=people.json locust -f bench/load/locustfile.py --headless \
        -H http://127.0.0.1:8000 -u 16 -r 16 -t 30s
A 503 (admission control shedding load) is counted apart from errors.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
from typing import Any

from locust import FastHttpUser, between, events, task

with open(os.environ["PEIHUO_LOAD_PEOPLE"]) as _people:
    PEOPLE: dict[str, Any] = json.load(_people)
_counter = itertools.count()
_lock = threading.Lock()
SHED = {"count": 0}

HOME = """query Home { me { role user { id name } }
  stores(first: 5) { edges { node { id code name } } }
  unreadMessageCount
  orders(first: 5) { edges { node { id number status totalUnits } } } }"""
PROPOSAL = """query Proposal($id: ID!) { order(id: $id) { id number status totalUnits totalRetail
  lines { sku { code } qty recommendedQty } } }"""
CONFIRM = """mutation Confirm($id: ID!) { orderConfirm(input: {id: $id}) {
  order { id status } userErrors { code field message } } }"""
WORKLIST = """query Worklist { worklist(first: 20) { edges { node { kind since } } }
  stores(first: 20) { edges { node { id code name } } } }"""
OVERVIEW = """query Overview { merchandisers(first: 10) { edges { node { id } } }
  recommendationRuns(first: 5) { edges { node { id status } } }
  orders(first: 10) { edges { node { id status } } } }"""


def _next(kind: str) -> Any:
    with _lock:
        people = PEOPLE[kind]
        return people[next(_counter) % len(people)]


class PeihuoUser(FastHttpUser):
    """Shared by every role: logs in, posts GraphQL, tells 503s apart."""

    abstract = True
    wait_time = between(0.5, 1.5)
    email: str = ""

    def login(self) -> None:
        with self.client.post(
            "/auth/login",
            json={"tenant": PEOPLE["tenant"], "email": self.email, "password": PEOPLE["password"]},
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code == 503:
                SHED["count"] += 1
                response.success()
                return
            if response.status_code != 200:
                response.failure(f"login {response.status_code}: {response.text[:200]}")
                return
            self.token = response.json()["access_token"]

    def graphql(self, name: str, query: str, variables: dict[str, Any] | None = None) -> Any:
        with self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}, "operationName": name},
            headers={"Authorization": f"Bearer {getattr(self, 'token', '')}"},
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code == 503:
                SHED["count"] += 1
                response.success()
                return None
            if response.status_code != 200:
                response.failure(f"{name} {response.status_code}: {response.text[:200]}")
                return None
            body = response.json()
            if body.get("errors"):
                response.failure(f"{name}: {body['errors'][0].get('message')}")
                return None
            return body["data"]

    def on_start(self) -> None:
        self.login()

    @task(1)
    def relogin(self) -> None:
        self.login()


class Franchisee(PeihuoUser):
    weight = 6

    def on_start(self) -> None:
        person = _next("franchisees")
        self.email, self.orders = person["email"], list(person["orders"])
        self.login()

    @task(6)
    def home(self) -> None:
        self.graphql("Home", HOME)

    @task(6)
    def proposal(self) -> None:
        if self.orders:
            self.graphql("Proposal", PROPOSAL, {"id": random.choice(self.orders)})

    @task(2)
    def confirm(self) -> None:
        # Two users per franchisee (when users > franchisees) take the same orders in the
        # same order: they contend for each confirmation.
        if self.orders:
            data = self.graphql("Confirm", CONFIRM, {"id": self.orders[0]})
            if data is not None:
                self.orders.pop(0)


class Merchandiser(PeihuoUser):
    weight = 3

    def on_start(self) -> None:
        self.email = _next("merchandisers")
        self.login()

    @task(10)
    def worklist(self) -> None:
        self.graphql("Worklist", WORKLIST)


class Headquarters(PeihuoUser):
    weight = 1

    def on_start(self) -> None:
        self.email = _next("hq")
        self.login()

    @task(10)
    def overview(self) -> None:
        self.graphql("Overview", OVERVIEW)


@events.quitting.add_listener
def _report_shed(environment: Any, **_kwargs: Any) -> None:
    print(f"PEIHUO_SHED {SHED['count']}")
