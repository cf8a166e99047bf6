"""Fuzzing the GraphQL schema with schemathesis: every query and mutation field, called with
generated arguments and selections against a running server, as a given user. What counts is
the server's errors: any 5xx is a bug (bad input must get a clear error, never a crash).

Used by the suite (tests/api/test_fuzz.py, a few examples per field) and by the longer run of
bench/fuzz_graphql.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from graphql import introspection_from_schema
from hypothesis import HealthCheck, Phase, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from api.graphql.schema import build_schema

#: What the API says in place of an unexpected exception's message (api.graphql.errors): a
#: crash answered with 200 and this error is a server error too.
MASKED = "Unexpected error."


@dataclass
class Failure:
    """One call the server answered with a 5xx, or with the masked unexpected error."""

    operation: str
    status: int
    query: str
    response: str


@dataclass
class Report:
    """A run: the calls made, by status class, and the server errors."""

    calls: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    operations: int = 0
    samples: dict[str, str] = field(default_factory=dict)  # a response of each status class


def _register_scalars() -> None:
    """Strategies for the scalars schemathesis does not know: decimals (as strings, valid and
    not), JSON values, and uploads (none: files come by the multipart request, not in a JSON body)."""
    decimals = st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.text(max_size=12),
    )
    schemathesis.graphql.scalar("Decimal", decimals.map(nodes.String))
    schemathesis.graphql.scalar("Upload", st.just(nodes.Null))
    schemathesis.graphql.scalar(
        "JSON",
        st.one_of(
            st.text(max_size=20).map(nodes.String),
            st.integers().map(nodes.Int),
            st.booleans().map(nodes.Boolean),
            st.just(nodes.Null),
        ),
    )


def fuzz(base_url: str, headers: dict[str, str], examples: int, random_seed: int = 0) -> Report:
    """Call every field of the schema `examples` times with generated input; the report."""
    _register_scalars()
    # From the schema itself: the API answers introspection only to those signed in.
    schema = schemathesis.graphql.from_dict(dict(introspection_from_schema(build_schema()._schema)))
    report = Report()
    started = time.perf_counter()
    for result in schema.get_all_operations():
        report.operations += 1
        _fuzz_operation(result.ok(), base_url, headers, examples, random_seed, report)
    report.seconds = time.perf_counter() - started
    return report


def _fuzz_operation(
    operation: Any,
    base_url: str,
    headers: dict[str, str],
    examples: int,
    random_seed: int,
    report: Report,
) -> None:
    label = str(operation.label)

    @seed(random_seed)
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def call(case: Any) -> None:
        response = case.call(base_url=f"{base_url}/graphql", headers=headers, timeout=30)
        report.calls += 1
        status = f"{response.status_code // 100}xx"
        report.statuses[status] = report.statuses.get(status, 0) + 1
        report.samples.setdefault(status, f"{response.request.url} {response.text[:400]}")
        if response.status_code >= 500 or MASKED in response.text:
            report.failures.append(
                Failure(label, response.status_code, str(case.body)[:2000], response.text[:2000])
            )

    call()
