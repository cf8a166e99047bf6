"""Error paths in domain/ are snake_case; the API alone spells them as GraphQL arguments.

Walks the source of domain/ and fails on a camelCase segment (`occurredAt`, `lines.{i}.skuId`)
in the path given to a domain error: the field of Invalid, NotFound, Forbidden, DomainError,
FieldError, a Collector's `add`, or any `field=` / `path=` / `field_prefix=` argument.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "domain"
CAMEL = re.compile(r"[a-z][a-z0-9]*[A-Z]")
# Position of the path among an error constructor's positional arguments.
PATH_ARG = {"Invalid": 0, "NotFound": 1, "Forbidden": 1, "DomainError": 2, "FieldError": 2}
PATH_KEYWORDS = {"field", "path", "field_prefix"}


def _texts(node: ast.expr) -> Iterator[str]:
    """The literal text of a path expression (the constant parts of an f-string, both branches
    of a conditional, the values of a dict)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            yield from _texts(part)
    elif isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _texts(value)


def _paths(call: ast.Call) -> Iterator[ast.expr]:
    func = call.func
    name = (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )
    if name in PATH_ARG and len(call.args) > PATH_ARG[name]:
        yield call.args[PATH_ARG[name]]
    if name == "add" and len(call.args) >= 2:  # Collector.add(field, message, ...)
        yield call.args[0]
    for keyword in call.keywords:
        if keyword.arg in PATH_KEYWORDS:
            yield keyword.value


def camel_paths(source: str, filename: str) -> list[str]:
    """Every camelCase error path in `source`, as `file:line: text`."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call):
            for path in _paths(node):
                found += [
                    f"{filename}:{node.lineno}: {t!r}" for t in _texts(path) if CAMEL.search(t)
                ]
    return found


def test_domain_error_paths_are_snake_case() -> None:
    found = []
    for file in sorted(DOMAIN.rglob("*.py")):
        found += camel_paths(file.read_text(encoding="utf-8"), str(file.relative_to(DOMAIN.parent)))
    assert found == [], (
        "camelCase error paths in domain/ (the API converts snake_case):\n" + "\n".join(found)
    )


def test_the_walk_sees_every_way_a_path_is_given() -> None:
    source = """
errors.add("occurredAt", "lies in the future")
errors.add(f"lines.{i}.skuId", "not found")
raise Invalid("storeId" if one else "store_ids", "no")
raise NotFound("order", "orderId")
raise DomainError(ErrorCode.CONFLICT, "taken", "trackingNumber")
FieldError(ErrorCode.INVALID, "bad", field="packSize")
RunRequest(field_prefix={"stores": "storeIds"})
errors.add("occurred_at", "fine")
session.add(row)
raise NotFound("shipmentOrder")
"""
    assert [line.split(": ", 1)[1] for line in camel_paths(source, "x.py")] == [
        "'occurredAt'",
        "'.skuId'",
        "'storeId'",
        "'orderId'",
        "'trackingNumber'",
        "'packSize'",
        "'storeIds'",
    ]
