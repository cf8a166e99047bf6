"""GraphQL over HTTP as the specification (graphql.github.io/graphql-over-http) asks.

- The response's media type follows the request's `Accept`: `application/graphql-response+json`
  when the client ranks it at least as high as `application/json`, else `application/json`
  (also for `*/*` and no `Accept` at all, which is what legacy clients send).
- Under `application/graphql-response+json`, a request error (the document does not parse or
  validate, the operation cannot be chosen, a variable cannot be coerced) answers 400 with
  `errors` and no `data` entry; under `application/json` it stays 200, as the spec asks.
- GET runs queries only (strawberry refuses mutations on GET with 405/400).
- CSRF (the spec's security notes): a "simple" POST, one a cross-site form can send
  (multipart/form-data), must carry a header a form cannot set: `GraphQL-Require-Preflight`,
  `Authorization` or `X-Api-Key`. JSON bodies need a CORS preflight already, and GET only reads.
  Credentials are never ambient here (no cookie reaches /graphql), which is a second lock.
"""

from __future__ import annotations

from collections.abc import Mapping

from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# Request content types a browser may send cross-site without asking the server first.
SIMPLE_CONTENT_TYPES = frozenset(
    {"multipart/form-data", "application/x-www-form-urlencoded", "text/plain"}
)
# Headers a cross-site form cannot send: one of them makes a simple request safe.
PREFLIGHT_HEADERS = ("graphql-require-preflight", "authorization", "x-api-key")


def _ranked(accept: str) -> dict[str, float]:
    """Media type -> quality, from an `Accept` header (parameters other than q ignored)."""
    ranks: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        ranks[media] = max(quality, ranks.get(media, 0.0))
    return ranks


def response_media_type(accept: str | None) -> str:
    """The media type to answer with, given the request's `Accept` header."""
    if not accept:
        return JSON
    ranks = _ranked(accept)
    preferred = ranks.get(GRAPHQL_RESPONSE, 0.0)
    return GRAPHQL_RESPONSE if preferred > 0 and preferred >= ranks.get(JSON, 0.0) else JSON


def is_request_error(result: ExecutionResult) -> bool:
    """Whether execution never started: no data, and every error is the request's (no path).

    Field errors carry a path (even those that null the whole `data`); errors of parsing,
    validation, choosing the operation and coercing variables do not.
    """
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors or [])
    )


def needs_preflight_header(method: str, content_type: str | None) -> bool:
    """Whether a request could come from a cross-site form (a POST of a simple content type)."""
    media = (content_type or "").split(";")[0].strip().lower()
    return method == "POST" and media in SIMPLE_CONTENT_TYPES


def has_preflight_header(headers: Mapping[str, str]) -> bool:
    """Whether the request carries a header only a preflighted (or same-site) client can send."""
    return any(headers.get(name) for name in PREFLIGHT_HEADERS)
