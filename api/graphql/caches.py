"""Parse and validation caches for the schema: a query text seen before skips both steps.

The validation cache is keyed by the schema, the parsed document (the parse cache returns the
same object for the same text) and the tuple of validation rules, so it hits only when the
rules are the same classes on every request: the document limits build theirs once, with the
schema (api/graphql/schema.py). Both caches are bounded LRUs, so a stream of distinct
documents cannot grow memory.
"""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache

CACHED_DOCUMENTS = 512
"""How many distinct query texts each cache keeps (the portal and the console send a few
dozen; integrations a few more)."""


def cache_extensions() -> list[Callable[[], SchemaExtension]]:
    """Factories of the two cache extensions (their LRUs live at module level, shared by every
    request of the process)."""
    return [
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
    ]
