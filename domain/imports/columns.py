"""Columns of an import file: names, help, and the parsers that turn cell text into values.

A parser takes non-empty cell text and returns the value or raises ValueError with a message
for the person fixing the file. Empty cells are None (or the column's default). A cell that
cannot be read (or a required one left empty) is reported and becomes UNREADABLE, so that the
row's other cells are still checked in the same run (`with_stand_ins`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from domain.bulk.rows import RowError, RowErrors, RowWarning
from domain.errors import ErrorCode
from domain.imports import formulas


class Unreadable(enum.Enum):
    """The type of UNREADABLE."""

    UNREADABLE = "unreadable"


UNREADABLE: Final = Unreadable.UNREADABLE

_TRUE = frozenset({"true", "yes", "y", "1", "t", "是", "有效"})
_FALSE = frozenset({"false", "no", "n", "0", "f", "否", "停用"})
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")


def text(value: str) -> str:
    """Text as given (already trimmed)."""
    return value


def integer(value: str) -> int:
    """A whole number (`12`, or `12.0` as spreadsheets write it)."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a whole number") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValueError(f"{value!r} is not a whole number")
    return int(number)


def amount(value: str) -> Decimal:
    """A decimal amount (`199`, `199.5`, `1,299.00`)."""
    try:
        number = Decimal(value.replace(",", "").lstrip("¥￥"))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a number")
    # A spreadsheet's float may carry noise digits (199.99000000000001): round to the cent.
    return number.quantize(Decimal("0.01")) if abs(number.as_tuple().exponent) > 8 else number  # type: ignore[arg-type]


def day(value: str) -> date:
    """A date: 2026-03-02 (also 2026/03/02, 2026.03.02, 20260302, or with a time of 00:00)."""
    head = value.split(" ")[0].split("T")[0]
    try:
        return date.fromisoformat(head)  # the usual case, and much faster than strptime
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (write it as 2026-03-02)")


def boolean(value: str) -> bool:
    """true/false (also yes/no, 1/0, 是/否)."""
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{value!r} is not true or false")


def number(value: str) -> float:
    """A decimal number such as a latitude (36.6709)."""
    try:
        out = float(value.replace(",", ""))
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None
    if out != out or out in (float("inf"), float("-inf")):
        raise ValueError(f"{value!r} is not a number")
    return out


def clock_time(value: str) -> time:
    """A time of day: 21:00 (also 21:00:00, or 9:30)."""
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).time()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a time of day (write it as 21:00)")


def text_list(value: str) -> list[str]:
    """Entries separated by `|` (or `,`, `;`, `、`): `coats|down_jackets`."""
    for separator in (",", ";", "、"):
        value = value.replace(separator, "|")
    return [entry.strip() for entry in value.split("|") if entry.strip()]


@dataclass(frozen=True)
class Column:
    """One column of an import file."""

    name: str
    help: str
    parse: Callable[[str], Any] = text
    required: bool = False
    default: Any = None
    export_only: bool = False  # written by the export, accepted and ignored by the import


def check_header(
    columns: Sequence[Column], header: Sequence[str]
) -> tuple[dict[str, int], list[RowError]]:
    """Where each known column is, and what is wrong with the header (row 1)."""
    known = {c.name: c for c in columns}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for i, name in enumerate(header):
        if not name:
            continue
        if name not in known:
            errors.append(
                RowError(1, name, f"unknown column {name!r}; expected: {', '.join(known)}")
            )
        elif name in positions:
            errors.append(RowError(1, name, f"column {name!r} appears twice", ErrorCode.DUPLICATE))
        else:
            positions[name] = i
    for column in columns:
        if column.required and column.name not in positions:
            errors.append(
                RowError(1, column.name, f"column {column.name!r} is missing", ErrorCode.REQUIRED)
            )
    return positions, errors


def parse_row(
    columns: Sequence[Column],
    positions: dict[str, int],
    number: int,
    cells: Sequence[str],
    errors: RowErrors,
    warnings: list[RowWarning] | None = None,
) -> dict[str, Any]:
    """One row's values by column name; a cell with a problem is recorded and is UNREADABLE.

    A text cell a spreadsheet would run as a formula is kept as it is, with a warning.
    """
    values: dict[str, Any] = {}
    for column in columns:
        if column.export_only:
            continue
        at = positions.get(column.name)
        raw = cells[at] if at is not None and at < len(cells) else ""
        if not raw:
            if column.required:
                errors.add(number, column.name, f"{column.name} is required", ErrorCode.REQUIRED)
                values[column.name] = UNREADABLE
            else:
                values[column.name] = column.default
            continue
        try:
            values[column.name] = column.parse(raw)
        except ValueError as error:
            errors.add(number, column.name, str(error))
            values[column.name] = UNREADABLE
            continue
        why = formulas.warning(raw) if _kept_as_text(values[column.name]) else None
        if why is not None and warnings is not None:
            warnings.append(RowWarning(number, column.name, why))
    return values


def _kept_as_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and any(isinstance(v, str) for v in value)
    )


def unreadable_columns(values: Mapping[str, Any]) -> set[str]:
    """The columns of a row whose cells could not be read."""
    return {name for name, value in values.items() if value is UNREADABLE}


def with_stand_ins(values: Mapping[str, Any], stand_ins: Mapping[str, Any]) -> dict[str, Any]:
    """The row with each unreadable cell replaced by a harmless value of its type (None unless
    `stand_ins` names one), so the kind's checks run on the rest of the row. Whatever they then
    say of an unreadable cell is left out of the report (its reading problem is there)."""
    return {
        name: stand_ins.get(name) if value is UNREADABLE else value
        for name, value in values.items()
    }


def describe(columns: Sequence[Column]) -> str:
    """The columns as help text, one per line."""
    lines = []
    for c in columns:
        flag = "required" if c.required else ("export only" if c.export_only else "optional")
        lines.append(f"{c.name} ({flag}): {c.help}")
    return "\n".join(lines)
