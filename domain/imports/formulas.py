"""Spreadsheet formulas in cells (OWASP "CSV injection"): what every export neutralises and
what the import warns about.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (a tab or
a carriage return in front does not stop them) as a formula: `=cmd|' /C calc'!A0` starts a
program, `=HYPERLINK(...)` sends data away. A CSV cell that would start so gets a leading `'`
(the spreadsheet shows the text, runs nothing); the CSV reader takes exactly one `'` off again,
so an export imports back unchanged. XLSX cells are written as text with Excel's quote prefix
(domain.imports.tabular) and need no marker.
"""

from __future__ import annotations

import re
from typing import Final

TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE: Final = re.compile(r"^'*[=+\-@\t\r]")  # quotes already there are kept: one more
_QUOTED: Final = re.compile(r"^'+[=+\-@\t\r]")
# A signed number or a phone number with its country code runs nothing worth a warning.
_NUMBER: Final = re.compile(r"^[+\-][0-9][0-9 ().\-]*$")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would take `text` as a formula."""
    return text.startswith(TRIGGERS)


def to_csv(text: str) -> str:
    """A text cell as a CSV file holds it: a leading `'` when it would start a formula."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def from_csv(text: str) -> str:
    """A CSV cell's text as it was before `to_csv`."""
    return text[1:] if _QUOTED.match(text) else text


def warning(text: str) -> str | None:
    """What to tell the person importing a text cell that a spreadsheet would run, or None."""
    if not starts_formula(text) or _NUMBER.match(text):
        return None
    return f"starts with {text[0]!r}: kept as text, but a spreadsheet would run it as a formula"
