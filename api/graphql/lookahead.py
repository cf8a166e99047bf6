"""Selection lookahead: which fields a query asks for below the field being resolved.

Resolvers use it to load only what the selection needs (a to-one relation fetched with the
page instead of one awaited field per row; a wide column left unread when nobody asked for
it). Fragments are flattened and aliases merged; `@skip`/`@include` are ignored, so the answer
may hold more than is finally sent, never less.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from api.graphql.context import Info

Selection = SelectedField | FragmentSpread | InlineFragment


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _fields(selection.selections)


def selected(info: Info | Any, *path: str) -> frozenset[str]:
    """Names of the fields selected at `path` below the current field (its own subfields for
    no path): `selected(info, "edges", "node")` in a connection's resolver."""
    level = [f for top in _fields(info.selected_fields) for f in _fields(top.selections)]
    for name in path:
        level = [f for field in level if field.name == name for f in _fields(field.selections)]
    return frozenset(f.name for f in level)
