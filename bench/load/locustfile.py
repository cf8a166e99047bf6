"""The load suite (locust, headless, loopback only): a mix of franchisees, merchandisers and HQ.

- every simulated user signs in with their password when they arrive (POST /auth/login);
  run.py spreads the arrivals over a ramp (locust's spawn rate) instead of the same instant;
- now and then a user reloads the page: the portal then gets a fresh access token from its
  refresh token (POST /auth/refresh, rotating), as it also does before the 15-minute token
  expires; one reload in four instead finds the user signed out (another device, a shared
  till) and they sign out and in again with the password. That is a password login about
  every minute per user, far more often than people who stay signed in for hours;
- a franchisee opens their home (me, their stores, unread messages, latest orders) and a
  proposal (the order with its lines), and confirms proposals: two users (the owner and the
  shop's manager, say) share each franchisee and take the same proposals in the same order,
  so they contend for each confirmation (one wins; the other gets a user error, never a
  server error), and every proposal asks for the same SKUs, so every confirmation contends
  with every other store's for the same stock rows;
- a merchandiser opens their worklist and stores;
- HQ opens the overview (merchandisers, recent runs, latest orders).

Run by bench/load/run.py (which seeds the tenant and starts the server); by hand:
    PEIHUO_LOAD_PEOPLE=people.json locust -f bench/load/locustfile.py --headless \
        -H http://127.0.0.1:8000 -u 16 -r 2 -t 30s
Every request is also written, with its start time and outcome (ok, error, or a 503 of
admission control shedding load, counted apart from errors), to the JSON file named by
PEIHUO_LOAD_SAMPLES when set, with the time the ramp ended: run.py reports from it the whole
run and the part after the ramp.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from typing import Any

from locust import FastHttpUser, between, events, task

with open(os.environ["PEIHUO_LOAD_PEOPLE"]) as _people:
    PEOPLE: dict[str, Any] = json.load(_people)
_arrivals = {kind: itertools.count() for kind in ("franchisees", "merchandisers", "hq")}
SIGN_IN_AGAIN = 0.25  # of page reloads
SAMPLES: list[tuple[float, str, float, str]] = []
RAMP: dict[str, float] = {}

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


def _next(kind: str, per_person: int = 1) -> Any:
    """The next person of a kind for an arriving user (`per_person` users share each)."""
    people = PEOPLE[kind]
    return people[next(_arrivals[kind]) // per_person % len(people)]


class PeihuoUser(FastHttpUser):
    """Shared by every role: signs in, refreshes, posts GraphQL, tells 503s apart."""

    abstract = True
    wait_time = between(0.5, 1.5)
    email: str = ""
    token: str = ""
    refresh_token: str = ""

    def _tokens(self, name: str, path: str, body: dict[str, str]) -> None:
        with self.client.post(path, json=body, name=name, catch_response=True) as response:
            if response.status_code == 503:
                response.success()  # shed: counted apart (the samples' outcome)
                return
            if response.status_code != 200:
                response.failure(f"{name} {response.status_code}: {response.text[:200]}")
                return
            grant = response.json()
            self.token, self.refresh_token = grant["access_token"], grant["refresh_token"]

    def login(self) -> None:
        body = {"tenant": PEOPLE["tenant"], "email": self.email, "password": PEOPLE["password"]}
        self._tokens("login", "/auth/login", body)

    def graphql(self, name: str, query: str, variables: dict[str, Any] | None = None) -> Any:
        with self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}, "operationName": name},
            headers={"Authorization": f"Bearer {self.token}"},
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code == 503:
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

    @task(1)
    def reload(self) -> None:
        """A page load: the portal restores the session from its refresh token."""
        if not self.refresh_token or random.random() < SIGN_IN_AGAIN:
            if self.refresh_token:
                self.client.post(
                    "/auth/logout", json={"refresh_token": self.refresh_token}, name="logout"
                )
                self.refresh_token = ""
            self.login()
        else:
            self._tokens("refresh", "/auth/refresh", {"refresh_token": self.refresh_token})


class Franchisee(PeihuoUser):
    weight = 6

    def on_start(self) -> None:
        person = _next("franchisees", per_person=2)
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
        # The two users of a franchisee take the same orders in the same order: they contend.
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


@events.request.add_listener
def _sample(
    name: str,
    response_time: float,
    response: Any,
    exception: BaseException | None,
    start_time: float | None = None,
    **_kwargs: Any,
) -> None:
    status = getattr(response, "status_code", None)
    outcome = "error" if exception else "shed" if status == 503 else "ok"
    SAMPLES.append((start_time or time.time(), name, response_time, outcome))


@events.spawning_complete.add_listener
def _ramp_done(user_count: int, **_kwargs: Any) -> None:
    RAMP.setdefault("ended", time.time())


@events.quitting.add_listener
def _write_samples(environment: Any, **_kwargs: Any) -> None:
    path = os.environ.get("PEIHUO_LOAD_SAMPLES")
    if path:
        with open(path, "w") as out:
            json.dump({"ramp_ended": RAMP.get("ended"), "samples": SAMPLES}, out)
