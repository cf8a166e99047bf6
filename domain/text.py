"""Human-entered text: the one rule on which characters a name or a free text may hold.

Names (of stores, people, styles, SKUs, regions, warehouses, keys, labels, codes, cities,
addresses) may hold no invisible character at all: no Unicode format character (category Cf:
bidirectional overrides, embeddings and isolates, left-to-right and right-to-left marks,
zero-width spaces and joiners, the byte-order mark, soft hyphens, tag characters …), no
control character and no line break. A right-to-left override turns `gpj.exe` into a name
that reads `exe.jpg`; zero-width characters make two names that look alike differ (or one
name look like another's). Free texts (messages, descriptions, notes, reasons, comments) may
hold line breaks and tabs, and the zero-width joiner and non-joiner that emoji sequences and
some scripts need, and nothing else invisible.

Such text is refused (with the field named), never silently changed: what a person typed is
either kept as typed or refused so that they can see why.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Final

from domain.errors import Collector, ErrorCode

# The bidirectional controls (all of category Cf, named for the message).
BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_BLANK_LOOKING: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Invisible characters free text keeps: joiners in emoji sequences and Indic/Persian script.
_TEXT_ALLOWED: Final = frozenset("\u200c\u200d\n\r\t")


def _invisible(char: str, allowed: frozenset[str]) -> bool:
    if char in allowed:
        return False
    # Cf: format characters; Cc: controls; Zl/Zp: line and paragraph separators; Cs: lone
    # surrogates; and the letters and symbols that render as blank (Hangul fillers, braille blank).
    return char in _BLANK_LOOKING or unicodedata.category(char) in {"Cf", "Cc", "Zl", "Zp", "Cs"}


def invisible_characters(value: str, multiline: bool = False) -> list[str]:
    """The characters of `value` a name (or, `multiline`, a free text) may not hold, in order."""
    allowed = _TEXT_ALLOWED if multiline else frozenset()
    return [c for c in value if _invisible(c, allowed)]


def describe(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def text_problem(value: str, multiline: bool = False) -> str | None:
    """Why `value` may not be stored as a name (or, `multiline`, as a free text); None when fine."""
    found = invisible_characters(value, multiline)
    if not found:
        return None
    first = found[0]
    if first in BIDI_CONTROLS:
        kind = "a text-direction control character"
    elif first in "\n\r\u2028\u2029" or unicodedata.category(first) == "Cc":
        kind = "a line break or control character" if not multiline else "a control character"
    else:
        kind = "an invisible character"
    return f"holds {kind}, {describe(first)}; retype it without"


def name_problem(value: str) -> str | None:
    """Why `value` may not be stored as a name (single line, nothing invisible); None when fine."""
    return text_problem(value, multiline=False)


def free_text_problem(value: str) -> str | None:
    """Why `value` may not be stored as a free text; None when fine."""
    return text_problem(value, multiline=True)


def label(field: str) -> str:
    """`franchisee_name` → `franchisee name` (for messages)."""
    return field.rsplit(".", 1)[-1].replace("_", " ")


def _checked(
    errors: Collector,
    field: str,
    value: str | None,
    required: bool,
    problem_of: Callable[[str], str | None],
) -> str | None:
    """`value` trimmed, when `problem_of` finds nothing wrong with it; else the problem (or a
    missing required value) is added to `errors` and None returned."""
    text = (value or "").strip()
    if not text:
        if required:
            errors.add(field, f"{label(field)} is required", ErrorCode.REQUIRED)
        return None
    problem = problem_of(text)
    if problem:
        errors.add(field, f"{label(field)} {problem}")
        return None
    return text


def checked_name(
    errors: Collector, field: str, value: str | None, limit: int, required: bool = True
) -> str | None:
    """`value` trimmed, when it may be stored as a name; else the problem is added to `errors`.

    None for an empty optional name (and for any refused one).
    """
    return _checked(
        errors,
        field,
        value,
        required,
        lambda text: f"is longer than {limit}" if len(text) > limit else name_problem(text),
    )


def checked_free_text(
    errors: Collector, field: str, value: str | None, limit: int, required: bool = False
) -> str | None:
    """`value` trimmed, when it may be stored as a free text; else the problem goes to `errors`."""
    return _checked(
        errors,
        field,
        value,
        required,
        lambda text: (
            f"holds at most {limit} characters" if len(text) > limit else free_text_problem(text)
        ),
    )
