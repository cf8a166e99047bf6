"""Keyset paging for connections: a cursor holds its row's sort key, and `after` seeks past it.

A page after a cursor is `WHERE (sort key) > (the cursor's) ORDER BY sort key LIMIT n`, not
`OFFSET`: a deep page costs what the first one does (the database walks the index from the
key instead of counting rows), and rows inserted or deleted between two fetches neither
repeat a row on the next page nor hide one.

The sort key is the statement's own ORDER BY (every list ends it with a unique key: the
primary key, or a column unique within the tenant such as a store's code). A nullable key gets an `IS NULL` key before it, so that NULLs sort where
PostgreSQL puts them (last ascending, first descending) on every database, and the seek can
compare them. Cursors are signed (HMAC with the secret key) and name the ordering they came
from: a tampered cursor, or one from another list or order, is refused with a clear error.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

import orjson
from sqlalchemy import Column, ColumnElement, Select, and_, literal, or_, tuple_
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from domain.errors import Invalid

_LABEL = "_keyset_"
_MAC_BYTES = 16
_INVALID = "invalid cursor: use a cursor this list returned (endCursor or an edge's cursor)"
_ELSEWHERE = "this cursor belongs to another list or ordering: start again without `after`"


def _sort_keys(statement: Select[Any]) -> list[tuple[ColumnElement[Any], bool]]:
    """(expression, descending) of each ORDER BY term, an IS NULL flag before nullable ones."""
    keys: list[tuple[ColumnElement[Any], bool]] = []
    for clause in statement._order_by_clauses:
        expression, descending = clause, False
        while isinstance(expression, UnaryExpression) and expression.modifier in (
            operators.desc_op,
            operators.asc_op,
            operators.nulls_first_op,
            operators.nulls_last_op,
        ):
            if expression.modifier is operators.desc_op:
                descending = True
            expression = expression.element
        if not (isinstance(expression, Column) and not expression.nullable):
            keys.append((expression.is_(None), descending))
        keys.append((expression, descending))
    if not keys:
        raise ValueError("a keyset-paged statement needs an ORDER BY ending in a unique key")
    return keys


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return {"e": value.name}
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} in a cursor")


def _decode(value: Any, expression: ColumnElement[Any]) -> Any:
    if not isinstance(value, dict):
        if value is None or isinstance(value, bool | int | float | str):
            return value
        raise ValueError(value)
    ((tag, text),) = value.items()
    if tag == "e":
        enum_class = getattr(expression.type, "enum_class", None)
        if not isinstance(expression.type, SqlEnum) or enum_class is None:
            raise ValueError(tag)
        return enum_class[text]
    parse = {"dt": datetime.fromisoformat, "d": date.fromisoformat, "t": time.fromisoformat}
    if tag in parse:
        return parse[tag](text)
    if tag == "n":
        return Decimal(text)
    raise ValueError(tag)


class Keyset:
    """The keyset paging of one ordered statement."""

    def __init__(self, statement: Select[Any], secret: str) -> None:
        self.keys = _sort_keys(statement)
        order = [e.desc() if d else e.asc() for e, d in self.keys]
        labels = [e.label(f"{_LABEL}{i}") for i, (e, _) in enumerate(self.keys)]
        self.statement = statement.order_by(None).order_by(*order).add_columns(*labels)
        shape = "|".join(f"{e}:{'desc' if d else 'asc'}" for e, d in self.keys)
        self._secret = hashlib.sha256(f"peihuo cursor\0{secret}".encode()).digest()
        self._ordering = hashlib.sha256(shape.encode()).hexdigest()[:12]

    def cursor(self, row: Sequence[Any]) -> str:
        """The cursor of a row the statement returned (the entity, then the sort key)."""
        values = [_encode(v) for v in row[-len(self.keys) :]]
        payload = orjson.dumps({"o": self._ordering, "k": values})
        mac = hmac.new(self._secret, payload, hashlib.sha256).digest()[:_MAC_BYTES]
        return base64.urlsafe_b64encode(mac + payload).decode().rstrip("=")

    def _values(self, cursor: str, field: str) -> list[Any]:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            raise Invalid(field, _INVALID) from None
        mac, payload = raw[:_MAC_BYTES], raw[_MAC_BYTES:]
        expected = hmac.new(self._secret, payload, hashlib.sha256).digest()[:_MAC_BYTES]
        if not hmac.compare_digest(mac, expected):
            raise Invalid(field, _INVALID)
        document = orjson.loads(payload)
        if document.get("o") != self._ordering or len(document.get("k", ())) != len(self.keys):
            raise Invalid(field, _ELSEWHERE)
        try:
            return [_decode(v, e) for v, (e, _) in zip(document["k"], self.keys, strict=True)]
        except (KeyError, TypeError, ValueError):
            raise Invalid(field, _INVALID) from None

    def after(self, cursor: str | None, field: str) -> Select[Any]:
        """The statement from the row after `cursor` on (from the start when None)."""
        if cursor is None:
            return self.statement
        values = self._values(cursor, field)
        bound = [literal(v, e.type) for v, (e, _) in zip(values, self.keys, strict=True)]
        directions = {d for _, d in self.keys}
        exprs = [e for e, _ in self.keys]
        if len(directions) == 1 and None not in values:
            # One direction, no NULLs: a row comparison, which an index serves directly.
            left, right = tuple_(*exprs), tuple_(*bound)
            return self.statement.where(left < right if directions == {True} else left > right)
        terms = []
        for i, ((expression, descending), value) in enumerate(zip(self.keys, bound, strict=True)):
            ties = [exprs[j].is_not_distinct_from(bound[j]) for j in range(i)]
            beyond = expression < value if descending else expression > value
            terms.append(and_(*ties, beyond))
        return self.statement.where(or_(*terms))
